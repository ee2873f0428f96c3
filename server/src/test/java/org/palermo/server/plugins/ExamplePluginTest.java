package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;
import org.palermo.plugins.example.ExamplePlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * The plugin author's guide's example, as the build made it (plugins/example), installed the way
 * an operator installs a plugin: its jar copied into the folder and enabled; it answers on its
 * route.
 */
class ExamplePluginTest {
  @Test
  void theExamplePlugin_installedAndEnabled_answersOnItsRoute() throws Exception {
    Path folder = TestDatabase.folder("example-plugin").resolve("plugins");
    Files.createDirectories(folder);
    PluginJars.installBuilt(ExamplePlugin.class, folder.resolve("palermo-plugin-example.jar"));
    StringWriter out = new StringWriter();
    assertEquals(0, PalermoCli.run(new Terminal(new PrintWriter(out), new PrintWriter(out),
        Map.of(), null), "admin", "plugins", "--dir", folder.toString(), "enable", "example",
        "--approve", "rest,events,storage,read-workspaces,messages"), out.toString());
    try (TestServer server = TestServer.start(c -> TestServer.manyPeople(
        c.withPluginsDir(folder)), Clock.systemUTC(), rc -> { })) {
      HttpResponse<String> listed = server.send(server.request("api/v1/plugins").GET().build());
      assertTrue(listed.body().contains("\"id\":\"example\",\"version\":\"1.0.0\",\"state\":"
          + "\"started\""), listed.body());
      Cli cli = new Cli(server);
      Cli.Person p = cli.register("ex");
      String account = cli.strings("SELECT LOWER(HEX(id)) FROM accounts WHERE handle = ?",
          p.handle()).get(0);
      HttpResponse<String> hello = server.send(server.request("api/v1/plugins/example/hello")
          .header("Authorization", "Bearer " + p.token()).GET().build());
      assertEquals(200, hello.statusCode(), hello.body());
      assertEquals("Hello, account " + account + ", from the example plugin 1.0.0.",
          hello.body());
      HttpResponse<String> bonjour = server.send(server.request("api/v1/plugins/example/hello")
          .header("Authorization", "Bearer " + p.token())
          .header("Accept-Language", "fr-CH, fr;q=0.9, en;q=0.8").GET().build());
      assertEquals("Bonjour, compte " + account + ", de la part de l'extension d'exemple 1.0.0.",
          bonjour.body());

      // Events counted in its own schema, shown to the workspace's members alone.
      String ws = Cli.ok(cli.as(p, "workspace", "create", "Example")).line("workspace");
      Path file = folder.resolveSibling("note.txt");
      Files.writeString(file, "a note");
      Cli.ok(cli.as(p, "doc", "put", ws, file.toString()));
      String activity = "api/v1/plugins/example/activity/" + ws;
      String counts = "";
      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
      while (!counts.equals("{\"DOCUMENT_PUT\":1,\"WORKSPACE_CREATED\":1}")
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
        counts = server.send(server.request(activity)
            .header("Authorization", "Bearer " + p.token()).GET().build()).body();
      }
      assertEquals("{\"DOCUMENT_PUT\":1,\"WORKSPACE_CREATED\":1}", counts);
      Cli.Person stranger = cli.register("xs");
      HttpResponse<String> hidden = server.send(server.request(activity)
          .header("Authorization", "Bearer " + stranger.token()).GET().build());
      assertEquals(404, hidden.statusCode(), hidden.body());
      assertTrue(hidden.headers().firstValue("Content-Type").orElse("")
          .startsWith("application/problem+json"), hidden.headers().toString());
      String listedNow = server.send(server.request("api/v1/plugins").GET().build()).body();
      // Its text goes through PluginText, the stable API: nothing unstable to warn of.
      assertTrue(listedNow.contains("\"warnings\":[]"), listedNow);
      assertTrue(server.send(server.request("api/v1/openapi.yaml").GET().build()).body()
          .contains("/api/v1/plugins/example/activity/{workspaceId}:"), "its routes are"
          + " described");
    }
  }
}
