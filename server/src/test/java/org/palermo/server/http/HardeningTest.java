package org.palermo.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.palermo.server.testing.ResponseAssertions.assertHardened;
import static org.palermo.server.testing.ResponseAssertions.assertProblem;

import org.palermo.server.testing.ProbeResource;
import org.palermo.server.testing.TestServer;

/** Security headers, problem+json and size limits, over real HTTPS to the real server. */
class HardeningTest {
  private static final long BODY_LIMIT = 64 * 1024;
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start(c -> c.withMaxBodyBytes(BODY_LIMIT), Clock.systemUTC(),
        rc -> rc.register(ProbeResource.class));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> bigPost(int size, boolean chunked) {
    // Well-formed JSON up to the limit, so only the size can be what fails.
    byte[] body = ("{\"name\":\"" + "a".repeat(size) + "\",\"count\":1}")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    HttpRequest.BodyPublisher publisher = chunked
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body);
    return server.send(server.request("/api/v1/test-probe/echo")
        .header("Content-Type", "application/json").POST(publisher).build());
  }

  @Test
  void ok_carriesEveryHardeningHeader() {
    var response = server.get("/api/v1/health");
    assertEquals(200, response.statusCode());
    assertHardened(response);
  }

  @Test
  void notFound_isProblemJsonWithHeaders() {
    var response = server.get("/api/v1/no-such-thing");
    assertProblem(response, 404, "not-found");
    assertHardened(response);
  }

  @Test
  void rootPath_isProblemJsonNotFound() {
    assertProblem(server.get("/"), 404, "not-found");
  }

  @Test
  void bodyOverLimit_withContentLength_is413WithHeaders() {
    var response = bigPost((int) BODY_LIMIT + 1, false);
    assertProblem(response, 413, "payload-too-large");
    assertHardened(response);
  }

  @Test
  void bodyOverLimit_chunked_is413AndClosesTheConnection() {
    var response = bigPost((int) BODY_LIMIT * 4, true);
    assertProblem(response, 413, "payload-too-large");
    assertEquals("close", response.headers().firstValue("Connection").orElse(null));
  }

  @Test
  void bodyUnderLimit_isAccepted() {
    var response = server.postJson("/api/v1/test-probe/echo", "{\"name\":\"a\",\"count\":1}");
    assertEquals(200, response.statusCode(), response.body());
    assertHardened(response);
  }

  @Test
  void unexpectedFailure_is500WithErrorIdAndNoLeak() {
    var response = server.get("/api/v1/test-probe/fail/500");
    JsonNode body = assertProblem(response, 500, "internal-error");
    assertHardened(response);
    assertTrue(body.path("errorId").asText().matches("[0-9a-f]{16}"));
    assertFalse(response.body().contains("secret-canary"));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 409, 412})
  void errorKinds_areProblemJson(int status) {
    String slug = switch (status) {
      case 401 -> "authentication-required";
      case 403 -> "access-denied";
      case 409 -> "conflict";
      default -> "precondition-failed";
    };
    var response = server.get("/api/v1/test-probe/fail/" + status);
    assertProblem(response, status, slug);
    assertHardened(response);
    if (status == 401) {
      assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
    }
  }

  @Test
  void wrongMethod_is405WithAllow() {
    var response = server.send(server.request("/api/v1/health").DELETE().build());
    assertProblem(response, 405, "method-not-allowed");
    assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"));
  }

  @Test
  void unacceptableMediaType_is406() {
    var response = server.send(server.request("/api/v1/health")
        .header("Accept", "image/png").GET().build());
    assertProblem(response, 406, "not-acceptable");
  }

  @Test
  void unsupportedContentType_is415() {
    var response = server.send(server.request("/api/v1/test-probe/echo")
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("name=a")).build());
    assertProblem(response, 415, "unsupported-media-type");
  }

  @Test
  void unknownField_is400NamingIt() {
    var response = server.postJson("/api/v1/test-probe/echo",
        "{\"name\":\"a\",\"count\":1,\"admin\":true}");
    JsonNode body = assertProblem(response, 400, "invalid-json");
    assertEquals("admin", body.path("field").asText());
    assertTrue(body.path("detail").asText().contains("admin"));
  }

  @Test
  void duplicateKey_is400NamingIt() {
    var response = server.postJson("/api/v1/test-probe/echo",
        "{\"name\":\"a\",\"count\":1,\"name\":\"b\"}");
    JsonNode body = assertProblem(response, 400, "invalid-json");
    assertEquals("name", body.path("field").asText());
  }

  @Test
  void wrongType_is400NamingIt() {
    var response = server.postJson("/api/v1/test-probe/echo", "{\"name\":\"a\",\"count\":\"x\"}");
    JsonNode body = assertProblem(response, 400, "invalid-json");
    assertEquals("count", body.path("field").asText());
  }

  @Test
  void nullForPrimitive_is400() {
    var response = server.postJson("/api/v1/test-probe/echo", "{\"name\":\"a\",\"count\":null}");
    assertProblem(response, 400, "invalid-json");
  }

  @Test
  void malformedJson_is400() {
    assertProblem(server.postJson("/api/v1/test-probe/echo", "{\"name\":"), 400, "invalid-json");
  }

  @Test
  void trailingTokens_are400() {
    assertProblem(server.postJson("/api/v1/test-probe/echo",
        "{\"name\":\"a\",\"count\":1} {}"), 400, "invalid-json");
  }

  @Test
  void headersOverLimit_is431ProblemJsonWithHeaders() {
    var response = server.send(server.request("/api/v1/health")
        .header("X-Filler", "a".repeat(16 * 1024)).GET().build());
    assertProblem(response, 431, "headers-too-large");
    assertHardened(response);
  }

  @Test
  void responses_neverCarryServerVersion() {
    var response = server.get("/api/v1/openapi.yaml");
    assertNull(response.headers().firstValue("Server").orElse(null));
    assertNotNull(response.headers().firstValue("Date").orElse(null));
  }
}
