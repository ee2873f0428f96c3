package org.palermo.server.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.palermo.server.config.ServerConfig;
import org.palermo.server.testing.ResponseAssertions;
import org.palermo.server.storage.EmbeddedMariaDb;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/** The database goes away under a running server and comes back: 503, then 200, no restart. */
class DatabaseOutageTest {
  @Test
  void health_databaseStoppedAndRestarted_answers503Then200WithoutRestart() throws Exception {
    EmbeddedMariaDb db = TestDatabase.startPrivate("outage");
    try {
      ServerConfig config = ServerConfig.defaults(TestDatabase.folder("outage-server"))
          .withHttpsPort(0).withDatabase(db.provision("palermo", "palermo"));
      try (TestServer server = TestServer.start(config)) {
        var healthy = server.get("/api/v1/health");
        assertEquals(200, healthy.statusCode());
        assertEquals("{\"status\":\"ok\",\"database\":\"up\"}", healthy.body());

        db.stop();
        var down = server.get("/api/v1/health");
        ResponseAssertions.assertProblem(down, 503, "database-unavailable");
        ResponseAssertions.assertHardened(down);
        assertTrue(down.headers().firstValue("Retry-After").isPresent());

        db.restart();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
          status = server.get("/api/v1/health").statusCode();
          if (status == 200) {
            break;
          }
          Thread.sleep(250);
        }
        assertEquals(200, status, "health recovers once the database is back");
      }
    } finally {
      db.stop();
    }
  }
}
