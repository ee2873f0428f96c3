package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.ResponseAssertions.assertProblem;

import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.TestServer;

/**
 * Bad input to the document and workspace routes answers 4xx problem+json, never a 500; a
 * connection dropped in the middle of an upload resumes where it stopped; quotas answer 413.
 */
class DocumentInputTest {
  private static final long QUOTA = 3L * 1024 * 1024;
  private static final long BODY_LIMIT = 128 * 1024;
  /** The first upload run the server receives breaks after this many bytes, once. */
  private static final int DROP_AFTER = 1024 * 1024 + 7;
  private static final AtomicBoolean dropNext = new AtomicBoolean();
  private static TestServer server;
  private static Cli cli;
  private static Path home;
  private static String ws;
  private static String doc;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    RateLimitRule generous = new RateLimitRule(10_000, Duration.ofMinutes(1));
    server = TestServer.start(c -> c.withRateLimit(RateLimit.REGISTER_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.LOGIN_PER_ADDRESS, generous)
        .withWorkspaceQuotaBytes(QUOTA).withMaxBodyBytes(BODY_LIMIT), Clock.systemUTC(), rc -> rc.register(
            (ContainerRequestFilter) request -> {
              if ("PUT".equals(request.getMethod()) && dropNext.getAndSet(false)) {
                request.setEntityStream(new Dropping(request.getEntityStream()));
              }
            }));
    cli = new Cli(server);
    String handle = Cli.unique("in");
    home = Cli.home(handle);
    assertEquals(0, cli.run(home, "account", "register", "--name", handle).code());
    ws = cli.run(home, "workspace", "create", "Inputs").line("workspace");
    Path small = home.getParent().resolve("small.txt");
    Files.writeString(small, "small");
    doc = cli.run(home, "doc", "put", ws, small.toString()).line("document");
    token = Files.readString(home.resolve("session")).strip();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A request body that fails like a dropped connection after {@link #DROP_AFTER} bytes. */
  private static final class Dropping extends FilterInputStream {
    private long left = DROP_AFTER;

    Dropping(InputStream in) {
      super(in);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("connection reset (test)");
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }

  private static HttpRequest.Builder authed(String path) {
    return server.request(path).header("Authorization", "Bearer " + token);
  }

  private static HttpResponse<String> postJson(String path, String json) {
    return server.send(authed(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static HttpResponse<String> get(String path) {
    return server.send(authed(path).GET().build());
  }

  @Test
  void malformedAndUnknownIds_are404() {
    assertProblem(get("api/v1/workspaces/not-an-id/documents"), 404, "not-found");
    assertProblem(get("api/v1/workspaces/" + "ab".repeat(16) + "/documents"), 404, "not-found");
    assertProblem(get("api/v1/workspaces/" + "ab".repeat(16) + "/membership"), 404,
        "not-found");
    assertProblem(get("api/v1/workspaces/" + ws + "/documents/zz/versions"), 404, "not-found");
    assertProblem(get("api/v1/workspaces/" + ws + "/documents/" + doc + "/versions/x/content"),
        404, "not-found");
    assertProblem(get("api/v1/workspaces/" + ws + "/documents/" + doc + "/versions/1/secret"),
        404, "not-found");
    assertProblem(get("api/v1/workspaces/" + ws + "/documents/" + doc + "/versions/9/content"),
        404, "not-found");
    assertProblem(get("api/v1/uploads/" + "cd".repeat(16)), 404, "not-found");
  }

  @Test
  void brokenBodies_are400() {
    String versions = "api/v1/workspaces/" + ws + "/documents/" + "ef".repeat(16) + "/versions";
    assertEquals("manifest", assertProblem(postJson(versions,
        "{\"manifest\":\"***\",\"signature\":\"AA\"}"), 400, "invalid-request")
        .path("field").asText());
    assertEquals("manifest", assertProblem(postJson(versions,
        "{\"manifest\":\"AAAA\",\"signature\":\"" + "A".repeat(86) + "\"}"), 400,
        "invalid-request").path("field").asText());
    assertProblem(postJson(versions, "{\"manifest\":\"AAAA\"}"), 400, "invalid-request");
    assertProblem(postJson("api/v1/workspaces/" + ws + "/membership", "{\"entry\":\"AAAA\"}"),
        400, "invalid-request");
    assertProblem(postJson("api/v1/workspaces", "{\"entry\":\"%%%\"}"), 400, "invalid-request");
    assertProblem(postJson("api/v1/workspaces", "{\"entry\":\"AAAA\",\"extra\":1}"), 400,
        "invalid-json");
    assertProblem(get("api/v1/workspaces/" + ws + "/documents?limit=abc"), 400,
        "invalid-request");
    assertProblem(get("api/v1/workspaces/" + ws + "/documents?after=xyz"), 400,
        "invalid-request");
    assertProblem(server.send(authed("api/v1/uploads/" + "cd".repeat(16) + "/content?offset=-1")
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build()), 400,
        "invalid-request");
  }

  @Test
  void oversizedJson_is413() throws Exception {
    // Announced over the limit: refused before the body is read. A raw TLS socket sends the
    // headers only, so the answer cannot race a connection reset over unread bytes.
    javax.net.ssl.SSLSocketFactory factory = TestServer.trusting(server.server())
        .getSocketFactory();
    java.net.URI base = server.server().baseUri();
    try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) factory.createSocket(
        base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String request = "POST /api/v1/workspaces/" + ws + "/documents/" + doc + "/versions"
          + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (BODY_LIMIT + 10)
          + "\r\n\r\n{\"manifest\":\"";
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(),
          java.nio.charset.StandardCharsets.US_ASCII);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.contains("application/problem+json"), answer);
    }
  }

  @Test
  void droppedConnection_resumesWhereItStopped() throws Exception {
    byte[] content = new byte[2 * 1024 * 1024 + 123];
    new SecureRandom().nextBytes(content);
    Path file = home.getParent().resolve("resumed.bin");
    Files.write(file, content);
    dropNext.set(true);
    Cli.Run put = cli.run(home, "doc", "put", ws, file.toString());
    assertEquals(0, put.code(), put.toString());
    String id = put.line("document");
    List<String> lengths = cli.strings("SELECT p.length FROM upload_parts p JOIN"
        + " document_versions v ON v.upload_id = p.upload_id WHERE v.document_id = ?"
        + " ORDER BY p.start", java.util.HexFormat.of().parseHex(id));
    assertEquals(String.valueOf(DROP_AFTER), lengths.get(0), "the cut run was kept");
    assertTrue(lengths.size() >= 2, lengths.toString());
    Path out = home.getParent().resolve("resumed.out");
    assertEquals(0, cli.run(home, "doc", "get", ws, id, "-o", out.toString()).code());
    assertArrayEquals(content, Files.readAllBytes(out));
  }

  @Test
  void overQuota_is413WithAMessage() throws Exception {
    Path big = home.getParent().resolve("big.bin");
    Files.write(big, new byte[(int) QUOTA + 1]);
    Cli.Run put = cli.run(home, "doc", "put", ws, big.toString());
    assertEquals(2, put.code(), put.toString());
    assertTrue(put.err().contains("quota"), put.err());
  }
}
