package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.plugins.dialogue.DialoguePlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Operator;
import org.palermo.server.testing.PluginCalls;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * The dialogue-registration plugin through HTTP with real accounts: the Secretariat convenes,
 * organizations register in time (the 15-day boundary the day before, on and after, in UTC),
 * a certified State sees the applicants and objects, the Bureau rules, the chair calls off a
 * dialogue with too few applications and registrants are told.
 */
class DialogueRegistrationPluginTest {
  private static TestServer server;
  private static PluginCalls calls;
  private static Cli cli;
  private static Cli.Person secretariat;
  private static Cli.Person bureau;
  private static Cli.Person chair;
  private static Cli.Person state;
  private static Cli.Person owner;
  private static Cli.Person viewer;
  private static String ws;

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("dialogues").resolve("plugins");
    Files.createDirectories(folder.resolve("dialogue-registration"));
    Files.writeString(folder.resolve("dialogue-registration").resolve("roles.tsv"), "# none\n");
    PluginJars.install(folder, DialoguePlugin.class, "dialogue-registration",
        "rest,storage,read-workspaces,messages");
    server = TestServer.withPlugins(folder);
    cli = new Cli(server);
    calls = new PluginCalls(server, "dialogue-registration");
    secretariat = cli.register("se");
    bureau = cli.register("bu");
    chair = cli.register("ch");
    state = cli.register("mx");
    owner = cli.register("ow");
    viewer = cli.register("vi");
    new Operator(cli, server, cli.register("op")).certify(state, "MEX");
    // The operator grants the roles, on the server's machine, while it runs.
    Files.writeString(folder.resolve("dialogue-registration").resolve("roles.tsv"),
        "# account id, role\n" + cli.accountId(secretariat) + "\tsecretariat\n"
            + cli.accountId(bureau) + "\tbureau\n" + cli.accountId(chair) + " chair\n");
    ws = Cli.ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    String invitation = Cli.ok(cli.as(owner, "workspace", "invite", ws, viewer.handle(),
        "--role", "viewer")).line("invitation");
    Cli.ok(cli.as(viewer, "workspace", "accept", invitation));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> call(Cli.Person who, String method, String path,
      String json) throws Exception {
    return calls.call(who, method, path, json);
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    return PluginCalls.ok(r);
  }

  private static String dialogue(String group, int daysAhead, int minimum) throws Exception {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(daysAhead);
    return ok(call(secretariat, "POST", "dialogues", "{\"workingGroup\":\"" + group
        + "\",\"date\":\"" + day + "\",\"minimum\":" + minimum + "}")).path("id").asText();
  }

  private static HttpResponse<String> register(String dialogue, String organization)
      throws Exception {
    return call(owner, "POST", "dialogues/" + dialogue + "/registrations", "{\"workspace\":\""
        + ws + "\",\"organization\":\"" + organization + "\",\"representatives\":[\""
        + owner.handle() + "\"]}");
  }

  @Test
  void onlyTheSecretariat_convenes_forOneOfTheFiveWorkingGroups() throws Exception {
    assertEquals(403, call(owner, "POST", "dialogues", "{\"workingGroup\":\"firearms\","
        + "\"date\":\"2099-01-01\"}").statusCode());
    HttpResponse<String> unknown = call(secretariat, "POST", "dialogues",
        "{\"workingGroup\":\"piracy\",\"date\":\"2099-01-01\"}");
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("technical-assistance, international-cooperation,"
        + " trafficking-in-persons, smuggling-of-migrants, firearms"), unknown.body());
  }

  @Test
  void registration_closesFifteenDaysBefore_dayBeforeOnAndAfter() throws Exception {
    assertEquals(200, register(dialogue("trafficking-in-persons", 16, 1), "A").statusCode(),
        "the day before the deadline");
    assertEquals(200, register(dialogue("trafficking-in-persons", 15, 1), "A").statusCode(),
        "on the deadline");
    String late = dialogue("trafficking-in-persons", 14, 1);
    HttpResponse<String> refused = register(late, "A");
    assertEquals(409, refused.statusCode());
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(14);
    assertTrue(refused.body().contains("Registration for this dialogue closed on "
        + day.minusDays(15) + ", 15 days before it is held on " + day + " (UTC)."),
        refused.body());
    assertEquals(403, call(viewer, "POST", "dialogues/" + dialogue("firearms", 30, 1)
        + "/registrations", "{\"workspace\":\"" + ws + "\",\"organization\":\"A\","
        + "\"representatives\":[\"" + viewer.handle() + "\"]}").statusCode(),
        "a viewer does not register the organization");
  }

  @Test
  void aStateSeesTheApplicants_objects_andTheBureauAdmits() throws Exception {
    String d = dialogue("trafficking-in-persons", 20, 1);
    ok(register(d, "Coalition against trafficking"));
    JsonNode seenByOrganization = ok(call(owner, "GET", "dialogues/" + d, null));
    assertTrue(seenByOrganization.path("applicants").isNull(), "not circulated to members");
    JsonNode seenByState = ok(call(state, "GET", "dialogues/" + d, null));
    assertEquals("Coalition against trafficking", seenByState.path("applicants").get(0)
        .path("organization").asText());
    assertEquals(owner.handle(), seenByState.path("applicants").get(0).path("representatives")
        .get(0).asText());
    assertEquals(404, call(state, "GET", "dialogues/" + d + "/registrations/" + ws, null)
        .statusCode(), "a State sees the applicant list, not the workspace");
    assertEquals(403, call(owner, "POST", "dialogues/" + d + "/registrations/" + ws
        + "/objections", "{\"reason\":\"x\"}").statusCode());
    assertEquals(409, call(bureau, "POST", "dialogues/" + d + "/registrations/" + ws
        + "/decision", "{\"decision\":\"admit\"}").statusCode(), "nothing referred yet");
    JsonNode objected = ok(call(state, "POST", "dialogues/" + d + "/registrations/" + ws
        + "/objections", "{\"reason\":\"Not an organization in good standing\"}"));
    assertEquals("referred", objected.path("status").asText());
    assertEquals("MEX", objected.path("objections").get(0).path("state").asText());
    assertEquals(403, call(state, "POST", "dialogues/" + d + "/registrations/" + ws
        + "/decision", "{\"decision\":\"admit\"}").statusCode());
    JsonNode admitted = ok(call(bureau, "POST", "dialogues/" + d + "/registrations/" + ws
        + "/decision", "{\"decision\":\"admit\",\"reason\":\"Accredited\"}"));
    assertEquals("admitted", admitted.path("status").asText());
    JsonNode own = ok(call(viewer, "GET", "dialogues/" + d + "/registrations/" + ws, null));
    assertEquals("admitted", own.path("status").asText());
    assertEquals(3, own.path("history").size(), "the organization sees each state change: "
        + own.path("history"));
    assertEquals("referred", own.path("history").get(1).path("status").asText());
    assertTrue(!own.path("history").toString().contains("MEX"),
        "which State objected stays between the States and the Bureau");
  }

  @Test
  void theChair_callsOffADialogueWithTooFewApplications_afterTheDeadline() throws Exception {
    String open = dialogue("firearms", 20, 3);
    ok(register(open, "Coalition"));
    HttpResponse<String> early = call(chair, "POST", "dialogues/" + open + "/not-convened",
        null);
    assertEquals(409, early.statusCode(), "before its deadline");
    String closed = dialogue("smuggling-of-migrants", 10, 3);
    assertEquals(403, call(owner, "POST", "dialogues/" + closed + "/not-convened", null)
        .statusCode());
    JsonNode off = ok(call(chair, "POST", "dialogues/" + closed + "/not-convened", null));
    assertEquals("not-convened", off.path("status").asText());
  }

  @Test
  void registrantsAreTold_andWrittenCommentsLinkADocument() throws Exception {
    String d = dialogue("technical-assistance", 16, 5);
    ok(register(d, "Coalition"));
    Path file = owner.home().getParent().resolve("comments.md");
    Files.writeString(file, "Our written comments");
    String doc = Cli.ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    JsonNode commented = ok(call(owner, "PUT", "dialogues/" + d + "/registrations/" + ws
        + "/comments", "{\"document\":\"" + doc + "\"}"));
    assertEquals(doc, commented.path("comments").asText());
    assertEquals(400, call(owner, "PUT", "dialogues/" + d + "/registrations/" + ws
        + "/comments", "{\"document\":\"" + "ab".repeat(16) + "\"}").statusCode());
    JsonNode summary = ok(call(viewer, "GET", "dialogues/" + d, null)).path("dialogue");
    assertNull(summary.path("summary").textValue());
    assertEquals(409, call(chair, "PUT", "dialogues/" + d + "/summary",
        "{\"text\":\"Summary\"}").statusCode(), "the summary follows the dialogue");
  }

  @Test
  void afterTheSession_theChairAttachesTheSummary() throws Exception {
    String d = dialogue("international-cooperation", 16, 1);
    ok(register(d, "Coalition"));
    // The session took place: moved to yesterday in the plugin's own schema, as time would.
    try (java.sql.Connection c = TestDatabase.shared().admin();
        java.sql.PreparedStatement u = c.prepareStatement("UPDATE"
            + " palermo_plugin_dialogue_registration.dialogues SET held_on = ? WHERE id = ?")) {
      u.setObject(1, LocalDate.now(ZoneOffset.UTC).minusDays(1));
      u.setString(2, d);
      assertEquals(1, u.executeUpdate());
    }
    assertEquals(403, call(owner, "PUT", "dialogues/" + d + "/summary",
        "{\"text\":\"x\"}").statusCode());
    assertEquals(409, call(owner, "PUT", "dialogues/" + d + "/registrations/" + ws
        + "/comments", "{\"document\":\"" + "ab".repeat(16) + "\"}").statusCode(),
        "written comments come before the session");
    JsonNode held = ok(call(chair, "PUT", "dialogues/" + d + "/summary",
        "{\"text\":\"The dialogue heard four organizations on victim protection.\"}"));
    assertEquals("held", held.path("status").asText());
    assertEquals("The dialogue heard four organizations on victim protection.",
        ok(call(viewer, "GET", "dialogues/" + d, null)).path("dialogue").path("summary")
            .asText(), "attached for the Working Group's next session");
  }
}
