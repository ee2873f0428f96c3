package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.config.PluginEventSettings;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.EventPlugins;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * Core events reach plugins after commit, in order per workspace, with ids and never content;
 * a plugin that throws or hangs is retried, then dead-lettered, visibly, while the core and the
 * other plugins go on.
 */
class PluginEventsTest {
  private static final PluginEventSettings FAST = new PluginEventSettings(
      Duration.ofMillis(700), 3, Duration.ofMillis(100), Duration.ofMillis(50));
  private static TestServer server;
  private static Path logs;
  private static Cli cli;
  private static Cli.Person owner;
  private static String ws;
  private static String doc;
  private static String editorAccount;

  @BeforeAll
  static void start() throws Exception {
    Path data = TestDatabase.folder("plugin-events");
    Path folder = data.resolve("plugins");
    logs = Files.createDirectories(data.resolve("logs"));
    for (String mode : new String[] {"record", "throw", "hang", "flaky"}) {
      EventPlugins.build(folder, mode + "-events", mode, logs.resolve(mode));
      PluginHostTest.admin(folder, "enable", mode + "-events", "--approve", "events");
    }
    server = TestServer.start(c -> TestServer.manyPeople(c.withPluginsDir(folder)
        .withPluginEvents(FAST)), Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
    owner = cli.register("ev");
    Cli.Person editor = cli.register("ed");
    editorAccount = cli.strings("SELECT LOWER(HEX(id)) FROM accounts WHERE handle = ?",
        editor.handle()).get(0);
    ws = Cli.ok(cli.as(owner, "workspace", "create", "Events")).line("workspace");
    String invitation = Cli.ok(cli.as(owner, "workspace", "invite", ws, editor.handle(),
        "--role", "editor")).line("invitation");
    Cli.ok(cli.as(editor, "workspace", "accept", invitation));
    Path file = data.resolve("draft.txt");
    Files.writeString(file, "A secret first draft");
    doc = Cli.ok(cli.as(owner, "doc", "put", ws, file.toString(), "--title", "Secret title"))
        .line("document");
    Files.writeString(file, "A secret second draft");
    Cli.ok(cli.as(owner, "doc", "put", ws, file.toString(), "--update", doc));
    Cli.ok(cli.as(owner, "doc", "disclose", ws, doc, "--level", "public", "--yes"));
    Cli.ok(cli.as(owner, "doc", "rm", ws, doc));
    Cli.ok(cli.as(owner, "workspace", "remove", ws, editor.handle()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<String> lines(String mode) throws Exception {
    Path log = logs.resolve(mode);
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** Waits up to 30 s for the log of {@code mode} to satisfy {@code done}. */
  private static List<String> await(String mode, Predicate<List<String>> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      List<String> lines = lines(mode);
      if (done.test(lines)) {
        return lines;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(mode + " never got there: " + lines(mode));
  }

  private static final List<String> EXPECTED = List.of("WORKSPACE_CREATED", "MEMBER_ADDED",
      "DOCUMENT_PUT", "DOCUMENT_VERSIONED", "DOCUMENT_DISCLOSED", "DOCUMENT_PUBLISHED",
      "DOCUMENT_DELETED", "MEMBER_REMOVED");

  private static List<String> delivered(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      if (l.startsWith("ok ")) {
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void eachChange_reachesAPlugin_inOrder_withIdsAndNoContent() throws Exception {
    List<String> ok = delivered(await("record", l -> delivered(l).size() >= EXPECTED.size()));
    assertEquals(EXPECTED, ok.stream().map(l -> l.split(" ")[2]).toList(), ok.toString());
    long last = 0;
    for (String l : ok) {
      String[] f = l.split(" ");
      assertTrue(Long.parseLong(f[1]) > last, "increasing sequence: " + ok);
      last = Long.parseLong(f[1]);
      assertEquals(ws, f[3], l);
    }
    assertEquals("ok " + ok.get(2).split(" ")[1] + " DOCUMENT_PUT " + ws + " " + doc
        + " 1 null null", ok.get(2));
    assertTrue(ok.get(1).endsWith(" null 0 " + editorAccount + " null"), ok.get(1));
    assertTrue(ok.get(4).endsWith(" " + doc + " 2 null public"), ok.get(4));
    assertTrue(ok.get(6).endsWith(" " + doc + " 3 null null"), ok.get(6));
    assertTrue(ok.get(7).endsWith(" null 0 " + editorAccount + " null"), ok.get(7));
    String all = String.join("\n", lines("record"));
    assertFalse(all.contains("secret") || all.contains("Secret") || all.contains("Events"),
        all);
    List<String> again = lines("record");
    Thread.sleep(500);
    assertEquals(again, lines("record"), "each event once when nothing failed");
  }

  @Test
  void aFlakyPlugin_getsEachEventAgain_untilItTakesIt_stillInOrder() throws Exception {
    List<String> ok = delivered(await("flaky", l -> delivered(l).size() >= EXPECTED.size()));
    assertEquals(EXPECTED, ok.stream().map(l -> l.split(" ")[2]).toList());
    assertEquals(3 * EXPECTED.size() + EXPECTED.size(), lines("flaky").size(),
        "three tries and one success line per event: " + lines("flaky"));
    assertEquals(0, plugin("flaky-events.jar").path("events").path("deadLetters").asLong());
  }

  @Test
  void throwingAndHangingPlugins_deadLetterEachEvent_andNothingElseWaits() throws Exception {
    for (String mode : new String[] {"throw", "hang"}) {
      JsonNode p = awaitDeadLetters(mode + "-events.jar", EXPECTED.size());
      assertEquals("started", p.path("state").asText());
      JsonNode latest = p.path("events").path("recent").get(0);
      assertEquals("MEMBER_REMOVED", latest.path("kind").asText(), p.toString());
      assertEquals(3, latest.path("failures").asInt());
      // Public: the exception's class, never the plugin's message.
      assertEquals(mode.equals("throw") ? "java.lang.IllegalStateException"
          : "its handler has not returned from an earlier call yet",
          latest.path("reason").asText(), latest.toString());
      assertTrue(latest.path("failedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\dZ"),
          latest.toString());
      // A throwing handler is tried three times per event; a hung one keeps its one thread
      // (no pile of threads): the later tries fail at once without calling it.
      assertEquals(mode.equals("throw") ? 3 * EXPECTED.size() : 1, lines(mode).stream()
          .filter(l -> l.startsWith(">")).count(), "calls, in order: " + lines(mode));
    }
    assertEquals(200, server.get("api/v1/health").statusCode());
    String another = Cli.ok(cli.as(owner, "workspace", "create", "Later")).line("workspace");
    await("record", l -> l.stream().anyMatch(x -> x.startsWith("ok ")
        && x.contains(" WORKSPACE_CREATED " + another + " ")));
  }

  private static JsonNode awaitDeadLetters(String file, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonNode p = plugin(file);
    while (p.path("events").path("deadLetters").asInt() < count
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
      p = plugin(file);
    }
    assertEquals(count, p.path("events").path("deadLetters").asInt(), p.toString());
    return p;
  }

  private static JsonNode plugin(String file) throws Exception {
    var answer = server.get("api/v1/plugins");
    assertEquals(200, answer.statusCode(), answer.body());
    for (JsonNode p : new ObjectMapper().readTree(answer.body()).path("plugins")) {
      if (file.equals(p.path("file").asText())) {
        return p;
      }
    }
    throw new AssertionError(file + " not listed: " + answer.body());
  }
}
