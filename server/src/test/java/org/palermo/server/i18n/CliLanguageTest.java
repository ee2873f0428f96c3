package org.palermo.server.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.TestServer;

/**
 * The command line against a real server in another language: what it prints itself, and the
 * server's refusals, which it asks for in the same language (Accept-Language).
 */
class CliLanguageTest {
  private static TestServer server;
  private static Cli cli;
  private static Cli.Person member;
  private static Cli.Person outsider;
  private static String ws;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    cli = new Cli(server);
    member = cli.register("fr");
    outsider = cli.register("ru");
    ws = ok(cli.as(member, "workspace", "create", "Coalition")).line("workspace");
    Path file = Cli.home(Cli.unique("lang")).getParent().resolve(Cli.unique("doc") + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "Témoignage.\n");
    ok(cli.as(member, "doc", "put", ws, file.toString(), "--title", "Témoignage"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void docList_inFrench() {
    Cli.Run english = ok(cli.as(member, "doc", "list", ws));
    Cli.Run french = ok(cli.as(member, "--lang", "fr", "doc", "list", ws));
    assertTrue(english.out().contains(" bytes, "), english.toString());
    assertTrue(french.out().contains(" octets, ") && french.out().contains("Témoignage"),
        french.toString());
  }

  @Test
  void theServersRefusal_inTheCommandLinesLanguage() {
    Cli.Run russian = cli.as(outsider, "--lang", "ru", "doc", "list", ws);
    assertEquals(2, russian.code(), russian.toString());
    assertTrue(russian.err().matches("(?s)palermo: .*\\p{IsCyrillic}{4,}.*"), russian.toString());
    Cli.Run arabic = cli.as(outsider, "--lang", "ar", "doc", "list", ws);
    assertEquals(2, arabic.code(), arabic.toString());
    assertTrue(arabic.err().startsWith("\u200Fpalermo: "), arabic.toString());
    assertTrue(arabic.err().matches("(?s).*\\p{IsArabic}{4,}.*"), arabic.toString());
  }
}
