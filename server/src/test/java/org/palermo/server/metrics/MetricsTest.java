package org.palermo.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.TestServer;

class MetricsTest {
  @Test
  void metrics_enabled_servePrometheusTextByRouteTemplate() {
    try (TestServer server = TestServer.start()) {
      server.get("/api/v1/health");
      server.get("/api/v1/no-such-route/12345");
      var response = server.get("/api/v1/metrics");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
      String body = response.body();
      assertTrue(body.contains("palermo_http_requests_seconds_count{method=\"GET\","
          + "route=\"/api/v1/health\",status=\"200\"}"), body);
      assertTrue(body.contains("route=\"unmatched\""), "unknown paths are not recorded as given");
      assertFalse(body.contains("12345"), "no concrete path reaches the metrics");
      assertFalse(body.contains("127.0.0.1"), "no address reaches the metrics");
      assertTrue(body.contains("hikaricp_connections"), "pool metrics");
      assertTrue(body.contains("jvm_memory_used_bytes"), "JVM metrics");
    }
  }

  @Test
  void metrics_disabled_answer404() {
    try (TestServer server = TestServer.start(c -> c.withMetricsEnabled(false),
        Clock.systemUTC(), rc -> {})) {
      assertEquals(404, server.get("/api/v1/metrics").statusCode());
    }
  }
}
