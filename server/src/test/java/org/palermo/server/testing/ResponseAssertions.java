package org.palermo.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** What every response of the API must look like: hardened headers; errors as problem+json. */
public final class ResponseAssertions {
  private static final ObjectMapper json = new ObjectMapper();

  private ResponseAssertions() {}

  public static void assertHardened(HttpResponse<?> response) {
    var h = response.headers();
    assertEquals("max-age=63072000; includeSubDomains",
        h.firstValue("Strict-Transport-Security").orElse(null), "HSTS");
    String csp = h.firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'none'"), "CSP default-src: " + csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), "CSP frame-ancestors: " + csp);
    assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
    assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null));
    assertTrue(h.firstValue("Permissions-Policy").orElse("").contains("camera=()"));
    assertEquals("no-store", h.firstValue("Cache-Control").orElse(null));
    assertTrue(h.firstValue("Server").isEmpty(), "no Server header");
    assertTrue(h.firstValue("X-Powered-By").isEmpty(), "no X-Powered-By header");
  }

  public static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/problem+json",
        response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    try {
      JsonNode body = json.readTree(response.body());
      assertEquals("urn:palermo:problem:" + slug, body.path("type").asText());
      assertEquals(status, body.path("status").asInt());
      assertFalse(body.path("title").asText().isBlank());
      assertFalse(body.path("detail").asText().isBlank());
      assertFalse(response.body().contains("Exception"), "no exception class: " + response.body());
      assertFalse(response.body().contains("\tat ") || response.body().contains(".java:"),
          "no stack trace: " + response.body());
      return body;
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

}
