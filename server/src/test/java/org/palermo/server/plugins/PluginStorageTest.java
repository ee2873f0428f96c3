package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * A plugin's own storage: its schema, made with its migrations, reached through a database user
 * that has rights on that schema alone. Checked from inside real plugins, with real queries on
 * the core's tables and on another plugin's schema, and with {@code SHOW GRANTS}.
 */
class PluginStorageTest {
  private static TestServer server;
  private static Cli.Person person;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A plugin that notes a line in its table and answers what its own user may do: its grants,
   * its notes, and what a query on {@code other} (a schema.table) gives.
   */
  private static String probe(String pkg) {
    return "package " + pkg + ";\n"
        + "import jakarta.ws.rs.*; import java.sql.*; import java.util.*;\n"
        + "import org.palermo.plugin.api.*;\n"
        + "@Path(\"probe\") public class Routes {\n"
        + "  private final javax.sql.DataSource db;\n"
        + "  public Routes(javax.sql.DataSource db) { this.db = db; }\n"
        + "  @POST @Produces(\"application/json\") public Map<String, Object> probe("
        + "@QueryParam(\"note\") String note, @QueryParam(\"other\") String other)"
        + " throws SQLException {\n"
        + "    Map<String, Object> out = new LinkedHashMap<>();\n"
        + "    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {\n"
        + "      try (PreparedStatement p = c.prepareStatement(\"INSERT INTO notes (line)"
        + " VALUES (?)\")) { p.setString(1, note); p.executeUpdate(); }\n"
        + "      List<String> grants = new ArrayList<>();\n"
        + "      try (ResultSet r = s.executeQuery(\"SHOW GRANTS\")) { while (r.next())"
        + " grants.add(r.getString(1)); }\n"
        + "      out.put(\"grants\", grants);\n"
        + "      List<String> notes = new ArrayList<>();\n"
        + "      try (ResultSet r = s.executeQuery(\"SELECT line FROM notes ORDER BY id\")) {"
        + " while (r.next()) notes.add(r.getString(1)); }\n"
        + "      out.put(\"notes\", notes);\n"
        + "      try (ResultSet r = s.executeQuery(\"SELECT COUNT(*) FROM \" + other)) {"
        + " r.next(); out.put(\"other\", \"read \" + r.getLong(1)); }\n"
        + "      catch (SQLException e) { out.put(\"other\", \"refused: \" + e.getMessage()); }\n"
        + "      try (ResultSet r = s.executeQuery(\"SHOW DATABASES\")) {\n"
        + "        List<String> dbs = new ArrayList<>(); while (r.next()) dbs.add(r.getString(1));"
        + " out.put(\"databases\", dbs); }\n"
        + "    }\n"
        + "    return out;\n"
        + "  }\n"
        + "}\n";
  }

  private static String plugin(String pkg) {
    return "package " + pkg + ";\npublic class Plugin implements"
        + " org.palermo.plugin.api.PalermoPlugin {\n"
        + "  private javax.sql.DataSource db;\n"
        + "  public void start(org.palermo.plugin.api.PluginContext c) {"
        + " db = c.storage().orElseThrow(); }\n"
        + "  public java.util.List<Object> resources() {"
        + " return java.util.List.of(new Routes(db)); }\n}\n";
  }

  private static final String MIGRATION = "CREATE TABLE notes (id BIGINT AUTO_INCREMENT"
      + " PRIMARY KEY, line VARCHAR(100) NOT NULL);\n";

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("plugin-storage").resolve("plugins");
    // Two ids whose schemas differ only where the other has an underscore:
    // palermo_plugin_ab_c and palermo_plugin_abxc. In a GRANT, an unescaped '_' would match
    // any character and give ab-c the rights on abxc's schema too.
    for (String id : new String[] {"ab-c", "abxc"}) {
      String pkg = id.replace("-", "");
      PluginJars.build(folder, id + ".jar", PluginJars.descriptor(id, "1.0", "rest,storage",
          pkg + ".Plugin"), Map.of(pkg + ".Plugin", plugin(pkg), pkg + ".Routes", probe(pkg)),
          Map.of("palermo-plugin/migration/V1__notes.sql", MIGRATION));
      PluginHostTest.admin(folder, "enable", id, "--approve", "rest,storage");
    }
    PluginJars.build(folder, "broken.jar", PluginJars.descriptor("broken-migration", "1.0",
        "storage", "abc.Plugin"), Map.of("abc.Plugin", plugin("abc"), "abc.Routes",
        probe("abc")), Map.of("palermo-plugin/migration/V1__bad.sql", "CREATE TABLE;"));
    PluginHostTest.admin(folder, "enable", "broken-migration", "--approve", "storage");
    server = TestServer.start(c -> TestServer.manyPeople(c.withPluginsDir(folder)),
        Clock.systemUTC(), rc -> { });
    person = new Cli(server).register("st");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode probe(String id, String note, String other) throws Exception {
    HttpResponse<String> answer = server.send(server.request("api/v1/plugins/" + id
        + "/probe?note=" + note + "&other=" + other)
        .header("Authorization", "Bearer " + person.token())
        .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }

  private static String coreSchema() {
    String url = server.config().database().orElseThrow().url();
    return url.substring(url.lastIndexOf('/') + 1);
  }

  @Test
  void aPlugin_keepsItsRowsInItsOwnSchema_madeByItsMigrations() throws Exception {
    JsonNode first = probe("ab-c", "first", "notes");
    JsonNode second = probe("ab-c", "second", "notes");
    assertTrue(first.path("notes").toString().contains("first"), first.toString());
    assertEquals("[\"first\",\"second\"]", second.path("notes").toString());
    assertEquals("read 2", second.path("other").asText());
  }

  @Test
  void itsUser_cannotReadTheCoresTables() throws Exception {
    for (String table : new String[] {"accounts", "sessions", "workspaces", "server_secrets"}) {
      JsonNode p = probe("abxc", "x", coreSchema() + "." + table);
      assertTrue(p.path("other").asText().startsWith("refused: ")
          && p.path("other").asText().contains("denied"), table + ": " + p);
    }
    JsonNode p = probe("abxc", "x", "mysql.user");
    assertTrue(p.path("other").asText().contains("denied"), p.toString());
  }

  @Test
  void itsUser_cannotReadAnotherPluginsSchema_evenOneItsNamePatternWouldMatch()
      throws Exception {
    probe("abxc", "own", "notes");
    JsonNode intruder = probe("ab-c", "x", "palermo_plugin_abxc.notes");
    assertTrue(intruder.path("other").asText().contains("denied"), intruder.toString());
    JsonNode other = probe("abxc", "x", "palermo_plugin_ab_c.notes");
    assertTrue(other.path("other").asText().contains("denied"), other.toString());
  }

  @Test
  void showGrants_namesItsSchemaAlone() throws Exception {
    for (String id : new String[] {"ab-c", "abxc"}) {
      String schema = "palermo\\\\_plugin\\\\_" + id.replace("-", "\\\\_");
      JsonNode p = probe(id, "g", "notes");
      JsonNode grants = p.path("grants");
      assertEquals(2, grants.size(), grants.toString());
      assertTrue(grants.get(0).asText().startsWith("GRANT USAGE ON *.* TO"), grants.toString());
      String onSchema = grants.get(1).asText();
      assertTrue(onSchema.matches("GRANT [A-Z, ]+ ON `" + schema + "`\\.\\* TO .*"),
          onSchema);
      assertTrue(!onSchema.contains("GRANT OPTION") && !onSchema.contains("ALL PRIVILEGES")
          && !onSchema.contains("EXECUTE") && !onSchema.contains("CREATE ROUTINE"), onSchema);
      assertEquals("[\"information_schema\",\"palermo_plugin_" + id.replace("-", "_") + "\"]",
          p.path("databases").toString(), "the databases it can see");
    }
  }

  @Test
  void aFailingMigration_failsThatPluginAlone_withItsReason() throws Exception {
    HttpResponse<String> list = server.send(server.request("api/v1/plugins").GET().build());
    JsonNode broken = null;
    for (JsonNode p : JSON.readTree(list.body()).path("plugins")) {
      if ("broken.jar".equals(p.path("file").asText())) {
        broken = p;
      }
    }
    assertEquals("failed", broken.path("state").asText(), String.valueOf(broken));
    assertTrue(broken.path("reason").asText().startsWith("its migrations failed"),
        broken.toString());
    assertEquals("read 0", probe("abxc", "still", "palermo_plugin_abxc.notes")
        .path("other").asText().replaceAll("read \\d+", "read 0"));
  }
}
