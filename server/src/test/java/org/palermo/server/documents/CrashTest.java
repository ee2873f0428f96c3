package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.http.ServerTrust;
import org.palermo.client.strip.MetadataStripper;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.ServerProcess;
import org.palermo.server.testing.TestDatabase;

/**
 * Crash safety of uploads: twenty people's devices upload documents of a few MB at once to the
 * server (a child JVM with the embedded MariaDB and local blobs), which is killed with SIGKILL,
 * database included, once five of them were acknowledged. A new server on the same data folder
 * and port then gives back every acknowledged document byte for byte through {@code palermo doc
 * get}; every document it lists as complete opens and verifies in full (none half-stored looks
 * complete); and nothing anywhere answered 500.
 */
class CrashTest {
  private static final int UPLOADS = 20;
  private static final int KILL_AFTER = 5;
  private static final Map<String, String> GENEROUS = Map.of(
      "PALERMO_RATE_LIMIT_API_PER_ADDRESS", "100000/1m",
      "PALERMO_RATE_LIMIT_API_PER_ACCOUNT", "100000/1m",
      "PALERMO_RATE_LIMIT_REGISTER_PER_ADDRESS", "1000/1m",
      "PALERMO_RATE_LIMIT_LOGIN_PER_ADDRESS", "1000/1m");

  @AfterEach
  void killServers() {
    ServerProcess.killAll();
  }

  private static Cli.Run ok(Cli.Run run) {
    assertEquals(0, run.code(), run.toString());
    return run;
  }

  /** One upload's outcome: the document when the server acknowledged it, else the failure. */
  private record Outcome(Optional<DocumentId> acknowledged, Optional<Throwable> failure) {}

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killedDuringTwentyUploads_acknowledgedSurviveAndNothingHalfStoredIsComplete()
      throws Exception {
    long t0 = System.nanoTime();
    Path data = TestDatabase.folder("crash");
    int port = ServerProcess.freePort();
    ServerProcess first = ServerProcess.start(data, port, GENEROUS);
    Cli cli = new Cli(first, null);
    phase(t0, "started");

    String handle = Cli.unique("a");
    Path home = Cli.home(handle);
    ok(cli.run(home, "account", "register", "--name", handle));
    String ws = ok(cli.run(home, "workspace", "create", "Crash " + handle)).line("workspace");
    Path folder = Cli.home(Cli.unique("crash-files")).getParent();
    Files.createDirectories(folder);
    Path warmUp = folder.resolve("warm-up.bin");
    Files.write(warmUp, random(1000));
    ok(cli.run(home, "doc", "put", ws, warmUp.toString(), "--title", "warm-up"));

    phase(t0, "warmed up");
    // Twenty devices of the same person: copies of the home, sharing the keys opened once.
    IdentityKeys keys = new AccountClient(http(first, new Home(home)), new Home(home))
        .unlock(Cli.PASSPHRASE.toCharArray());
    List<Path> files = new ArrayList<>();
    List<DocumentClient> clients = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      Path file = folder.resolve("upload-" + i + ".bin");
      Files.write(file, content(1024 * 1024 + i * 100 * 1024));
      files.add(file);
      Home device = new Home(Cli.copyHome(home, folder.resolve("home-" + i)));
      PalermoHttp http = http(first, device);
      AccountClient accounts = new AccountClient(http, device);
      WorkspaceClient workspaces = new WorkspaceClient(http, device, keys, accounts);
      clients.add(new DocumentClient(http, device, workspaces, new MetadataStripper(),
          new AuditClient(http, device, workspaces, Clock.systemUTC()), Clock.systemUTC()));
    }
    phase(t0, "prepared");

    WorkspaceId workspace = WorkspaceId.parse(ws);
    Map<Integer, Outcome> outcomes = new ConcurrentHashMap<>();
    AtomicInteger acknowledged = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        try {
          go.await();
          DocumentClient.Put put = clients.get(n).put(workspace, files.get(n),
              Optional.of("upload-" + n), List.of(), false, DisclosureLevel.CONFIDENTIAL,
              DocumentClient.Progress.NONE);
          outcomes.put(n, new Outcome(Optional.of(put.document()), Optional.empty()));
          acknowledged.incrementAndGet();
        } catch (Throwable e) {
          outcomes.put(n, new Outcome(Optional.empty(), Optional.of(e)));
        }
      }, "upload-" + n);
      t.start();
      threads.add(t);
    }
    go.countDown();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (acknowledged.get() < KILL_AFTER && outcomes.size() < UPLOADS
        && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    first.kill();
    int acknowledgedAtKill = acknowledged.get();
    phase(t0, "killed");
    for (Thread t : threads) {
      t.join(60_000);
      assertFalse(t.isAlive(), t.getName() + " still runs");
    }
    phase(t0, "joined");

    Map<Integer, DocumentId> acked = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < UPLOADS; i++) {
      Outcome o = outcomes.get(i);
      if (o.acknowledged().isPresent()) {
        acked.put(i, o.acknowledged().get());
        continue;
      }
      Throwable e = o.failure().orElseThrow();
      // The server vanished: the network failed. A 5xx or any other answer is a server fault.
      assertTrue(e instanceof ClientException c && c.exitCode() == ClientException.UNREACHABLE
          && c.status() == 0, () -> "upload " + o + ": " + stack(e));
      failures.add(i + ": " + e.getMessage());
    }
    System.out.println("CrashTest acknowledged " + acked.keySet() + " (" + acknowledgedAtKill
        + " when killed); failed " + failures);
    assertTrue(acked.size() >= KILL_AFTER, "acknowledged " + acked.keySet());
    assertFalse(failures.isEmpty(), "the kill found no upload in flight");
    assertNoServerErrors(first);

    ServerProcess second = ServerProcess.start(data, port, GENEROUS);
    assertTrue(second.output().contains("(existing data)"), second.output());
    assertEquals(first.fingerprint(), second.fingerprint(), "same certificate");
    phase(t0, "restarted");

    // Every acknowledged document, through the command line, byte for byte.
    for (Map.Entry<Integer, DocumentId> e : acked.entrySet()) {
      Path out = folder.resolve("acknowledged-" + e.getKey() + ".out");
      ok(cli.run(home, "doc", "get", ws, e.getValue().toString(), "-o", out.toString()));
      assertArrayEquals(Files.readAllBytes(files.get(e.getKey())), Files.readAllBytes(out),
          "acknowledged upload " + e.getKey());
    }
    phase(t0, "acked read");

    // Every document listed as complete opens in full and is the file of its title.
    JsonNode listed = new ObjectMapper().readTree(
        ok(cli.run(home, "--json", "doc", "list", ws)).out());
    Home reader = new Home(home);
    PalermoHttp http = http(second, reader);
    WorkspaceClient readerWorkspaces = new WorkspaceClient(http, reader, keys,
        new AccountClient(http, reader));
    DocumentClient documents = new DocumentClient(http, reader, readerWorkspaces,
        new MetadataStripper(), new AuditClient(http, reader, readerWorkspaces,
            Clock.systemUTC()), Clock.systemUTC());
    List<Integer> complete = new ArrayList<>();
    for (JsonNode d : listed.path("documents")) {
      String title = d.path("title").asText();
      if (title.equals("warm-up")) {
        continue;
      }
      int n = Integer.parseInt(title.substring("upload-".length()));
      complete.add(n);
      Path out = folder.resolve("listed-" + n + ".out");
      documents.get(workspace, DocumentId.parse(d.path("document").asText()), Optional.empty(),
          out, DocumentClient.Progress.NONE);
      assertArrayEquals(Files.readAllBytes(files.get(n)), Files.readAllBytes(out),
          "listed upload " + n);
      assertEquals(Files.size(files.get(n)), d.path("bytes").asLong());
    }
    System.out.println("CrashTest complete after restart " + complete);
    assertTrue(complete.containsAll(acked.keySet()), "listed " + complete + ", acknowledged "
        + acked.keySet());
    assertEquals(complete.size(), complete.stream().distinct().count(), "listed once each");

    // The restarted server takes new work.
    Path after = folder.resolve("after.bin");
    Files.write(after, random(300_000));
    ok(cli.run(home, "doc", "put", ws, after.toString(), "--title", "after"));
    assertNoServerErrors(second);
    phase(t0, "verified");
  }

  /**
   * A crash of the server's JVM alone (kill -9, the OOM killer) leaves its embedded mariadbd
   * running and holding the data folder: the next start on that folder waits 30 seconds for
   * MariaDB and gave up, until EmbeddedMariaDb learnt to stop a leftover mariadbd of its own
   * folder before starting one.
   */
  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void jvmKilledAlone_restartOnSameData_findsTheData() throws Exception {
    Path data = TestDatabase.folder("crash-jvm");
    int port = ServerProcess.freePort();
    ServerProcess first = ServerProcess.start(data, port, Map.of());
    String installation = first.lines().stream().filter(l -> l.contains("installation "))
        .findFirst().orElseThrow();
    first.process().destroyForcibly();
    assertTrue(first.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
    ServerProcess second = ServerProcess.start(data, port, Map.of());
    assertTrue(second.output().contains(installation), second.output());
  }

  private static void assertNoServerErrors(ServerProcess server) {
    for (String line : server.lines()) {
      assertFalse(line.contains("Unexpected error")
          || line.contains(":ERROR:"), "a server error: " + line + "\n" + server.output());
    }
  }

  private static PalermoHttp http(ServerProcess server, Home home) {
    PalermoHttp http = new PalermoHttp(server.baseUri(),
        ServerTrust.pinned(ServerTrust.parseFingerprint(server.fingerprint())));
    http.useToken(home.requireSession());
    return http;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  /** Incompressible bytes, quickly: content needs no secrecy here, only to be different. */
  private static byte[] content(int n) {
    byte[] b = new byte[n];
    new java.util.SplittableRandom(new SecureRandom().nextLong()).nextBytes(b);
    return b;
  }

  private static String stack(Throwable e) {
    java.io.StringWriter w = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(w));
    return w.toString();
  }

  private static void phase(long t0, String name) {
    System.out.printf("CrashTest %-10s %6.1f s%n", name, (System.nanoTime() - t0) / 1e9);
  }
}
