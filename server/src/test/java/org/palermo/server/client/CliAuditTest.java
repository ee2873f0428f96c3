package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.TestServer;

/**
 * The audit log as members see it: each action signed by its member's client, what only the
 * server sees signed by the server, times to the minute; an entry edited or dropped in MariaDB
 * is refused (exit 3), and an export verifies offline with no server and no account.
 */
class CliAuditTest {
  private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Setup(Person owner, Person editor, String ws, String doc) {}

  private static Setup setup() throws Exception {
    Person owner = cli.register("ow");
    Person editor = cli.register("ed");
    String ws = ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    String invitation = ok(cli.as(owner, "workspace", "invite", ws, editor.handle(), "--role",
        "editor")).line("invitation");
    ok(cli.as(editor, "workspace", "accept", invitation));
    Path file = owner.home().getParent().resolve("notes.txt");
    Files.writeString(file, "Interview notes " + System.nanoTime());
    String doc = ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    return new Setup(owner, editor, ws, doc);
  }

  private static List<String> lines(Cli.Run run) {
    return run.out().lines().filter(l -> l.matches("\\d+  .*")).toList();
  }

  @Test
  void everyActionIsSignedByItsMember_andWhatOnlyTheServerSeesByTheServer() throws Exception {
    Setup s = setup();
    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "public", "--yes"));
    ok(cli.as(s.editor(), "doc", "rm", s.ws(), s.doc()));

    Cli.Run shown = ok(cli.as(s.editor(), "audit", "show", s.ws()));
    List<String> entries = lines(shown);
    assertEquals(9, entries.size(), shown.out());
    assertTrue(entries.get(0).contains(s.owner().handle() + "  membership create"),
        entries.get(0));
    assertTrue(entries.get(1).contains(s.owner().handle() + "  membership invite"),
        entries.get(1));
    assertTrue(entries.get(2).contains(s.editor().handle() + "  membership accept"),
        entries.get(2));
    assertTrue(entries.get(3).contains(s.owner().handle() + "  membership rekey"),
        "the owner's client gave the editor the epoch key: " + entries.get(3));
    assertTrue(entries.get(4).contains(s.owner().handle() + "  put version 1 of " + s.doc()),
        entries.get(4));
    assertTrue(entries.get(5).contains("server  public released " + s.doc() + " v1"),
        entries.get(5));
    assertTrue(entries.get(6).contains(s.owner().handle() + "  disclosure entry 0 of "),
        entries.get(6));
    assertTrue(entries.get(7).contains("server  public withdrawn " + s.doc() + " v1"),
        "removing a published document withdraws it: " + entries.get(7));
    assertTrue(entries.get(8).contains(s.editor().handle() + "  put version 2 of "),
        entries.get(8));
    for (String e : entries) {
      assertTrue(e.matches("\\d+  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z  .*"),
          "to the minute: " + e);
    }
    String head = shown.line("head");
    assertEquals(head, ok(cli.as(s.owner(), "audit", "verify", s.ws())).line("head"),
        "both members see the same head");
  }

  @Test
  void concurrentActions_eachGetTheirEntry_theLosersOfARaceRetry() throws Exception {
    Setup s = setup();
    int devices = 4;
    List<java.util.concurrent.Future<Cli.Run>> runs = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors
        .newFixedThreadPool(devices);
    try {
      for (int i = 0; i < devices; i++) {
        Path home = Cli.copyHome(s.owner().home(), s.owner().home().resolveSibling("device-" + i));
        Path file = home.resolveSibling("race-" + i + ".txt");
        Files.writeString(file, "race " + i);
        runs.add(pool.submit(() -> cli.run(home, "doc", "put", s.ws(), file.toString())));
      }
      for (java.util.concurrent.Future<Cli.Run> run : runs) {
        ok(run.get());
      }
    } finally {
      pool.shutdown();
    }
    List<String> entries = lines(ok(cli.as(s.owner(), "audit", "show", s.ws())));
    assertEquals(devices + 1, entries.stream().filter(e -> e.contains("  put version 1 of "))
        .count(), "one entry per document put: " + entries);
  }

  @Test
  void anEditedRow_orADroppedEntry_failsVerification() throws Exception {
    Setup s = setup();
    byte[] ws = HexFormat.of().parseHex(s.ws());
    ok(cli.as(s.owner(), "audit", "verify", s.ws()));
    byte[] entry = cli.bytes("SELECT entry FROM audit_entries WHERE workspace_id = ? AND"
        + " sequence = 1", ws);
    byte[] edited = entry.clone();
    edited[edited.length - 70] ^= 1;
    cli.update("UPDATE audit_entries SET entry = ? WHERE workspace_id = ? AND sequence = 1",
        edited, ws);
    Cli.Run tampered = cli.as(s.owner(), "audit", "verify", s.ws());
    assertEquals(3, tampered.code(), tampered.toString());
    cli.update("UPDATE audit_entries SET entry = ? WHERE workspace_id = ? AND sequence = 1",
        entry, ws);
    ok(cli.as(s.owner(), "audit", "verify", s.ws()));

    // Class 15: the last entry dropped, an older log served as current.
    cli.update("DELETE FROM audit_entries WHERE workspace_id = ? ORDER BY sequence DESC"
        + " LIMIT 1", ws);
    Cli.Run older = cli.as(s.owner(), "audit", "verify", s.ws());
    assertEquals(3, older.code(), older.toString());
    assertTrue(older.err().contains("rollback"), older.err());
  }

  @Test
  void anExport_verifiesOfflineWithNoServerAndNoAccount_andAChangedByteFails()
      throws Exception {
    Setup s = setup();
    Path file = s.owner().home().getParent().resolve("audit-" + s.ws() + ".palermo-audit");
    String head = ok(cli.as(s.owner(), "audit", "export", s.ws(), "-o", file.toString()))
        .line("head");
    Path stranger = Cli.home(Cli.unique("offline"));
    Cli.Run offline = ok(cli.runWith(stranger, null, "audit", "verify", "--file",
        file.toString()));
    assertEquals(head, offline.line("head"));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 10] ^= 1;
    Path changed = file.resolveSibling("changed.palermo-audit");
    Files.write(changed, bytes);
    Cli.Run refused = cli.runWith(stranger, null, "audit", "verify", "--file",
        changed.toString());
    assertEquals(3, refused.code(), refused.toString());
  }
}
