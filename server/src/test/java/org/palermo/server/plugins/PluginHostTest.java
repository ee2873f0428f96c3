package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginCalls;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * Loading plugins from real jars built against the plugin API alone: each is started, or
 * refused or failed with its reason, and the core serves whatever the plugins do. A plugin's
 * class loader sees the API and the JDK, never the server's own classes.
 */
class PluginHostTest {
  /** Classes of the host a plugin must never reach, even knowing their names. */
  static final String[] INTERNALS = {"org.palermo.server.workspaces.WorkspaceDao",
      "org.palermo.server.accounts.AccountService", "org.palermo.security.keys.SymmetricKey",
      "org.mariadb.jdbc.Driver", "org.jdbi.v3.core.Jdbi"};

  private static TestServer server;
  private static String listed;

  /** {@code palermo admin plugins --dir FOLDER ...}; its output, after checking it exited 0. */
  static String admin(Path folder, String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("admin",
        "plugins", "--dir", folder.toString()));
    all.addAll(java.util.List.of(args));
    int code = org.palermo.client.cli.PalermoCli.run(new org.palermo.client.cli.Terminal(
        new java.io.PrintWriter(out), new java.io.PrintWriter(err), Map.of(), null),
        all.toArray(String[]::new));
    assertEquals(0, code, all + ": " + out + err);
    return out.toString();
  }
  private static final Map<String, JsonNode> byFile = new HashMap<>();

  private static String plugin(String pkg, String body) {
    return "package " + pkg + ";\npublic class Plugin implements"
        + " org.palermo.plugin.api.PalermoPlugin {\n" + body + "\n}\n";
  }

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("plugins").resolve("plugins");
    String noop = plugin("hello", "");
    PluginJars.build(folder, "a-hello.jar", PluginJars.descriptor("hello", "1.0", "rest,events",
        "hello.Plugin"), Map.of("hello.Plugin", noop));
    PluginJars.build(folder, "b-duplicate.jar", PluginJars.descriptor("hello", "1.0", "",
        "hello.Plugin"), Map.of("hello.Plugin", noop));
    PluginJars.build(folder, "c-major2.jar", PluginJars.descriptor("future", "2.0", "",
        "hello.Plugin"), Map.of("hello.Plugin", noop));
    PluginJars.build(folder, "d-minor.jar", PluginJars.descriptor("later", "1.7", "",
        "hello.Plugin"), Map.of("hello.Plugin", noop));
    PluginJars.build(folder, "e-capability.jar", PluginJars.descriptor("greedy", "1.0",
        "rest,read-keys", "hello.Plugin"), Map.of("hello.Plugin", noop));
    Files.write(folder.resolve("f-corrupt.jar"), "not a zip at all".getBytes());
    PluginJars.build(folder, "g-thrower.jar", PluginJars.descriptor("thrower", "1.0", "",
        "thrower.Plugin"), Map.of("thrower.Plugin", plugin("thrower",
        "public void start(org.palermo.plugin.api.PluginContext c) {"
            + " throw new IllegalStateException(\"broken on purpose\"); }")));
    StringBuilder tries = new StringBuilder();
    for (String name : INTERNALS) {
      tries.append("try { Class.forName(\"").append(name).append("\"); throw new"
          + " IllegalStateException(\"reached ").append(name).append("\"); } catch"
          + " (ClassNotFoundException expected) { }\n");
    }
    PluginJars.build(folder, "h-spy.jar", PluginJars.descriptor("spy", "1.0", "",
        "spy.Plugin"), Map.of("spy.Plugin", plugin("spy",
        "public void start(org.palermo.plugin.api.PluginContext c) {\n" + tries
            + "if (getClass().getClassLoader().getResource(\"db/migration/V1__installation.sql\")"
            + " != null) throw new IllegalStateException(\"read a host resource\");\n}")));
    String routes = "package echo;\n"
        + "import jakarta.ws.rs.*; import jakarta.ws.rs.core.*;\n"
        + "@Path(\"greeting\") public class Routes {\n"
        + "  @GET @Produces(\"text/plain\") public String hello(@Context SecurityContext s) {"
        + " return \"hello \" + s.getUserPrincipal().getName(); }\n"
        + "  @GET @Path(\"boom\") public String boom() {"
        + " throw new IllegalStateException(\"plugin bug\"); }\n"
        + "}\n";
    String withRoutes = plugin("echo", "public java.util.List<Object> resources() {"
        + " return java.util.List.of(new Routes()); }");
    String fragment = "openapi: 3.1.0\npaths:\n"
        + "  /greeting:\n    get:\n      summary: Greets the calling account.\n"
        + "      responses:\n        '200':\n          description: A greeting.\n"
        + "  /greeting/boom:\n    get:\n      summary: Fails on purpose.\n"
        + "      responses:\n        '500':\n          description: A problem.\n";
    PluginJars.build(folder, "i-echo.jar", PluginJars.descriptor("echo", "1.0", "rest",
        "echo.Plugin"), Map.of("echo.Plugin", withRoutes, "echo.Routes", routes),
        Map.of("META-INF/palermo-plugin-openapi.yaml", fragment));
    PluginJars.build(folder, "j-quiet.jar", PluginJars.descriptor("quiet", "1.0", "",
        "echo.Plugin"), Map.of("echo.Plugin", withRoutes, "echo.Routes", routes));
    // Tells the caller its role in a workspace and the workspace's documents, through the views
    // (when it has read-workspaces) or says it cannot.
    String viewRoutes = "package views;\n"
        + "import jakarta.ws.rs.*; import jakarta.ws.rs.core.*;\n"
        + "import org.palermo.plugin.api.*;\n"
        + "@Path(\"workspaces/{ws}\") public class Routes {\n"
        + "  private final PluginContext context;\n"
        + "  public Routes(PluginContext context) { this.context = context; }\n"
        + "  @GET @Produces(\"text/plain\") public String describe(@PathParam(\"ws\") String ws,"
        + " @Context SecurityContext s) {\n"
        + "    if (context.workspaces().isEmpty()) return \"no views, role \""
        + " + context.callerRole(s.getUserPrincipal(), ws).orElse(\"none\") + \", forged \""
        + " + context.callerRole(() -> s.getUserPrincipal().getName(), ws).orElse(\"none\")"
        + " + \", storage \" + context.storage().isPresent() + \", messages \""
        + " + context.messages(java.util.Locale.ROOT).isPresent();\n"
        + "    WorkspaceViews v = context.workspaces().get();\n"
        + "    String audited = \"\";\n"
        + "    for (long i = 0; i < 4; i++) audited += v.auditedAction(ws, i)"
        + ".map(a -> a.plugin() + \":\" + a.action() + \" \").orElse(\"\");\n"
        + "    return audited + v.roleOf(ws, s.getUserPrincipal().getName()).orElse(\"not a member\")"
        + " + \" \" + v.documents(ws).stream().map(d -> d.version() + \":\" + d.level())"
        + ".toList() + \" \" + v.members(ws).size();\n"
        + "  }\n"
        + "}\n";
    String viewPlugin = "package views;\npublic class Plugin implements"
        + " org.palermo.plugin.api.PalermoPlugin {\n"
        + "  private org.palermo.plugin.api.PluginContext context;\n"
        + "  public void start(org.palermo.plugin.api.PluginContext c) { context = c; }\n"
        + "  public java.util.List<Object> resources() {"
        + " return java.util.List.of(new Routes(context)); }\n}\n";
    PluginJars.build(folder, "m-views.jar", PluginJars.descriptor("views", "1.0",
        "rest,read-workspaces", "views.Plugin"), Map.of("views.Plugin", viewPlugin,
        "views.Routes", viewRoutes));
    PluginJars.build(folder, "n-blind.jar", PluginJars.descriptor("blind", "1.0", "rest",
        "views.Plugin"), Map.of("views.Plugin", viewPlugin, "views.Routes", viewRoutes));
    admin(folder, "enable", "views", "--approve", "rest,read-workspaces");
    admin(folder, "enable", "blind", "--approve", "rest");
    PluginJars.build(folder, "k-disabled.jar", PluginJars.descriptor("disabled", "1.0", "",
        "hello.Plugin"), Map.of("hello.Plugin", noop));
    PluginJars.build(folder, "l-unapproved.jar", PluginJars.descriptor("unapproved", "1.0",
        "rest,storage", "hello.Plugin"), Map.of("hello.Plugin", noop));
    // The operator's decisions, made with the real command line on the server's machine.
    admin(folder, "enable", "hello", "--approve", "rest,events");
    admin(folder, "enable", "thrower");
    admin(folder, "enable", "spy");
    admin(folder, "enable", "echo", "--approve", "rest");
    admin(folder, "enable", "quiet");
    admin(folder, "enable", "unapproved", "--approve", "rest");
    admin(folder, "enable", "disabled");
    admin(folder, "disable", "disabled");
    listed = admin(folder, "list");
    server = TestServer.start(c -> TestServer.manyPeople(c.withPluginsDir(folder)),
        Clock.systemUTC(), rc -> { });
    HttpResponse<String> answer = server.send(server.request("api/v1/plugins").GET().build());
    assertEquals(200, answer.statusCode(), answer.body());
    for (JsonNode p : new ObjectMapper().readTree(answer.body()).path("plugins")) {
      byFile.put(p.path("file").asText(), p);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static void assertState(String file, String state, String reasonPart) {
    JsonNode p = byFile.get(file);
    assertNotNull(p, file + " listed: " + byFile.keySet());
    assertEquals(state, p.path("state").asText(), p.toString());
    if (reasonPart == null) {
      assertTrue(p.path("reason").isNull(), p.toString());
    } else {
      assertTrue(p.path("reason").asText().contains(reasonPart), p.toString());
    }
  }

  @Test
  void theOperatorsList_showsWhatEachPluginAsksAndWhatWasApproved() {
    assertTrue(listed.contains("a-hello.jar  hello  1.0.0  1.0  rest,events  yes, approved:"
        + " rest,events"), listed);
    assertTrue(listed.contains("k-disabled.jar  disabled  1.0.0  1.0    no"), listed);
    assertTrue(listed.contains("f-corrupt.jar  none readable"), listed);
  }

  @Test
  void aFittingPlugin_starts_withTheCapabilitiesItDeclared() {
    assertState("a-hello.jar", "started", null);
    assertEquals("[\"events\",\"rest\"]", byFile.get("a-hello.jar").path("capabilities")
        .toString());
  }

  @Test
  void eachMisfit_isRefusedWithItsReason_andTheCoreKeepsServing() {
    assertEquals(14, byFile.size(), byFile.keySet().toString());
    assertState("k-disabled.jar", "disabled", "the operator has not enabled it (palermo admin"
        + " plugins enable disabled)");
    assertState("l-unapproved.jar", "refused", "it asks for the capability 'storage', which the"
        + " operator has not approved");
    assertState("b-duplicate.jar", "refused", "another plugin already has the id 'hello'");
    assertState("c-major2.jar", "refused", "it requires plugin API 2.0, and this server provides"
        + " " + org.palermo.plugin.api.PluginApi.VERSION);
    assertState("d-minor.jar", "refused", "it requires plugin API 1.7");
    assertState("e-capability.jar", "refused", "the capability 'read-keys'");
    assertState("f-corrupt.jar", "refused", "not a readable jar");
    assertState("g-thrower.jar", "failed", "broken on purpose");
    assertEquals(200, server.send(server.request("api/v1/health").GET().build()).statusCode());
  }

  @Test
  void aPluginsRoutes_areMountedUnderItsId_behindAuthentication_andItsErrorsStayItsOwn()
      throws Exception {
    assertState("i-echo.jar", "started", null);
    String route = "api/v1/plugins/echo/greeting";
    HttpResponse<String> anonymous = server.send(server.request(route).GET().build());
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    Cli cli = new Cli(server);
    Cli.Person p = cli.register("pl");
    String account = cli.strings("SELECT LOWER(HEX(id)) FROM accounts WHERE handle = ?",
        p.handle()).get(0);
    HttpResponse<String> greeted = server.send(server.request(route)
        .header("Authorization", "Bearer " + p.token()).GET().build());
    assertEquals(200, greeted.statusCode(), greeted.body());
    assertEquals("hello " + account, greeted.body(), "the plugin learns the calling account");
    HttpResponse<String> boom = server.send(server.request(route + "/boom")
        .header("Authorization", "Bearer " + p.token()).GET().build());
    assertEquals(500, boom.statusCode(), boom.body());
    assertTrue(boom.headers().firstValue("Content-Type").orElse("")
        .startsWith("application/problem+json"), boom.headers().toString());
    assertTrue(!boom.body().contains("plugin bug") && !boom.body().contains("at echo."),
        "no stack trace or message leaks: " + boom.body());
    assertEquals(200, server.send(server.request(route)
        .header("Authorization", "Bearer " + p.token()).GET().build()).statusCode(),
        "the plugin still serves");
    assertEquals(200, server.send(server.request("api/v1/health").GET().build()).statusCode());
    // A plugin that did not declare 'rest' mounts nothing.
    assertEquals(404, server.send(server.request("api/v1/plugins/quiet/greeting")
        .header("Authorization", "Bearer " + p.token()).GET().build()).statusCode());
  }

  @Test
  void readWorkspaces_givesRolesVersionsAndLevels_andOnlyToAPluginApprovedForIt()
      throws Exception {
    Cli cli = new Cli(server);
    Cli.Person owner = cli.register("ow");
    Cli.Person other = cli.register("ot");
    String ws = Cli.ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    Path file = owner.home().getParent().resolve("notes.txt");
    Files.writeString(file, "secret notes");
    Cli.ok(cli.as(owner, "doc", "put", ws, file.toString(), "--title", "Secret title"));
    PluginCalls calls = new PluginCalls(server, "views");
    calls.audit(owner, ws, "views", "item", "did this");
    calls.audit(owner, ws, "other-plugin", "item", "did that");
    HttpResponse<String> seen = server.send(server.request("api/v1/plugins/views/workspaces/"
        + ws).header("Authorization", "Bearer " + owner.token()).GET().build());
    assertEquals(200, seen.statusCode(), seen.body());
    assertEquals("views:did this owner [1:confidential] 1", seen.body(),
        "its own audited actions, not another plugin's");
    assertTrue(!seen.body().contains("Secret"), "nothing sealed reaches a plugin");
    assertEquals("views:did this not a member [1:confidential] 1", server.send(server.request(
        "api/v1/plugins/views/workspaces/" + ws).header("Authorization", "Bearer "
            + other.token()).GET().build()).body());
    assertEquals("no views, role owner, forged none, storage false, messages false",
        server.send(server.request(
        "api/v1/plugins/blind/workspaces/" + ws).header("Authorization", "Bearer "
            + owner.token()).GET().build()).body(), "a plugin without read-workspaces gets no"
        + " views, only the caller's own role, and only for the request's own principal;"
        + " no storage or messages it did not declare");
    assertEquals("no views, role none, forged none, storage false, messages false",
        server.send(server.request(
        "api/v1/plugins/blind/workspaces/" + ws).header("Authorization", "Bearer "
            + other.token()).GET().build()).body());
  }

  @Test
  void aPluginsOpenApiFragment_isMergedUnderItsMount_andDescribesExactlyItsRoutes()
      throws Exception {
    HttpResponse<String> served = server.send(server.request("api/v1/openapi.yaml").GET()
        .build());
    assertEquals(200, served.statusCode());
    io.swagger.v3.oas.models.OpenAPI spec = new io.swagger.v3.parser.OpenAPIV3Parser()
        .readContents(served.body()).getOpenAPI();
    java.util.Set<String> pluginRoutes = new java.util.TreeSet<>();
    spec.getPaths().forEach((path, item) -> {
      if (path.startsWith("/api/v1/plugins/echo/")) {
        item.readOperationsMap().keySet().forEach(m -> pluginRoutes.add(m + " " + path));
      }
    });
    assertEquals(java.util.Set.of("GET /api/v1/plugins/echo/greeting",
        "GET /api/v1/plugins/echo/greeting/boom"), pluginRoutes);
    assertTrue(spec.getPaths().containsKey("/api/v1/health"), "the core's paths stay");
  }

  @Test
  void aPlugin_cannotLoadTheServersClasses_orReadItsResources() throws Exception {
    // The names are real: the host itself loads them.
    for (String name : INTERNALS) {
      Class.forName(name);
    }
    assertState("h-spy.jar", "started", null);
  }
}
