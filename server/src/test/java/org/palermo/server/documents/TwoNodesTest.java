package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.storage.EmbeddedMariaDb;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.ServerProcess;
import org.palermo.server.testing.TestDatabase;

/**
 * Two nodes behind one name: two server processes on this machine, each with its own data
 * folder (its own TLS certificate) and port, sharing one MariaDB and one S3 bucket (s3proxy in
 * this JVM). Whatever one node does, the other sees at once: sessions, documents, membership,
 * logouts, and the decoy login parameters that hide which handles exist.
 */
class TwoNodesTest {
  private static final String BUCKET = "palermo-two-nodes";
  private static final String ACCESS_KEY = "two-nodes-access";
  private static final String SECRET_KEY = "two-nodes-secret-never-printed";

  private static EmbeddedMariaDb database;
  private static DatabaseSettings settings;
  private static org.gaul.s3proxy.blobstore.BlobStore backend;
  private static S3Proxy proxy;
  private static URI s3;

  @BeforeAll
  static void startDatabaseAndS3() throws Exception {
    database = TestDatabase.startPrivate("two-nodes-db");
    settings = database.provision("palermo", "palermo");
    backend = new TransientNio2BlobStore();
    backend.createContainer(BUCKET);
    proxy = S3Proxy.builder().blobStore(backend).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    s3 = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  @AfterEach
  void killNodes() {
    ServerProcess.killAll();
  }

  @AfterAll
  static void stopDatabaseAndS3() throws Exception {
    if (proxy != null) {
      proxy.stop();
    }
    if (backend != null) {
      backend.close();
    }
    if (database != null) {
      database.stop();
    }
  }

  private static Map<String, String> nodeEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("PALERMO_DB_URL", settings.url());
    env.put("PALERMO_DB_USER", settings.user());
    env.put("PALERMO_DB_PASSWORD_FILE", database.folder().resolve("palermo.password").toString());
    env.put("PALERMO_BLOB_STORE", "s3");
    env.put("PALERMO_S3_ENDPOINT", s3.toString());
    env.put("PALERMO_S3_BUCKET", BUCKET);
    env.put("PALERMO_S3_ACCESS_KEY_ID", ACCESS_KEY);
    env.put("PALERMO_S3_SECRET_ACCESS_KEY", SECRET_KEY);
    env.put("PALERMO_RATE_LIMIT_API_PER_ADDRESS", "100000/1m");
    env.put("PALERMO_RATE_LIMIT_REGISTER_PER_ADDRESS", "1000/1m");
    env.put("PALERMO_RATE_LIMIT_LOGIN_PER_ADDRESS", "1000/1m");
    return env;
  }

  private static Cli.Run ok(Cli.Run run) {
    assertEquals(0, run.code(), run.toString());
    return run;
  }

  @Test
  @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void sessionsDocumentsAndMembership_madeOnOneNode_holdOnTheOther() throws Exception {
    long t0 = System.nanoTime();
    Path data1 = TestDatabase.folder("node1");
    Path data2 = TestDatabase.folder("node2");
    // Both at once, on an empty schema, as a rolling deployment may start them.
    ExecutorService starter = Executors.newFixedThreadPool(2);
    ServerProcess node1;
    ServerProcess node2;
    try {
      Future<ServerProcess> starting1 = starter.submit(
          () -> ServerProcess.start(data1, ServerProcess.freePort(), nodeEnvironment()));
      Future<ServerProcess> starting2 = starter.submit(
          () -> ServerProcess.start(data2, ServerProcess.freePort(), nodeEnvironment()));
      node1 = starting1.get();
      node2 = starting2.get();
    } finally {
      starter.shutdownNow();
    }
    assertNotEquals(node1.baseUri(), node2.baseUri());
    assertNotEquals(node1.fingerprint(), node2.fingerprint(), "each node its own certificate");
    assertEquals(line(node1, "installation"), line(node2, "installation"), "one installation");
    Cli one = new Cli(node1, settings);
    Cli two = new Cli(node2, settings);
    phase(t0, "started");

    // A session made through one node holds on the other, both ways.
    String aName = Cli.unique("a");
    Path a = Cli.home(aName);
    ok(one.run(a, "account", "register", "--name", aName));
    assertEquals(aName, ok(two.runWith(a, null, "account", "whoami")).line("handle"));
    String bName = Cli.unique("b");
    Path b = Cli.home(bName);
    ok(two.run(b, "account", "register", "--name", bName));
    assertEquals(bName, ok(one.runWith(b, null, "account", "whoami")).line("handle"));
    phase(t0, "sessions");

    // A membership change through node 2 is what node 1 answers with.
    String ws = ok(one.run(a, "workspace", "create", "Two nodes " + aName)).line("workspace");
    Cli.Run invite = ok(two.run(a, "workspace", "invite", ws, bName, "--role", "editor"));
    Cli.Run accepted = ok(two.run(b, "workspace", "accept", invite.line("invitation")));
    assertEquals(invite.line("verificationCode"), accepted.line("verificationCode"));
    assertTrue(ok(one.run(a, "workspace", "members", ws)).out().contains(bName),
        "node 1 lists the member who joined through node 2");
    phase(t0, "joined");

    // A document put through node 1 (its blobs in the shared bucket) reads back through node 2.
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new SecureRandom().nextBytes(content);
    Path folder = Cli.home(Cli.unique("two-nodes-files")).getParent();
    Files.createDirectories(folder);
    Path file = folder.resolve("report.bin");
    Files.write(file, content);
    String doc = ok(one.run(a, "doc", "put", ws, file.toString(), "--title", "Report"))
        .line("document");
    Path byB = folder.resolve("by-b.out");
    ok(two.run(b, "doc", "get", ws, doc, "-o", byB.toString()));
    assertArrayEquals(content, Files.readAllBytes(byB));
    assertFalse(backend.list(BUCKET).contents().isEmpty(), "the sealed content is in S3");
    for (Path data : List.of(data1, data2)) {
      assertFalse(Files.exists(data.resolve("blobs")) && hasFiles(data.resolve("blobs")),
          "no blobs on a node's own disk");
    }
    phase(t0, "document");

    // A removal through node 2 shuts B out of node 1 at once.
    ok(two.run(a, "workspace", "remove", ws, bName));
    Cli.Run refused = one.run(b, "doc", "list", ws);
    assertEquals(2, refused.code(), refused.toString());
    assertFalse(ok(one.run(a, "workspace", "members", ws)).out().contains(bName));
    phase(t0, "removed");

    // A logout through node 2 ends the session on node 1 too.
    Path aCopy = folder.resolve("a-copy");
    Cli.copyHome(a, aCopy);
    ok(two.runWith(a, null, "account", "logout"));
    Cli.Run stale = one.runWith(aCopy, null, "account", "whoami");
    assertEquals(2, stale.code(), stale.toString());

    // Both nodes give the same decoy for a handle nobody has (no enumeration by comparing).
    String nobody = "login-parameters?handle=" + Cli.unique("nobody");
    assertEquals(get(node1, "api/v1/accounts/" + nobody), get(node2, "api/v1/accounts/" + nobody));
    for (ServerProcess node : List.of(node1, node2)) {
      assertFalse(node.output().contains("Unexpected error"), node.output());
    }
    phase(t0, "done");
  }

  private static String get(ServerProcess node, String path) throws Exception {
    HttpResponse<String> r = node.httpClient().send(HttpRequest.newBuilder(
        node.baseUri().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  private static String line(ServerProcess node, String key) {
    return node.lines().stream().map(String::strip).filter(l -> l.startsWith(key + " "))
        .findFirst().orElseThrow(() -> new AssertionError("no " + key + ": " + node.output()));
  }

  private static boolean hasFiles(Path folder) throws Exception {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.anyMatch(Files::isRegularFile);
    }
  }

  private static void phase(long t0, String name) {
    System.out.printf("TwoNodesTest %-10s %6.1f s%n", name, (System.nanoTime() - t0) / 1e9);
  }
}
