package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.plugins.translation.TranslationPlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginCalls;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * The translation plugin through HTTP and the real command line, with real accounts on a real
 * server: the walk (a Spanish version of an English submission requested,
 * machine-translated here with Apertium, edited, linked, outdated when the English source gets
 * a new version, current again when re-linked), requests and their rules, roles, and answers in
 * the caller's language.
 */
class TranslationPluginTest {
  private static final String ENGLISH = "The organization documented trafficking routes through"
      + " the northern border. Victims were moved at night by the same network.\n";

  private static TestServer server;
  private static PluginCalls calls;
  private static Cli cli;
  private static Cli.Person owner;
  private static Cli.Person translator;
  private static Cli.Person viewer;
  private static Cli.Person outsider;
  private static String ws;
  private static Path files;

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("translation").resolve("plugins");
    PluginJars.install(folder, TranslationPlugin.class, "translation",
        "rest,storage,read-workspaces,messages");
    server = TestServer.withPlugins(folder);
    cli = new Cli(server);
    calls = new PluginCalls(server, "translation");
    owner = cli.register("ow");
    translator = cli.register("tr");
    viewer = cli.register("vi");
    outsider = cli.register("ou");
    ws = ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    for (var member : new Cli.Person[] {translator, viewer}) {
      String invitation = ok(cli.as(owner, "workspace", "invite", ws, member.handle(),
          "--role", member == viewer ? "viewer" : "editor")).line("invitation");
      ok(cli.as(member, "workspace", "accept", invitation));
    }
    files = Cli.home(Cli.unique("translation-files")).getParent().resolve(Cli.unique("f"));
    Files.createDirectories(files);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String put(Cli.Person who, String name, String text) throws Exception {
    Path file = files.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return ok(cli.as(who, "doc", "put", ws, file.toString(), "--title", name)).line("document");
  }

  @Test
  void walk_requestMachineTranslateLink_outdatedWhenTheSourceMovesOn() throws Exception {
    String source = put(owner, "submission-en.md", ENGLISH);
    String due = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
    Cli.Run requested = ok(cli.as(owner, "translate", "request", ws, source, "--to", "es",
        "--due", due, "--assignee", translator.handle()));
    assertTrue(requested.out().contains("es"), requested.toString());
    Cli.Run listed = ok(cli.as(translator, "translate", "list", ws));
    assertTrue(listed.out().contains("open") && listed.out().contains(translator.handle()),
        listed.toString());

    // Apertium on this machine: no question asked, even for a confidential document.
    Path draft = files.resolve("submission-es-" + Cli.unique("m") + ".md");
    Cli.Run machine = ok(cli.as(translator, "translate", "machine", ws, source, "--from", "en",
        "--to", "es", "--out", draft.toString()));
    assertFalse(machine.err().contains("WARNING"), machine.toString());
    String spanish = Files.readString(draft);
    assertTrue(spanish.contains("víctimas") || spanish.contains("Víctimas"), spanish);
    // The member edits it, then seals, puts and links it.
    Files.writeString(draft, spanish.replace("frontera", "frontera norte"));
    Cli.Run linked = ok(cli.as(translator, "translate", "link", ws, source, "--file",
        draft.toString(), "--from", "en", "--to", "es", "--machine", "apertium"));
    String translation = linked.line("translation");
    assertEquals("confidential", linked.line("level"));

    Cli.Run status = ok(cli.as(viewer, "translate", "status", ws));
    assertTrue(status.out().contains(translation + " (es) translates " + source
        + " (en) version 1: up to date"), status.toString());
    assertTrue(status.out().contains("machine-translated (apertium)"), status.toString());
    // The request is done by the link.
    assertTrue(ok(cli.as(owner, "translate", "list", ws)).out().contains(" done "));
    // The sealed metadata says so too: a tag only members can read.
    Cli.Run docs = ok(cli.as(viewer, "--json", "doc", "list", ws));
    assertTrue(docs.out().contains("machine-translated:apertium"), docs.toString());

    // The English source gets a new version: the Spanish one shows as outdated.
    Path v2 = files.resolve("submission-en-v2.md");
    Files.writeString(v2, ENGLISH + "A second route was found.\n");
    ok(cli.as(owner, "doc", "put", ws, v2.toString(), "--update", source));
    status = ok(cli.as(owner, "translate", "status", ws));
    assertTrue(status.out().contains(translation + " (es) translates " + source
        + " (en) version 1: OUTDATED, the source is at version 2"), status.toString());
    JsonNode versions = PluginCalls.ok(calls.call(owner, "GET", "workspaces/" + ws
        + "/versions", null));
    JsonNode spanishVersion = null;
    for (JsonNode v : versions) {
      if (v.path("translation").asText().equals(translation)) {
        spanishVersion = v;
      }
    }
    assertTrue(spanishVersion.path("outdated").asBoolean(), versions.toString());
    assertEquals("apertium", spanishVersion.path("engine").asText());

    // A new version of the translation, linked to the new source version: current again.
    Path fixed = files.resolve("submission-es-v2.md");
    Files.writeString(fixed, spanish + "Se encontró una segunda ruta.\n");
    ok(cli.as(translator, "translate", "link", ws, source, "--file", fixed.toString(),
        "--update", translation, "--from", "en", "--to", "es"));
    status = ok(cli.as(owner, "translate", "status", ws));
    assertTrue(status.out().contains(translation + " (es) translates " + source
        + " (en) version 2: up to date"), status.toString());
  }

  @Test
  void remoteEngine_warnsAndAsksBeforePlaintextLeaves() throws Exception {
    String source = put(owner, "witness.md", "The witness saw the convoy.\n");
    // A LibreTranslate-compatible endpoint on this machine's network address (not loopback):
    // for the client, an engine elsewhere. It records what it was sent.
    java.net.InetAddress address = nonLoopbackAddress();
    java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer endpoint = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(address, 0), 0);
    endpoint.createContext("/translate", exchange -> {
      JsonNode asked = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          exchange.getRequestBody());
      received.add(asked.path("q").asText() + "|" + asked.path("source").asText() + "|"
          + asked.path("target").asText());
      byte[] answer = "{\"translatedText\":\"El testigo vio el convoy.\"}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    endpoint.start();
    try {
      String url = "http://" + address.getHostAddress() + ":" + endpoint.getAddress().getPort()
          + "/";
      Path out = files.resolve("witness-es-" + Cli.unique("r") + ".md");
      // No terminal to ask and no --send-plaintext: a warning, and nothing leaves.
      Cli.Run refused = cli.as(translator, "translate", "machine", ws, source, "--from", "en",
          "--to", "es", "--engine", "libretranslate", "--url", url, "--out", out.toString());
      assertEquals(1, refused.code(), refused.toString());
      assertTrue(refused.err().contains("WARNING: this document is confidential"),
          refused.toString());
      assertEquals(java.util.List.of(), received);
      assertFalse(Files.exists(out));
      // The member says yes: it goes, and the file says it is a machine translation.
      Cli.Run sent = ok(cli.as(translator, "translate", "machine", ws, source, "--from", "en",
          "--to", "es", "--engine", "libretranslate", "--url", url, "--out", out.toString(),
          "--send-plaintext"));
      assertTrue(sent.err().contains("WARNING"), sent.toString());
      assertEquals(java.util.List.of("The witness saw the convoy.\n|en|es"), received);
      assertEquals("El testigo vio el convoy.", Files.readString(out));
    } finally {
      endpoint.stop(0);
    }
  }

  private static java.net.InetAddress nonLoopbackAddress() throws Exception {
    for (java.net.NetworkInterface nic : java.util.Collections.list(
        java.net.NetworkInterface.getNetworkInterfaces())) {
      for (java.net.InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
        if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address && nic.isUp()) {
          return a;
        }
      }
    }
    throw new AssertionError("this machine has no network address besides loopback");
  }

  @Test
  void aSummaryOverItsWords_warns_otherSubmissionsDoNot() throws Exception {
    Path longText = files.resolve("long-summary.md");
    Files.writeString(longText, "observation ".repeat(1501));
    Cli.Run summary = ok(cli.as(owner, "submission", "new", ws, "--file", longText.toString(),
        "--title", "Summary", "--summary"));
    assertTrue(summary.err().contains("WARNING: 1501 words"), summary.toString());
    Cli.Run plain = ok(cli.as(owner, "submission", "new", ws, "--file", longText.toString(),
        "--title", "Report"));
    assertFalse(plain.err().contains("WARNING"), plain.toString());
    // A later version of the summary is checked too: the mark is sealed with it.
    String doc = summary.line("document");
    Path shorter = files.resolve("shorter-summary.md");
    Files.writeString(shorter, "observation ".repeat(1500));
    Cli.Run saved = ok(cli.as(owner, "submission", "save", ws, doc, shorter.toString()));
    assertFalse(saved.err().contains("WARNING"), saved.toString());
    Files.writeString(shorter, "观察".repeat(1600));
    Cli.Run chinese = ok(cli.as(owner, "submission", "save", ws, doc, shorter.toString()));
    assertTrue(chinese.err().contains("WARNING: 1600 words"), chinese.toString());
    Cli.Run counted = ok(cli.as(owner, "translate", "words", shorter.toString(), "--in", "zh",
        "--summary"));
    assertTrue(counted.out().contains("Words: 1600"), counted.toString());
  }

  @Test
  void requests_rulesAndRoles() throws Exception {
    String source = put(owner, "report.md", "A report.\n");
    String path = "workspaces/" + ws + "/requests";
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    assertEquals(400, calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"languages\":[\"de\"],\"due\":\"" + tomorrow + "\"}").statusCode());
    assertEquals(400, calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"languages\":[\"fr\"],\"due\":\"" + yesterday + "\"}").statusCode());
    assertEquals(400, calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"languages\":[\"fr\"],\"due\":\"" + tomorrow + "\",\"assignee\":\""
        + outsider.handle() + "\"}").statusCode());
    assertEquals(403, calls.call(viewer, "POST", path, "{\"source\":\"" + source
        + "\",\"languages\":[\"fr\"],\"due\":\"" + tomorrow + "\"}").statusCode());
    assertEquals(404, calls.call(outsider, "GET", path, null).statusCode());
    JsonNode made = PluginCalls.ok(calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"languages\":[\"fr\",\"ar\",\"fr\"],\"due\":\"" + tomorrow + "\"}"));
    assertEquals(2, made.size(), made.toString());
    String id = made.get(0).path("id").asText();
    assertEquals("in-progress", PluginCalls.ok(calls.call(translator, "PUT", path + "/" + id,
        "{\"status\":\"in-progress\"}")).path("status").asText());
    assertEquals(403, calls.call(viewer, "PUT", path + "/" + id,
        "{\"status\":\"done\"}").statusCode());
    assertEquals(400, calls.call(owner, "PUT", path + "/" + id,
        "{\"status\":\"finished\"}").statusCode());
    ok(cli.as(owner, "translate", "update", ws, id, "--status", "cancelled"));
    assertEquals(409, calls.call(owner, "PUT", path + "/" + id,
        "{\"status\":\"open\"}").statusCode());
  }

  @Test
  void links_rules() throws Exception {
    String source = put(owner, "note.md", "A note.\n");
    String other = put(owner, "nota.md", "Una nota.\n");
    String path = "workspaces/" + ws + "/versions";
    assertEquals(400, calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"translation\":\"" + other + "\",\"sourceLanguage\":\"en\",\"language\":\"en\"}")
        .statusCode());
    assertEquals(400, calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"translation\":\"" + source + "\",\"sourceLanguage\":\"en\",\"language\":\"es\"}")
        .statusCode());
    assertEquals(400, calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"sourceVersion\":2,\"translation\":\"" + other
        + "\",\"sourceLanguage\":\"en\",\"language\":\"es\"}").statusCode());
    assertEquals(404, calls.call(owner, "POST", path, "{\"source\":\"" + "0".repeat(32)
        + "\",\"translation\":\"" + other + "\",\"sourceLanguage\":\"en\",\"language\":\"es\"}")
        .statusCode());
    assertEquals(403, calls.call(viewer, "POST", path, "{\"source\":\"" + source
        + "\",\"translation\":\"" + other + "\",\"sourceLanguage\":\"en\",\"language\":\"es\"}")
        .statusCode());
    PluginCalls.ok(calls.call(owner, "POST", path, "{\"source\":\"" + source
        + "\",\"translation\":\"" + other + "\",\"sourceLanguage\":\"en\",\"language\":\"es\"}"));
    // A translation is not itself a source.
    String third = put(owner, "note-fr.md", "Une note.\n");
    assertEquals(409, calls.call(owner, "POST", path, "{\"source\":\"" + other
        + "\",\"translation\":\"" + third + "\",\"sourceLanguage\":\"es\",\"language\":\"fr\"}")
        .statusCode());
    // The client refuses a translation more open than its source before anything is sent.
    Cli.Run open = cli.as(owner, "translate", "link", ws, source, "--document", third,
        "--from", "en", "--to", "fr", "--level", "public");
    assertEquals(1, open.code(), open.toString());
    assertTrue(open.err().contains("never more open than its source"), open.toString());
  }

  @Test
  void answers_inTheCallersLanguage() throws Exception {
    HttpResponse<String> russian = server.send(server.request("api/v1/plugins/translation/"
        + "workspaces/" + "0".repeat(32) + "/versions")
        .header("Authorization", "Bearer " + owner.token())
        .header("Accept-Language", "ru-RU, en;q=0.5").build());
    assertEquals(404, russian.statusCode());
    assertTrue(russian.body().contains("Нет такого рабочего пространства"), russian.body());
    HttpResponse<String> arabic = server.send(server.request("api/v1/plugins/translation/"
        + "workspaces/" + "0".repeat(32) + "/versions")
        .header("Authorization", "Bearer " + owner.token())
        .header("Accept-Language", "ar").build());
    assertTrue(arabic.body().contains("مساحة العمل"), arabic.body());
  }

  @Test
  void theServedSpec_describesExactlyThePluginsRoutes() throws Exception {
    HttpResponse<String> served = server.send(server.request("api/v1/openapi.yaml").GET()
        .build());
    io.swagger.v3.oas.models.OpenAPI spec = new io.swagger.v3.parser.OpenAPIV3Parser()
        .readContents(served.body()).getOpenAPI();
    java.util.Set<String> described = new java.util.TreeSet<>();
    spec.getPaths().forEach((path, item) -> {
      if (path.startsWith("/api/v1/plugins/translation/")) {
        item.readOperationsMap().keySet().forEach(m -> described.add(m + " " + path));
      }
    });
    java.util.Set<String> routes = new java.util.TreeSet<>();
    for (java.lang.reflect.Method m : org.palermo.plugins.translation.TranslationResource.class
        .getMethods()) {
      jakarta.ws.rs.Path path = m.getAnnotation(jakarta.ws.rs.Path.class);
      for (var verb : java.util.List.of(jakarta.ws.rs.GET.class, jakarta.ws.rs.POST.class,
          jakarta.ws.rs.PUT.class, jakarta.ws.rs.DELETE.class)) {
        if (path != null && m.isAnnotationPresent(verb)) {
          routes.add(verb.getSimpleName() + " /api/v1/plugins/translation/" + path.value());
        }
      }
    }
    assertEquals(routes, described);
  }

  @Test
  void glossary_referenceInSixLanguages_andTheWorkspacesOwnSealed() throws Exception {
    JsonNode glossary = PluginCalls.ok(calls.call(viewer, "GET", "glossary", null));
    assertTrue(glossary.path("source").asText().contains("resolution 9/1"), glossary.toString());
    JsonNode cop = null;
    for (JsonNode term : glossary.path("terms")) {
      if (term.path("id").asText().equals("cop")) {
        cop = term.path("names");
      }
    }
    assertEquals("Conférence des Parties", cop.path("fr").asText());
    assertEquals("缔约方会议", cop.path("zh").asText());
    assertEquals("مؤتمر الأطراف", cop.path("ar").asText());
    ok(cli.as(owner, "translate", "glossary", "add", ws, "convoy", "--term", "en=convoy",
        "--term", "es=convoy de vehículos"));
    ok(cli.as(owner, "translate", "glossary", "add", ws, "convoy", "--term",
        "es=caravana"));
    Cli.Run shown = ok(cli.as(translator, "--lang", "es", "translate", "glossary", "show", ws));
    assertTrue(shown.out().contains("convoy\tes\tcaravana"), shown.toString());
    assertTrue(shown.out().contains("convoy\ten\tconvoy"), shown.toString());
    assertFalse(shown.out().contains("convoy de vehículos"), shown.toString());
    assertTrue(shown.out().contains("Conferencia de las Partes"), shown.toString());
  }
}
