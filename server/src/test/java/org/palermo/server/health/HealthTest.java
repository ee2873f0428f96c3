package org.palermo.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.palermo.server.testing.TestServer;

class HealthTest {
  @Test
  void health_databaseUp_answers200Json() {
    try (TestServer server = TestServer.start()) {
      var response = server.get("/api/v1/health");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("")
          .startsWith("application/json"));
      assertEquals("{\"status\":\"ok\",\"database\":\"up\"}", response.body());
    }
  }
}
