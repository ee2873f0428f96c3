package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.EventPlugins;
import org.palermo.server.testing.ServerProcess;
import org.palermo.server.testing.TestDatabase;

/**
 * Events survive a crash between commit and delivery. The server runs as an operator runs it (a
 * child JVM, embedded MariaDB) with a plugin whose handler blocks on the first event; a second
 * workspace's event is committed behind it, never handed over; then the server, database
 * included, is killed with SIGKILL. Started again on the same data, it delivers both: the one
 * that was in the handler when the process died, and the one that was only committed.
 */
class PluginEventsCrashTest {
  @AfterEach
  void killServers() {
    ServerProcess.killAll();
  }

  private static List<String> lines(Path log) throws Exception {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private static void await(Path log, Predicate<List<String>> done) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (done.test(lines(log))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("never got there: " + lines(log));
  }

  @Test
  @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killedBetweenCommitAndDelivery_theEventsComeAfterTheRestart() throws Exception {
    Path data = TestDatabase.folder("events-crash");
    Path folder = data.resolve("plugins");
    Path log = data.resolveSibling(data.getFileName() + "-events.log");
    EventPlugins.build(folder, "blocker", "block", log);
    PluginHostTest.admin(folder, "enable", "blocker", "--approve", "events");
    Path block = Path.of(log + ".block");
    Files.writeString(block, "hold the first event");
    int port = ServerProcess.freePort();
    // The handler may take its time: the kill comes well before the host gives up on it.
    Map<String, String> env = Map.of("PALERMO_PLUGIN_EVENT_TIMEOUT_SECONDS", "600");
    ServerProcess first = ServerProcess.start(data, port, env);
    Cli cli = new Cli(first, null);
    String handle = Cli.unique("k");
    Path home = Cli.home(handle);
    Cli.ok(cli.run(home, "account", "register", "--name", handle));
    String held = Cli.ok(cli.run(home, "workspace", "create", "Held")).line("workspace");
    await(log, l -> l.stream().anyMatch(x -> x.startsWith("> ")
        && x.endsWith(" WORKSPACE_CREATED")));
    String queued = Cli.ok(cli.run(home, "workspace", "create", "Queued")).line("workspace");
    Thread.sleep(300);
    assertTrue(lines(log).stream().noneMatch(x -> x.startsWith("ok ")), lines(log).toString());
    assertEquals(1, lines(log).size(), "one call began, none ended: " + lines(log));

    first.kill();
    Files.delete(block);
    ServerProcess second = ServerProcess.start(data, port, env);
    await(log, l -> l.stream().filter(x -> x.startsWith("ok ")).count() >= 2);
    List<String> ok = lines(log).stream().filter(x -> x.startsWith("ok ")).toList();
    // Order holds within a workspace; across workspaces, and after the held one's lease
    // expired, either may come first.
    assertTrue(ok.stream().anyMatch(x -> x.contains(" WORKSPACE_CREATED " + held + " ")),
        ok.toString());
    assertTrue(ok.stream().anyMatch(x -> x.contains(" WORKSPACE_CREATED " + queued + " ")),
        ok.toString());
    assertEquals(2, ok.size(), lines(log).toString());
    second.terminate(Duration.ofSeconds(60));
  }
}
