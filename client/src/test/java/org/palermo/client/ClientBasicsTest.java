package org.palermo.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;
import org.palermo.client.home.Home;
import org.palermo.client.http.ServerTrust;

class ClientBasicsTest {
  @TempDir Path folder;

  @Test
  void pinFingerprint_acceptsColonsAndEitherCase() {
    String plain = "ab".repeat(32);
    String printed = String.join(":", java.util.Collections.nCopies(32, "AB"));
    assertArrayEquals(ServerTrust.parseFingerprint(plain), ServerTrust.parseFingerprint(printed));
    ClientException e = assertThrows(ClientException.class,
        () -> ServerTrust.parseFingerprint("abcd"));
    assertEquals(ClientException.USAGE, e.exitCode());
  }

  @Test
  void home_filesAreOwnerOnly_andSessionCanBeCleared() throws Exception {
    Home home = new Home(folder.resolve("home"));
    home.saveSession("token");
    assertEquals("token", home.session().orElseThrow());
    assertEquals("rwx------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(home.folder())));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(home.folder().resolve("session"))));
    home.clearSession();
    assertTrue(home.session().isEmpty());
  }

  private int run(StringWriter err, String... args) {
    return PalermoCli.run(new Terminal(new PrintWriter(new StringWriter()), new PrintWriter(err),
        Map.of("PALERMO_HOME", folder.resolve("cli").toString()), null), args);
  }

  @Test
  void cli_usageMistakes_exit1WithOneLine() {
    StringWriter err = new StringWriter();
    assertEquals(1, run(err, "account", "frobnicate"));
    assertTrue(err.toString().startsWith("palermo: "), err.toString());
    StringWriter noServer = new StringWriter();
    assertEquals(1, run(noServer, "account", "whoami"));
    assertTrue(noServer.toString().contains("--server"), noServer.toString());
    StringWriter http = new StringWriter();
    assertEquals(1, run(http, "--server", "http://example.org/", "account", "whoami"));
    assertTrue(http.toString().contains("https://"), http.toString());
  }

  @Test
  void cli_noPassphraseAndNoTerminal_saysHowToGiveOne() {
    StringWriter err = new StringWriter();
    int code = run(err, "--server", "https://127.0.0.1:1/", "--pin-cert", "00".repeat(32),
        "account", "login", "--name", "alice");
    assertEquals(1, code, err.toString());
    assertTrue(err.toString().contains("PALERMO_PASSPHRASE"), err.toString());
  }

  @Test
  void cli_serverUnreachable_isExit4() {
    StringWriter err = new StringWriter();
    int code = PalermoCli.run(new Terminal(new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("PALERMO_HOME", folder.resolve("c4").toString(),
            "PALERMO_PASSPHRASE", "long enough passphrase"), null),
        "--server", "https://127.0.0.1:1/", "--pin-cert", "00".repeat(32),
        "account", "login", "--name", "alice");
    assertEquals(4, code, err.toString());
  }
}
