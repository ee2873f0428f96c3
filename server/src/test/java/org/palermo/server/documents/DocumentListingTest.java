package org.palermo.server.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.palermo.server.testing.Cli.ok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.TestServer;

/**
 * The list route serves pages from its cache only while they are current: every completed
 * version, removal and new version changes what members see at once, a member who joined later
 * never gets a page cached for an earlier member, and a removed member gets nothing.
 */
class DocumentListingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Person register(String prefix) {
    return cli.register(prefix);
  }

  private static Cli.Run as(Person p, String... args) {
    return cli.as(p, args);
  }

  private static String put(Person p, String ws, String name, String... more) throws Exception {
    Path file = p.home().getParent().resolve(name);
    Files.writeString(file, name + " " + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("doc", "put", ws, file.toString()));
    args.addAll(List.of(more));
    return ok(as(p, args.toArray(String[]::new))).line("document");
  }

  private static HttpResponse<String> page(Person p, String ws, String query) throws Exception {
    return server.send(server.request("/api/v1/workspaces/" + ws + "/documents" + query)
        .header("Authorization", "Bearer " + p.token()).GET().build());
  }

  /** The listed documents as "id@version", in the order the page gives them. */
  private static List<String> listed(Person p, String ws, String query) throws Exception {
    HttpResponse<String> response = page(p, ws, query);
    assertEquals(200, response.statusCode(), response.body());
    List<String> out = new ArrayList<>();
    for (JsonNode d : JSON.readTree(response.body()).get("documents")) {
      out.add(d.get("documentId").asText() + "@" + d.get("version").asLong());
    }
    return out;
  }

  @Test
  void everyChange_showsInTheNextList() throws Exception {
    Person owner = register("lo");
    String ws = ok(as(owner, "workspace", "create", "Listing")).line("workspace");
    assertEquals(List.of(), listed(owner, ws, ""));
    String a = put(owner, ws, "a.txt");
    assertEquals(List.of(a + "@1"), listed(owner, ws, ""));
    assertEquals(List.of(a + "@1"), listed(owner, ws, ""), "the same page, twice");

    String b = put(owner, ws, "b.txt", "--title", "B");
    List<String> both = listed(owner, ws, "");
    assertEquals(2, both.size(), both.toString());

    put(owner, ws, "b2.txt", "--update", "B");
    assertEquals(both.stream().map(s -> s.startsWith(b) ? b + "@2" : s).toList(),
        listed(owner, ws, ""), "the new version replaces the old one in the list");

    ok(as(owner, "doc", "rm", ws, a));
    assertEquals(List.of(b + "@2"), listed(owner, ws, ""), "a removed document leaves the list");
  }

  @Test
  void pagesOfOne_walkTheWholeList() throws Exception {
    Person owner = register("lp");
    String ws = ok(as(owner, "workspace", "create", "Paging")).line("workspace");
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      all.add(put(owner, ws, "p" + i + ".txt") + "@1");
    }
    List<String> walked = new ArrayList<>();
    String query = "?limit=1";
    for (int i = 0; i < 4 && query != null; i++) {
      JsonNode body = JSON.readTree(page(owner, ws, query).body());
      body.get("documents").forEach(d -> walked.add(d.get("documentId").asText() + "@1"));
      JsonNode next = body.get("next");
      query = next == null || next.isNull() ? null : "?limit=1&after=" + next.asText();
    }
    assertEquals(all.stream().sorted().toList(), walked);
    assertNull(JSON.readTree(page(owner, ws, "?limit=3&after=" + walked.get(2).substring(0, 32))
        .body()).get("next").textValue());
  }

  @Test
  void aLaterMember_neverGetsAnEarlierMembersPage_andARemovedMemberGetsNothing()
      throws Exception {
    Person owner = register("lq");
    Person later = register("lr");
    String ws = ok(as(owner, "workspace", "create", "Joiners")).line("workspace");
    String before = put(owner, ws, "before.txt");
    assertEquals(List.of(before + "@1"), listed(owner, ws, ""), "cached for the owner");

    String invitation = ok(as(owner, "workspace", "invite", ws, later.handle(), "--role",
        "editor")).line("invitation");
    ok(as(later, "workspace", "accept", invitation));
    assertEquals(List.of(), listed(later, ws, ""),
        "what was shared before joining is not listed to the new member");
    assertEquals(List.of(before + "@1"), listed(owner, ws, ""));

    String after = put(owner, ws, "after.txt");
    assertEquals(List.of(after + "@1"), listed(later, ws, ""));

    ok(as(owner, "workspace", "remove", ws, later.handle()));
    assertEquals(404, page(later, ws, "").statusCode(), "a removed member gets nothing");
  }
}
