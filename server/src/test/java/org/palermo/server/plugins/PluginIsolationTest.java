package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * A plugin that hangs, in its start or in its routes, costs the server a bounded delay and a
 * bounded number of threads: the server starts without it, and a plugin's requests in progress
 * are capped, beyond which its routes alone answer 503 while the core and other plugins serve.
 */
class PluginIsolationTest {
  private static String plugin(String pkg, String body) {
    return "package " + pkg + ";\npublic class Plugin implements"
        + " org.palermo.plugin.api.PalermoPlugin {\n" + body + "\n}\n";
  }

  @Test
  @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void hangingPlugins_costABoundedDelay_andABoundedNumberOfThreads() throws Exception {
    Path folder = TestDatabase.folder("plugin-isolation").resolve("plugins");
    PluginJars.build(folder, "a-slow.jar", PluginJars.descriptor("slow", "1.0", "", "slow.Plugin"),
        Map.of("slow.Plugin", plugin("slow", "public void start(org.palermo.plugin.api"
            + ".PluginContext c) { try { Thread.sleep(600_000); }"
            + " catch (InterruptedException e) { } }")));
    String routes = "package stuck;\nimport jakarta.ws.rs.*;\n"
        + "@Path(\"wait\") public class Routes {\n"
        + "  @GET @Produces(\"text/plain\") public String hang() {"
        + " try { Thread.sleep(60_000); } catch (InterruptedException e) { } return \"late\"; }\n"
        + "}\n";
    String withRoutes = "public java.util.List<Object> resources() {"
        + " return java.util.List.of(new Routes()); }";
    PluginJars.build(folder, "b-stuck.jar", PluginJars.descriptor("stuck", "1.0", "rest",
        "stuck.Plugin"), Map.of("stuck.Plugin", plugin("stuck", withRoutes), "stuck.Routes",
        routes));
    String fine = "package fine;\nimport jakarta.ws.rs.*;\n"
        + "@Path(\"ping\") public class Routes {\n"
        + "  @GET @Produces(\"text/plain\") public String ping() { return \"pong\"; }\n}\n";
    PluginJars.build(folder, "c-fine.jar", PluginJars.descriptor("fine", "1.0", "rest",
        "fine.Plugin"), Map.of("fine.Plugin", plugin("fine", withRoutes), "fine.Routes", fine));
    PluginHostTest.admin(folder, "enable", "slow");
    PluginHostTest.admin(folder, "enable", "stuck", "--approve", "rest");
    PluginHostTest.admin(folder, "enable", "fine", "--approve", "rest");

    long started = System.nanoTime();
    try (TestServer server = TestServer.start(c -> TestServer.manyPeople(
        c.withPluginsDir(folder)), Clock.systemUTC(), rc -> { })) {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(took.compareTo(Duration.ofSeconds(90)) < 0, "started in " + took);
      JsonNode slow = null;
      for (JsonNode p : new ObjectMapper().readTree(server.get("api/v1/plugins").body())
          .path("plugins")) {
        if ("slow".equals(p.path("id").asText())) {
          slow = p;
        }
      }
      assertEquals("failed", slow.path("state").asText(), String.valueOf(slow));
      assertEquals("it did not start within 30 seconds", slow.path("reason").asText());

      Cli.Person p = new Cli(server).register("is");
      HttpRequest hang = server.request("api/v1/plugins/stuck/wait")
          .header("Authorization", "Bearer " + p.token()).timeout(Duration.ofSeconds(90))
          .GET().build();
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      for (int i = 0; i < PluginRoutes.MAX_IN_FLIGHT; i++) {
        held.add(server.client().sendAsync(hang, HttpResponse.BodyHandlers.ofString()));
      }
      HttpResponse<String> busy = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (busy == null && System.nanoTime() < deadline) {
        try {
          HttpResponse<String> r = server.client().send(server.request(
              "api/v1/plugins/stuck/wait").header("Authorization", "Bearer " + p.token())
              .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 503) {
            busy = r;
          }
        } catch (HttpTimeoutException stillRoom) {
          // this one got in and hangs too: the cap is not reached yet
        }
      }
      assertTrue(busy != null, "the stuck plugin's routes answer 503 once it holds its cap");
      assertTrue(busy.body().contains("urn:palermo:problem:plugin-busy"), busy.body());
      assertEquals("5", busy.headers().firstValue("Retry-After").orElse(""));
      HttpResponse<String> disguised = server.send(server.request(
          "api/v1/plugins/stuck;x=1/wait").header("Authorization", "Bearer " + p.token())
          .timeout(Duration.ofSeconds(10)).GET().build());
      assertEquals(503, disguised.statusCode(), "matrix parameters do not dodge the cap");

      assertEquals(200, server.get("api/v1/health").statusCode());
      HttpResponse<String> pong = server.send(server.request("api/v1/plugins/fine/ping")
          .header("Authorization", "Bearer " + p.token()).GET().build());
      assertEquals("pong", pong.body());
      assertEquals(200, server.send(server.request("api/v1/workspaces")
          .header("Authorization", "Bearer " + p.token()).GET().build()).statusCode());
      held.forEach(f -> f.cancel(true));
    }
  }
}
