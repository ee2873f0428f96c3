package org.palermo.server.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.ProbeResource;
import org.palermo.server.testing.TestServer;

class GracefulStopTest {
  @Test
  void stop_requestInFlight_finishesBeforeShutdown() throws Exception {
    TestServer server = TestServer.start(c -> c, Clock.systemUTC(),
        rc -> rc.register(ProbeResource.class));
    CompletableFuture<HttpResponse<String>> slow = server.client().sendAsync(
        server.request("/api/v1/test-probe/slow").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Thread.sleep(500);
    server.close();
    HttpResponse<String> response = slow.get();
    assertEquals(200, response.statusCode());
    assertEquals("{\"done\":true}", response.body());
  }
}
