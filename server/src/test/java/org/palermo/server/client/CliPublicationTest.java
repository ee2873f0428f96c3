package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import jakarta.ws.rs.container.ContainerRequestFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.client.account.AccountClient;
import org.palermo.client.home.Home;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.disclosure.DisclosureChange;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.TestServer;

/**
 * Publishing: four-eyes in a workspace of two owners, anyone reads the published version with
 * no account (verified on the reader's machine), withdrawing stops it, and a server that swaps
 * the released key, rewrites the publication or serves a later version is refused.
 */
class CliPublicationTest {
  private static TestServer server;
  private static Cli cli;
  /** Every request line the server received: path and query (class 17). */
  private static final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(),
        rc -> rc.register((ContainerRequestFilter) request ->
            requests.add(request.getUriInfo().getRequestUri().toString())));
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A coalition of two owners holding one document, and a reader with no account. */
  private record Setup(Person first, Person second, String ws, String doc, byte[] content,
      Path reader) {}

  private static Setup setup(boolean twoOwners) throws Exception {
    Person first = cli.register("ow");
    Person second = cli.register("co");
    String ws = ok(cli.as(first, "workspace", "create", "Coalition")).line("workspace");
    if (twoOwners) {
      String invitation = ok(cli.as(first, "workspace", "invite", ws, second.handle(),
          "--role", "owner")).line("invitation");
      ok(cli.as(second, "workspace", "accept", invitation));
    }
    Path file = first.home().getParent().resolve("submission.txt");
    byte[] content = ("Shadow report on the review of Mexico " + System.nanoTime())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Files.write(file, content);
    String doc = ok(cli.as(first, "doc", "put", ws, file.toString(), "--title",
        "Shadow report")).line("document");
    return new Setup(first, second, ws, doc, content, Cli.home(Cli.unique("reader")));
  }

  private static Cli.Run publish(Person who, Setup s) {
    return cli.as(who, "doc", "disclose", s.ws(), s.doc(), "--level", "public", "--yes");
  }

  private static Cli.Run anonymous(Setup s, String... args) {
    return cli.runWith(s.reader(), null, args);
  }

  @Test
  void twoOwners_publishingWaitsForTheOther_thenAnyoneReadsItWithNoAccount() throws Exception {
    Setup s = setup(true);
    ok(cli.as(s.first(), "workspace", "public-name", s.ws(), "Coalition against trafficking"));
    Cli.Run alone = publish(s.first(), s);
    assertEquals(1, alone.code(), alone.toString());
    assertTrue(alone.err().contains("cannot undo copies already read"), alone.err());
    assertTrue(alone.err().contains("doc approve"), alone.err());
    assertEquals(List.of(), cli.strings("SELECT version FROM public_releases WHERE"
        + " document_id = ?", HexFormat.of().parseHex(s.doc())));

    // Approving one's own publication does not count.
    ok(cli.as(s.first(), "doc", "approve", s.ws(), s.doc()));
    assertEquals(1, publish(s.first(), s).code());
    ok(cli.as(s.second(), "doc", "approve", s.ws(), s.doc()));
    ok(publish(s.first(), s));

    Cli.Run listed = ok(anonymous(s, "public", "list"));
    assertTrue(listed.out().contains(s.doc() + "  Shadow report  (Coalition against"
        + " trafficking)"), listed.out());
    Path out = s.reader().getParent().resolve("read.txt");
    Cli.Run got = ok(anonymous(s, "public", "get", s.ws(), s.doc(), "-o", out.toString()));
    assertArrayEquals(s.content(), Files.readAllBytes(out));
    assertTrue(got.line("publisher").startsWith(s.first().handle() + " "), got.toString());
    Path again = s.reader().getParent().resolve("again.txt");
    ok(anonymous(s, "public", "get", server.uri("api/v1/public/" + s.ws() + "/"
        + s.doc()).toString(), "-o", again.toString()));
    assertArrayEquals(s.content(), Files.readAllBytes(again));

    // Withdrawn: no longer served, and its key is gone from the database.
    ok(cli.as(s.second(), "doc", "disclose", s.ws(), s.doc(), "--level", "confidential"));
    assertFalse(ok(anonymous(s, "public", "list")).out().contains(s.doc()));
    Cli.Run gone = anonymous(s, "public", "get", s.ws(), s.doc(), "-o",
        s.reader().getParent().resolve("gone.txt").toString());
    assertEquals(2, gone.code(), gone.toString());
    assertEquals(List.of(), cli.strings("SELECT version FROM public_releases WHERE"
        + " document_id = ?", HexFormat.of().parseHex(s.doc())));
  }

  @Test
  void anApprovalCountsForItsVersionOnly_andALoneOwnerPublishesAlone() throws Exception {
    Setup s = setup(true);
    ok(cli.as(s.second(), "doc", "approve", s.ws(), s.doc()));
    Path v2 = s.first().home().getParent().resolve("v2.txt");
    Files.writeString(v2, "Second draft");
    ok(cli.as(s.first(), "doc", "put", s.ws(), v2.toString(), "--update", s.doc()));
    assertEquals(1, publish(s.first(), s).code(), "the approval was of version 1");

    Setup lone = setup(false);
    ok(publish(lone.first(), lone));
    Path out = lone.reader().getParent().resolve("lone.txt");
    ok(anonymous(lone, "public", "get", lone.ws(), lone.doc(), "-o", out.toString()));
    assertArrayEquals(lone.content(), Files.readAllBytes(out));
  }

  @Test
  void aHostileServer_swappingTheKeyOrThePublication_isRefusedByTheReader() throws Exception {
    Setup s = setup(false);
    ok(publish(s.first(), s));
    Path out = s.reader().getParent().resolve("x.txt");
    byte[] doc = HexFormat.of().parseHex(s.doc());
    byte[] key = cli.bytes("SELECT document_key FROM public_releases WHERE document_id = ?",
        doc);

    // Another key: the sealed metadata does not open.
    cli.update("UPDATE public_releases SET document_key = ? WHERE document_id = ?",
        new byte[32], doc);
    Cli.Run swapped = anonymous(s, "public", "get", s.ws(), s.doc(), "-o", out.toString());
    assertEquals(3, swapped.code(), swapped.toString());
    assertFalse(Files.exists(out));
    cli.update("UPDATE public_releases SET document_key = ? WHERE document_id = ?", key, doc);

    // Class 12: the publication's level rewritten (here: an approval served as the publication).
    ok(cli.as(s.first(), "doc", "approve", s.ws(), s.doc()));
    cli.update("UPDATE public_releases SET disclosure_sequence = 1 WHERE document_id = ?", doc);
    Cli.Run notPublished = anonymous(s, "public", "list");
    assertEquals(3, notPublished.code(), notPublished.toString());
    cli.update("UPDATE public_releases SET disclosure_sequence = 0 WHERE document_id = ?", doc);

    // A later, unpublished version served under the published one's release.
    Path v2 = s.first().home().getParent().resolve("v2.txt");
    Files.writeString(v2, "Not for publication");
    ok(cli.as(s.first(), "doc", "put", s.ws(), v2.toString(), "--update", s.doc()));
    cli.update("UPDATE public_releases SET version = 2 WHERE document_id = ?", doc);
    Cli.Run later = anonymous(s, "public", "get", s.ws(), s.doc(), "-o", out.toString());
    assertEquals(3, later.code(), later.toString());
    assertFalse(Files.exists(out));
  }

  @Test
  void aChangeNamingAnOlderMembershipEntry_isRefused_soNoOwnerBackdatesPastFourEyes()
      throws Exception {
    Setup s = setup(true);
    // The first owner signs a publication naming membership entry 0, when it was the only
    // owner: by that entry's rules no approval was needed. The server takes changes made under
    // the current membership entry only.
    IdentityKeys first = new AccountClient(null, new Home(s.first().home()))
        .unlock(Cli.PASSPHRASE.toCharArray());
    byte[] listHead = cli.bytes("SELECT entry FROM state_certificates ORDER BY sequence DESC"
        + " LIMIT 1");
    DisclosureChange backdated = new DisclosureChange.SetLevel(WorkspaceId.parse(s.ws()),
        DocumentId.parse(s.doc()), 1, 0, Instant.ofEpochSecond(Instant.now().getEpochSecond()),
        DisclosureLevel.PUBLIC, List.of(), ChainHead.of(ChainEntry.decode(listHead)));
    ChainEntry entry = ChainEntry.genesis(ChainKind.DISCLOSURE, first.signing(),
        backdated.encode());
    String body = "{\"entry\":\"" + b64(entry.encode()) + "\",\"grants\":[],\"release\":\""
        + b64(new byte[32]) + "\"}";
    java.net.http.HttpResponse<String> answer = server.send(server.request("api/v1/workspaces/"
        + s.ws() + "/documents/" + s.doc() + "/disclosure")
        .header("Authorization", "Bearer " + s.first().token())
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(409, answer.statusCode(), answer.body());
    assertTrue(answer.body().contains("membership log is at entry"), answer.body());
    assertEquals(List.of(), cli.strings("SELECT version FROM public_releases WHERE"
        + " document_id = ?", HexFormat.of().parseHex(s.doc())), "nothing released");
    assertEquals(List.of(), cli.strings("SELECT sequence FROM disclosure_entries WHERE"
        + " document_id = ?", HexFormat.of().parseHex(s.doc())), "nothing stored");
  }

  private static String b64(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Test
  void theReleasedKey_neverTravelsInAPathOrQuery_norLandsInAnotherRow_class17()
      throws Exception {
    Setup s = setup(false);
    ok(publish(s.first(), s));
    ok(anonymous(s, "public", "get", s.ws(), s.doc(), "-o",
        s.reader().getParent().resolve("k.txt").toString()));
    byte[] key = cli.bytes("SELECT document_key FROM public_releases WHERE document_id = ?",
        HexFormat.of().parseHex(s.doc()));
    List<String> forms = List.of(java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString(key), java.util.Base64.getEncoder().withoutPadding().encodeToString(key),
        HexFormat.of().formatHex(key), HexFormat.of().withUpperCase().formatHex(key));
    assertTrue(requests.stream().anyMatch(r -> r.contains("/public/" + s.ws())), "recorded");
    for (String r : requests) {
      for (String form : forms) {
        assertFalse(r.contains(form), "the key in a request line: " + r);
      }
    }
    // The key is in the release row only: not in the disclosure entry, the audit log or a
    // manifest (where it would outlive a withdrawal).
    for (String table : List.of("disclosure_entries", "audit_entries", "document_versions")) {
      String column = table.equals("document_versions") ? "manifest" : "entry";
      assertEquals(List.of(), cli.strings("SELECT " + column + " FROM " + table
          + " WHERE LOCATE(?, " + column + ") > 0", key), table);
    }
    ok(cli.as(s.first(), "doc", "disclose", s.ws(), s.doc(), "--level", "confidential"));
    assertEquals(List.of(), cli.strings("SELECT version FROM public_releases WHERE"
        + " document_key = ?", key), "withdrawn: the key is deleted");
  }

  @Test
  void aVersionKeepingItsOriginal_isNeverPublished() throws Exception {
    Setup s = setup(false);
    Path file = s.first().home().getParent().resolve("with-original.txt");
    Files.writeString(file, "Evidence with its original");
    ok(cli.as(s.first(), "doc", "put", s.ws(), file.toString(), "--update", s.doc(),
        "--keep-original"));
    Cli.Run refused = publish(s.first(), s);
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().contains("original"), refused.err());
    assertEquals(List.of(), cli.strings("SELECT version FROM public_releases WHERE"
        + " document_id = ?", HexFormat.of().parseHex(s.doc())));
  }
}
