package org.palermo.server.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.plugins.checklist.ClusterChecklistPlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginCalls;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * The cluster-checklist plugin as an operator installs it, through HTTP with real accounts and
 * roles: the review profile, the schedule, the checklists and who may change what.
 */
class ClusterChecklistPluginTest {
  private static TestServer server;
  private static PluginCalls calls;
  private static Cli cli;
  private static Cli.Person owner;
  private static Cli.Person editor;
  private static Cli.Person contributor;
  private static Cli.Person viewer;
  private static Cli.Person stranger;
  private static String ws;
  private static Path folder;

  @BeforeAll
  static void start() throws Exception {
    folder = TestDatabase.folder("cluster-checklist").resolve("plugins");
    Files.createDirectories(folder);
    PluginJars.install(folder, ClusterChecklistPlugin.class, "cluster-checklist",
        "rest,storage,read-workspaces,messages");
    // The operator checked the flagged cell against resolution 9/1 and corrected it (article 9,
    // under footnote 15, where the extraction has 7): no code change, a file in its folder.
    String shipped;
    try (var in = ClusterChecklistPlugin.class.getResourceAsStream(
        "untoc-review-reference.tsv")) {
      shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String fixed = shipped.replace("article\tconvention\t1\t7\t-\tFLAGGED: also listed in"
        + " cluster 3; the original probably has 9 here",
        "article\tconvention\t1\t9\tnot-party-to-uncac\tfootnote 15 (checked)");
    assertTrue(!fixed.equals(shipped), "the flagged line is in the shipped file");
    Files.createDirectories(folder.resolve("cluster-checklist"));
    Files.writeString(folder.resolve("cluster-checklist").resolve("untoc-review-reference.tsv"),
        fixed);
    server = TestServer.withPlugins(folder);
    cli = new Cli(server);
    calls = new PluginCalls(server, "cluster-checklist");
    owner = cli.register("co");
    editor = cli.register("ce");
    contributor = cli.register("cc");
    viewer = cli.register("cv");
    stranger = cli.register("cs");
    ws = Cli.ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    for (Object[] m : new Object[][] {{editor, "editor"}, {contributor, "contributor"},
        {viewer, "viewer"}}) {
      Cli.Person p = (Cli.Person) m[0];
      String invitation = Cli.ok(cli.as(owner, "workspace", "invite", ws, p.handle(),
          "--role", (String) m[1])).line("invitation");
      Cli.ok(cli.as(p, "workspace", "accept", invitation));
    }
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

  private static final String ITEM = "cluster-2 trafficking-in-persons:6";

  /** The JSON change (without its closing brace) with the audit entry {@code who} signed. */
  private static String audited(Cli.Person who, String open, String action) {
    return open + ",\"audit\":" + calls.audit(who, ws, "cluster-checklist", ITEM, action)
        + "}";
  }

  private static final String PROFILE = "{\"state\":\"MEX\",\"instruments\":[\"convention\","
      + "\"trafficking-in-persons\"],\"partyToUncac\":true,\"group\":2,\"startYear\":2019}";

  @Test
  void aCoalitionsProfile_givesTheClusterUnderReview_withItsArticles() throws Exception {
    assertEquals(403, call(viewer, "PUT", "workspaces/" + ws + "/profile", PROFILE)
        .statusCode());
    ok(call(editor, "PUT", "workspaces/" + ws + "/profile", PROFILE));
    JsonNode year5 = ok(call(viewer, "GET", "workspaces/" + ws + "/schedule?year=5", null));
    assertEquals("review", year5.path("phase").path("stage").asText(), year5.toString());
    assertEquals(1, year5.path("phase").path("cluster").asInt());
    assertEquals(2023, year5.path("phase").path("calendarYear").asInt());
    assertEquals(2, year5.path("next").path("cluster").asInt());
    List<String> articles = new ArrayList<>();
    year5.path("articles").forEach(a -> articles.add(a.path("instrument").asText().charAt(0)
        + a.path("article").asText()));
    // Party to UNCAC: neither 8 nor (in the corrected data) 9 of the Convention.
    assertEquals(List.of("c2", "c5", "c6", "c10", "c15", "c23", "t3", "t5"), articles);
    JsonNode calendar = ok(call(owner, "GET", "workspaces/" + ws
        + "/schedule?calendarYear=2020", null));
    assertEquals("preparatory", calendar.path("phase").path("stage").asText());

    HttpResponse<String> misfit = call(owner, "PUT", "workspaces/" + ws + "/profile",
        PROFILE.replace("\"convention\",", ""));
    assertEquals(400, misfit.statusCode());
    assertTrue(misfit.body().contains("a State party to a Protocol is party to the Convention"),
        misfit.body());
    assertEquals(404, call(stranger, "GET", "workspaces/" + ws + "/profile", null)
        .statusCode(), "a non-member learns nothing");
  }

  @Test
  void checklists_followTheRoles() throws Exception {
    ok(call(owner, "PUT", "workspaces/" + ws + "/profile", PROFILE));
    assertEquals(403, call(contributor, "POST", "workspaces/" + ws + "/checklists/cluster-2",
        null).statusCode());
    JsonNode list = ok(call(editor, "POST", "workspaces/" + ws + "/checklists/cluster-2",
        null));
    assertEquals(8, list.path("items").size(), list.toString());
    assertEquals("0", list.path("progress").path("all").path("done").asText());
    assertEquals(409, call(owner, "POST", "workspaces/" + ws + "/checklists/cluster-2", null)
        .statusCode());
    String item = "workspaces/" + ws + "/checklists/cluster-2/items/trafficking-in-persons:6";

    assertEquals(403, call(contributor, "PATCH", item, "{\"status\":\"drafting\"}")
        .statusCode(), "not assigned to it");
    ok(call(editor, "PATCH", item, audited(editor, "{\"assignees\":[\""
        + cli.accountId(contributor) + "\"]", "assignees 1")));
    JsonNode drafting = ok(call(contributor, "PATCH", item, audited(contributor,
        "{\"status\":\"drafting\"", "status drafting")));
    assertEquals("drafting", drafting.path("status").asText());
    assertEquals(403, call(contributor, "PATCH", item, "{\"assignees\":[]}").statusCode(),
        "a contributor does not assign");
    assertEquals(403, call(viewer, "PATCH", item, "{\"status\":\"submitted\"}").statusCode());
    assertEquals(400, call(editor, "PATCH", item, "{\"assignees\":[\"" + cli.accountId(stranger)
        + "\"]}").statusCode(), "only members are assigned");
    assertEquals(400, call(editor, "PATCH", item, "{\"status\":\"finished\"}").statusCode());
    assertEquals(400, call(editor, "PATCH", item, "{\"documents\":[\"" + "ab".repeat(16)
        + "\"]}").statusCode(), "only the workspace's documents are linked");

    // Every change is in the audit log first: none without, none on another's or another
    // change's entry, none on an entry used before.
    HttpResponse<String> unaudited = call(editor, "PATCH", item, "{\"status\":\"drafting\"}");
    assertEquals(400, unaudited.statusCode());
    assertTrue(unaudited.body().contains("Each change is in the workspace's audit log"),
        unaudited.body());
    long editors = calls.audit(editor, ws, "cluster-checklist", "cluster-2"
        + " trafficking-in-persons:6", "status submitted");
    assertEquals(400, call(contributor, "PATCH", item, "{\"status\":\"submitted\","
        + "\"audit\":" + editors + "}").statusCode(), "another member's entry");
    assertEquals(400, call(editor, "PATCH", item, "{\"status\":\"gathering-evidence\","
        + "\"audit\":" + editors + "}").statusCode(), "an entry for another change");
    assertEquals(200, call(editor, "PATCH", item, "{\"status\":\"submitted\",\"audit\":"
        + editors + "}").statusCode());
    assertEquals(409, call(editor, "PATCH", item, "{\"status\":\"submitted\",\"audit\":"
        + editors + "}").statusCode(), "an entry vouches for one change");
    ok(call(editor, "PATCH", item, audited(editor, "{\"status\":\"drafting\"",
        "status drafting")));

    Path file = owner.home().getParent().resolve("evidence.txt");
    Files.writeString(file, "evidence");
    String doc = Cli.ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    JsonNode linked = ok(call(contributor, "PATCH", item, audited(contributor,
        "{\"documents\":[\"" + doc + "\"],\"status\":\"submitted\"",
        "status submitted; documents 1")));
    assertEquals(doc, linked.path("documents").get(0).asText());
    JsonNode after = ok(call(viewer, "GET", "workspaces/" + ws + "/checklists/cluster-2", null));
    assertEquals(1, after.path("progress").path("trafficking-in-persons").path("done").asInt(),
        after.path("progress").toString());
    assertEquals(3, after.path("progress").path("trafficking-in-persons").path("total")
        .asInt());
    assertEquals(5, after.path("progress").path("convention").path("total").asInt());
    assertEquals(404, call(stranger, "GET", "workspaces/" + ws + "/checklists/cluster-2",
        null).statusCode());
  }

  @Test
  void anOperatorsCorrectedReferenceData_isWhatThePluginUses() throws Exception {
    JsonNode reference = ok(call(stranger, "GET", "reference", null));
    List<String> cluster1 = new ArrayList<>();
    reference.path("articles").forEach(a -> {
      if (a.path("instrument").asText().equals("convention") && a.path("cluster").asInt() == 1) {
        cluster1.add(a.path("article").asText()
            + (a.path("onlyIfNotPartyToUncac").asBoolean() ? "*" : ""));
      }
    });
    assertEquals(List.of("2", "5", "6", "9*", "8*", "10", "15", "23"), cluster1);
  }

  /** Figure 1 through the API, with the operator's correction of the flagged cell. */
  @Test
  void theReferenceDataServed_isFigure1() throws Exception {
    java.util.Map<String, List<String>> figure1 = java.util.Map.of(
        "convention", List.of("2 5 6 9 8 10 15 23", "24 25 29 30 31", "7 11 19 20 22 26 27 28",
            "12 13 14 16 17 18 21"),
        "trafficking-in-persons", List.of("3 5", "6 7 9", "11 12 13", "8 10"),
        "smuggling-of-migrants", List.of("3 5 6", "8 9 14 15 16", "11 12 13", "7 10 18"),
        "firearms", List.of("3 5 8", "7 9 10 11 14 15", "", "6 12 13"));
    JsonNode reference = ok(call(viewer, "GET", "reference", null));
    figure1.forEach((instrument, cells) -> {
      for (int cluster = 1; cluster <= 4; cluster++) {
        List<String> got = new ArrayList<>();
        for (JsonNode a : reference.path("articles")) {
          if (a.path("instrument").asText().equals(instrument)
              && a.path("cluster").asInt() == cluster) {
            got.add(a.path("article").asText());
          }
        }
        assertEquals(cells.get(cluster - 1), String.join(" ", got), instrument + " " + cluster);
      }
    });
  }

  /** Footnote 15 and Figure 2 through the API: a Party not party to UNCAC, each group. */
  @Test
  void footnote15_andEachGroupsSchedule_throughTheApi() throws Exception {
    String other = Cli.ok(cli.as(owner, "workspace", "create", "Other")).line("workspace");
    ok(call(owner, "PUT", "workspaces/" + other + "/profile", PROFILE
        .replace("\"partyToUncac\":true", "\"partyToUncac\":false")));
    JsonNode year5 = ok(call(owner, "GET", "workspaces/" + other + "/schedule?year=5", null));
    List<String> articles = new ArrayList<>();
    year5.path("articles").forEach(a -> articles.add(a.path("instrument").asText().charAt(0)
        + a.path("article").asText()));
    assertEquals(List.of("c2", "c5", "c6", "c9", "c8", "c10", "c15", "c23", "t3", "t5"),
        articles, "not party to UNCAC: articles 8 and 9 of the Convention");
    List<String> expected = List.of("P P 1 1 2 2 3 3 4 4 D D", "P P W 1 1 2 2 3 3 4 4 D",
        "P P W W 1 1 2 2 3 3 4 4");
    for (int group = 1; group <= 3; group++) {
      ok(call(owner, "PUT", "workspaces/" + other + "/profile", PROFILE
          .replace("\"group\":2", "\"group\":" + group)));
      List<String> stages = new ArrayList<>();
      for (int year = 1; year <= 12; year++) {
        JsonNode phase = ok(call(owner, "GET", "workspaces/" + other + "/schedule?year="
            + year, null)).path("phase");
        stages.add(switch (phase.path("stage").asText()) {
          case "review" -> phase.path("cluster").asText();
          case "preparatory" -> "P";
          case "waiting" -> "W";
          default -> "D";
        });
      }
      assertEquals(expected.get(group - 1), String.join(" ", stages), "group " + group);
    }
  }

  @Test
  void theActionPlan_isTheGuides() throws Exception {
    JsonNode plan = ok(call(owner, "POST", "workspaces/" + ws + "/checklists/action-plan",
        null));
    assertEquals(9, plan.path("items").size());
    assertEquals("Phase 2, step 1: Ask the government to sign the civil society engagement"
        + " and transparency pledge", plan.path("items").get(6).path("label").asText());
    assertEquals(404, call(owner, "POST", "workspaces/" + ws + "/checklists/cluster-9", null)
        .statusCode());
  }
}
