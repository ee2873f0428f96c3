package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * A plugin's message bundles: its text in the caller's language, English when a language is
 * missing, and the operator told which UN languages are missing and that the plugin uses an
 * unstable part of the API.
 */
class PluginMessagesTest {
  private static TestServer server;
  private static final Map<String, JsonNode> byFile = new HashMap<>();

  private static final String ROUTES = "package msg;\n"
      + "import jakarta.ws.rs.*; import java.util.*;\n"
      + "@Path(\"greeting\") public class Routes {\n"
      + "  private final org.palermo.plugin.api.PluginContext context;\n"
      + "  public Routes(org.palermo.plugin.api.PluginContext c) { context = c; }\n"
      + "  @GET @Produces(\"text/plain; charset=utf-8\") public String greet("
      + "@QueryParam(\"lang\") String lang) {\n"
      + "    return context.messages(Locale.forLanguageTag(lang)).orElseThrow()"
      + ".getString(\"greeting\");\n  }\n}\n";
  private static final String PLUGIN = "package msg;\npublic class Plugin implements"
      + " org.palermo.plugin.api.PalermoPlugin {\n"
      + "  private org.palermo.plugin.api.PluginContext context;\n"
      + "  public void start(org.palermo.plugin.api.PluginContext c) { context = c; }\n"
      + "  public java.util.List<Object> resources() {"
      + " return java.util.List.of(new Routes(context)); }\n}\n";

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("plugin-messages").resolve("plugins");
    PluginJars.build(folder, "a-greeter.jar", PluginJars.descriptor("greeter", "1.0",
        "rest,messages", "msg.Plugin") + "messages=i18n/messages\n",
        Map.of("msg.Plugin", PLUGIN, "msg.Routes", ROUTES),
        Map.of("i18n/messages.properties", "greeting=Welcome\n",
            "i18n/messages_fr.properties", "greeting=Bienvenue\n",
            "i18n/messages_es.properties", "greeting=Bienvenida\n"));
    PluginJars.build(folder, "b-mute.jar", PluginJars.descriptor("mute", "1.0",
        "rest,messages", "msg.Plugin") + "messages=i18n/missing\n",
        Map.of("msg.Plugin", PLUGIN, "msg.Routes", ROUTES), Map.of());
    PluginJars.build(folder, "c-unnamed.jar", PluginJars.descriptor("unnamed", "1.0",
        "messages", "msg.Plugin"), Map.of("msg.Plugin", PLUGIN, "msg.Routes", ROUTES));
    PluginHostTest.admin(folder, "enable", "greeter", "--approve", "rest,messages");
    PluginHostTest.admin(folder, "enable", "mute", "--approve", "rest,messages");
    PluginHostTest.admin(folder, "enable", "unnamed", "--approve", "messages");
    server = TestServer.start(c -> TestServer.manyPeople(c.withPluginsDir(folder)),
        Clock.systemUTC(), rc -> { });
    HttpResponse<String> answer = server.get("api/v1/plugins");
    for (JsonNode p : new ObjectMapper().readTree(answer.body()).path("plugins")) {
      byFile.put(p.path("file").asText(), p);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPluginSpeaks_theCallersLanguage_orEnglish() throws Exception {
    Cli.Person p = new Cli(server).register("ms");
    Map<String, String> expected = Map.of("fr", "Bienvenue", "es", "Bienvenida", "en",
        "Welcome", "ru", "Welcome", "ar", "Welcome");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String lang = e.getKey();
      String text = e.getValue();
      HttpResponse<String> answer = server.send(server.request(
          "api/v1/plugins/greeter/greeting?lang=" + lang)
          .header("Authorization", "Bearer " + p.token()).GET().build());
      assertEquals(200, answer.statusCode(), answer.body());
      assertEquals(text, answer.body(), lang);
    }
  }

  @Test
  void theOperatorIsWarned_ofMissingLanguages_andOfUnstableApiUse() {
    JsonNode greeter = byFile.get("a-greeter.jar");
    assertEquals("started", greeter.path("state").asText(), greeter.toString());
    String warnings = greeter.path("warnings").toString();
    for (String missing : new String[] {"ar", "ru", "zh"}) {
      assertTrue(warnings.contains("its messages have no " + missing + " translation"),
          warnings);
    }
    assertTrue(!warnings.contains("no fr ") && !warnings.contains("no es "), warnings);
    assertTrue(warnings.contains("it uses PluginContext.messages, which may change in a minor"
        + " version of the plugin API"), warnings);
  }

  @Test
  void aBundleThatIsMissing_orUnnamed_isReported() {
    JsonNode mute = byFile.get("b-mute.jar");
    assertEquals("failed", mute.path("state").asText(), mute.toString());
    assertEquals("its messages i18n/missing.properties are not in its jar",
        mute.path("reason").asText());
    JsonNode unnamed = byFile.get("c-unnamed.jar");
    assertEquals("refused", unnamed.path("state").asText(), unnamed.toString());
    assertEquals("its descriptor has no 'messages'", unnamed.path("reason").asText());
  }
}
