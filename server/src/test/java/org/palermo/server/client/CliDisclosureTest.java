package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;

import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.client.account.AccountClient;
import org.palermo.client.home.Home;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.states.StateCertificate;
import org.palermo.security.states.StateCode;
import org.palermo.security.states.StateFunction;
import org.palermo.security.states.StateRegistryChange;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.Operator;
import org.palermo.server.testing.TestServer;

/**
 * Disclosing a document to States: a member's signed change, checked by the server against
 * the membership log and the State list, with the document key wrapped on the member's machine
 * to exactly the certified accounts of the States named; rewritten or replayed changes are
 * refused by the next client (ATTACKS.md 12, 15, 18).
 */
class CliDisclosureTest {
  private static TestServer server;
  private static Cli cli;
  private static Operator operator;
  private static Person mexico;
  private static Person zimbabwe;
  private static Person revoked;
  /** The next disclosure request reaches the server without its grants (a hostile proxy). */
  private static final AtomicBoolean dropGrants = new AtomicBoolean();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(),
        rc -> rc.register((ContainerRequestFilter) request -> {
          if ("POST".equals(request.getMethod())
              && request.getUriInfo().getPath().endsWith("/disclosure")
              && dropGrants.getAndSet(false)) {
            String body = new String(request.getEntityStream().readAllBytes(),
                StandardCharsets.UTF_8);
            request.setEntityStream(new ByteArrayInputStream(body.replaceAll(
                "\"grants\":\\[.*\\]", "\"grants\":[]").getBytes(StandardCharsets.UTF_8)));
          }
        }));
    cli = new Cli(server);
    operator = new Operator(cli, server, cli.register("op"));
    mexico = cli.register("mx");
    zimbabwe = cli.register("zw");
    revoked = cli.register("nl");
    operator.certify(mexico, "MEX");
    operator.certify(zimbabwe, "ZWE");
    operator.certify(revoked, "NLD");
    ok(operator.admin("revoke-state", revoked.handle()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A workspace of an owner with an editor and a viewer, holding one document. */
  private record Setup(Person owner, Person editor, Person viewer, String ws, String doc) {}

  private static Setup setup() throws Exception {
    Person owner = cli.register("ow");
    Person editor = cli.register("ed");
    Person viewer = cli.register("vi");
    String ws = ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    for (Person p : List.of(editor, viewer)) {
      String role = p == editor ? "editor" : "viewer";
      String invitation = ok(cli.as(owner, "workspace", "invite", ws, p.handle(), "--role",
          role)).line("invitation");
      ok(cli.as(p, "workspace", "accept", invitation));
    }
    Path file = owner.home().getParent().resolve("submission.txt");
    Files.writeString(file, "Findings on trafficking routes " + System.nanoTime());
    String doc = ok(cli.as(owner, "doc", "put", ws, file.toString())).line("document");
    return new Setup(owner, editor, viewer, ws, doc);
  }

  private static List<String> grantees(String doc) {
    return cli.strings("SELECT LOWER(HEX(account_id)) FROM state_grants WHERE document_id = ?"
        + " ORDER BY account_id", HexFormat.of().parseHex(doc));
  }

  private static String account(Person p) {
    return cli.strings("SELECT LOWER(HEX(id)) FROM accounts WHERE handle = ?", p.handle())
        .get(0);
  }

  @Test
  void statesOnly_wrapsTheKeyToExactlyTheNamedStatesCertifiedAccounts() throws Exception {
    Setup s = setup();
    Cli.Run one = ok(cli.as(s.editor(), "doc", "disclose", s.ws(), s.doc(), "--level", "states",
        "--state", "mex"));
    assertEquals(DisclosureLevel.STATES_ONLY.label(), one.line("level"));
    assertEquals(List.of(account(mexico)), grantees(s.doc()));

    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states"));
    assertEquals(List.of(account(mexico), account(zimbabwe)).stream().sorted().toList(),
        grantees(s.doc()), "every certified State, not the revoked one");

    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "confidential"));
    assertEquals(List.of(), grantees(s.doc()), "back to members only: no State keeps a grant");
    assertEquals(List.of("0", "1", "2"), cli.strings("SELECT sequence FROM disclosure_entries"
        + " WHERE document_id = ? ORDER BY sequence", HexFormat.of().parseHex(s.doc())));

    // Class 15: the server drops the last change to show an older level as current.
    cli.update("DELETE FROM disclosure_entries WHERE document_id = ? AND sequence = 2",
        HexFormat.of().parseHex(s.doc()));
    Cli.Run rolledBack = cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level",
        "confidential");
    assertEquals(3, rolledBack.code(), rolledBack.toString());
    assertTrue(rolledBack.err().contains("rollback"), rolledBack.err());
  }

  @Test
  void theChosenState_readsExactlyWhatWasDisclosedToIt_othersNothing() throws Exception {
    Setup s = setup();
    byte[] content = Files.readAllBytes(s.owner().home().getParent().resolve("submission.txt"));
    assertFalse(ok(cli.as(mexico, "doc", "list", "--disclosed")).out().contains(s.doc()));
    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states", "--state",
        "MEX"));

    Cli.Run listed = ok(cli.as(mexico, "doc", "list", "--disclosed"));
    assertTrue(listed.out().contains(s.doc() + "  v1  submission.txt"), listed.out());
    assertTrue(listed.out().contains("by " + s.owner().handle() + " ["), listed.out());
    Path out = mexico.home().getParent().resolve("read-by-mexico.txt");
    Cli.Run got = ok(cli.as(mexico, "doc", "get", s.ws(), s.doc(), "-o", out.toString()));
    assertEquals(s.owner().handle(), got.line("disclosedBy"));
    assertArrayEquals(content, Files.readAllBytes(out));

    // Zimbabwe is certified but not chosen; the revoked State and an outsider neither.
    for (Person other : List.of(zimbabwe, revoked, cli.register("out"))) {
      Path none = other.home().getParent().resolve("none-" + other.handle());
      Cli.Run refused = cli.as(other, "doc", "get", s.ws(), s.doc(), "-o", none.toString());
      assertTrue(refused.code() != 0, refused.toString());
      assertFalse(Files.exists(none));
    }
    assertFalse(ok(cli.as(zimbabwe, "doc", "list", "--disclosed")).out().contains(s.doc()));
    // Nothing of the workspace beyond the document: not its membership, not its list.
    assertEquals(2, cli.as(mexico, "workspace", "verify", s.ws()).code());
    assertEquals(2, cli.as(mexico, "doc", "list", s.ws()).code());

    // Class 5/10: the server hands Mexico a key wrapped for another document: refused.
    byte[] doc = HexFormat.of().parseHex(s.doc());
    byte[] wrapped = cli.bytes("SELECT wrapped FROM state_grants WHERE document_id = ?", doc);
    byte[] broken = wrapped.clone();
    broken[broken.length - 1] ^= 1;
    cli.update("UPDATE state_grants SET wrapped = ? WHERE document_id = ?", broken, doc);
    Cli.Run tampered = cli.as(mexico, "doc", "list", "--disclosed");
    assertEquals(3, tampered.code(), tampered.toString());
    cli.update("UPDATE state_grants SET wrapped = ? WHERE document_id = ?", wrapped, doc);

    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "confidential"));
    assertFalse(ok(cli.as(mexico, "doc", "list", "--disclosed")).out().contains(s.doc()));
    Path after = mexico.home().getParent().resolve("after.txt");
    assertTrue(cli.as(mexico, "doc", "get", s.ws(), s.doc(), "-o", after.toString()).code()
        != 0);
  }

  @Test
  void aStateCertifiedLater_getsItsKeyWhenAMemberFulfilsThePendingGrant() throws Exception {
    Setup s = setup();
    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states"));
    assertTrue(ok(cli.as(s.viewer(), "doc", "grants", s.ws())).out()
        .contains("No key is owed"));
    Person germany = cli.register("de");
    operator.certify(germany, "DEU");
    Cli.Run owed = ok(cli.as(s.viewer(), "doc", "grants", s.ws()));
    assertTrue(owed.out().contains("owed: " + s.doc() + "  v1  " + germany.handle()
        + " (DEU)"), owed.out());
    assertTrue(ok(cli.as(germany, "doc", "list", "--disclosed")).out()
        .contains("Nothing has been disclosed"));

    // The server accepts a grant only for an account the document owes a key.
    String body = "{\"grants\":[{\"accountId\":\"" + account(s.editor()) + "\",\"deviceId\":\""
        + "00".repeat(16) + "\",\"version\":1,\"wrapped\":\"" + "A".repeat(108) + "\"}]}";
    java.net.http.HttpResponse<String> wrong = server.send(server.request("api/v1/workspaces/"
        + s.ws() + "/pending-grants/" + s.doc())
        .header("Authorization", "Bearer " + s.owner().token())
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(400, wrong.statusCode(), wrong.body());

    Cli.Run fulfilled = ok(cli.as(s.viewer(), "doc", "grants", s.ws(), "--fulfil"));
    assertTrue(fulfilled.out().contains("granted: " + s.doc()), fulfilled.out());
    assertTrue(ok(cli.as(germany, "doc", "list", "--disclosed")).out().contains(s.doc()));
    Path out = germany.home().getParent().resolve("read-by-germany.txt");
    ok(cli.as(germany, "doc", "get", s.ws(), s.doc(), "-o", out.toString()));
    assertArrayEquals(Files.readAllBytes(s.owner().home().getParent()
        .resolve("submission.txt")), Files.readAllBytes(out));
    assertTrue(ok(cli.as(s.owner(), "doc", "grants", s.ws())).out()
        .contains("No key is owed"));
    // The other tests count the certified States: leave only theirs.
    ok(operator.admin("revoke-state", germany.handle()));
  }

  @Test
  void laterVersions_reachTheChosenStateWhenAMemberSyncs_butNotOneKeepingItsOriginal()
      throws Exception {
    Setup s = setup();
    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states", "--state",
        "MEX"));
    Path v2 = s.editor().home().getParent().resolve("v2.txt");
    Files.writeString(v2, "Second draft " + System.nanoTime());
    Cli.Run put = ok(cli.as(s.editor(), "doc", "put", s.ws(), v2.toString(), "--update",
        s.doc()));
    assertTrue(put.err().contains("Sent 1 document key"), put.toString());
    assertTrue(ok(cli.as(mexico, "doc", "list", "--disclosed")).out()
        .contains(s.doc() + "  v2  "), "the level holds for later versions");
    Path out = mexico.home().getParent().resolve("v2-by-mexico.txt");
    ok(cli.as(mexico, "doc", "get", s.ws(), s.doc(), "-o", out.toString()));
    assertArrayEquals(Files.readAllBytes(v2), Files.readAllBytes(out));
    assertEquals(List.of(), cli.strings("SELECT LOWER(HEX(account_id)) FROM state_grants"
        + " WHERE document_id = ? AND account_id <> ?", HexFormat.of().parseHex(s.doc()),
        HexFormat.of().parseHex(account(mexico))), "Zimbabwe was not chosen");

    // A version keeping its original is never owed: Mexico keeps reading version 2.
    Path v3 = s.editor().home().getParent().resolve("v3.txt");
    Files.writeString(v3, "Third, with its original");
    ok(cli.as(s.editor(), "doc", "put", s.ws(), v3.toString(), "--update", s.doc(),
        "--keep-original"));
    ok(cli.as(s.viewer(), "doc", "list", s.ws()));
    assertEquals(List.of("1", "2"), cli.strings("SELECT version FROM state_grants WHERE"
        + " document_id = ? ORDER BY version", HexFormat.of().parseHex(s.doc())));
  }

  @Test
  void aVersionThatKeepsItsOriginal_isNotDisclosedToStates() throws Exception {
    Setup s = setup();
    Path file = s.owner().home().getParent().resolve("with-original.txt");
    Files.writeString(file, "kept original " + System.nanoTime());
    String doc = ok(cli.as(s.owner(), "doc", "put", s.ws(), file.toString(),
        "--keep-original")).line("document");
    Cli.Run refused = cli.as(s.owner(), "doc", "disclose", s.ws(), doc, "--level", "states");
    assertEquals(1, refused.code(), refused.toString());
    assertTrue(refused.err().contains("original"), refused.err());
    assertEquals(List.of(), grantees(doc));
  }

  @Test
  void aStateAccountTheServerInjects_withoutTheOperatorsCertificate_getsNoKey()
      throws Exception {
    Setup s = setup();
    // The hostile server certifies an account of its own choosing for MEX, signing the entry
    // with a key of its own (it holds no operator key), and slips it into the list.
    Person planted = cli.register("pl");
    Identity identity = new AccountClient(null, new Home(planted.home())).ownIdentity();
    String last = cli.strings("SELECT MAX(sequence) FROM state_certificates").get(0);
    ChainEntry previous = ChainEntry.decode(cli.bytes("SELECT entry FROM state_certificates"
        + " WHERE sequence = ?", Long.parseLong(last)));
    ChainEntry injected = ChainEntry.next(ChainKind.STATE_CERTIFICATES, previous,
        SigningKeyPair.generate(), new StateRegistryChange.Certify(new StateCertificate(
            identity, planted.handle(), new StateCode("MEX"), StateFunction.FOCAL_POINT,
            Instant.ofEpochSecond(Instant.now().getEpochSecond() - 60),
            Instant.ofEpochSecond(Instant.now().getEpochSecond() + 86_400))).encode());
    cli.update("INSERT INTO state_certificates (sequence, entry) VALUES (?, ?)",
        injected.sequence(), injected.encode());
    try {
      Cli.Run run = cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states",
          "--state", "MEX");
      assertEquals(3, run.code(), run.toString());
      assertTrue(run.err().contains("wrong author"), run.err());
      assertEquals(List.of(), grantees(s.doc()), "no key wrapped to anyone");
    } finally {
      cli.update("DELETE FROM state_certificates WHERE sequence = ?", injected.sequence());
    }
  }

  @Test
  void theServer_refusesAStatesOnlyChangeWithoutItsGrants() throws Exception {
    Setup s = setup();
    dropGrants.set(true);
    Cli.Run run = cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states");
    assertEquals(2, run.code(), run.toString());
    assertTrue(run.err().contains("certified State accounts"), run.err());
    assertEquals(List.of(), grantees(s.doc()));
    assertEquals(List.of(), cli.strings("SELECT sequence FROM disclosure_entries"
        + " WHERE document_id = ?", HexFormat.of().parseHex(s.doc())), "nothing stored");
  }

  @Test
  void refusals_viewerPublicUnknownOrUncertifiedState() throws Exception {
    Setup s = setup();
    assertEquals(1, cli.as(s.viewer(), "doc", "disclose", s.ws(), s.doc(), "--level",
        "states").code());
    Cli.Run unconfirmed = cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level",
        "public");
    assertEquals(1, unconfirmed.code(), unconfirmed.toString());
    assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.err());
    assertEquals(1, cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states",
        "--state", "XYZ").code());
    Cli.Run france = cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states",
        "--state", "FRA");
    assertEquals(1, france.code(), france.toString());
    assertTrue(france.err().contains("FRA"), france.err());
    Cli.Run outsider = cli.as(mexico, "doc", "disclose", s.ws(), s.doc(), "--level", "states");
    assertTrue(outsider.code() != 0, outsider.toString());
    assertEquals(List.of(), grantees(s.doc()));
  }

  @Test
  void aRewrittenOrReplayedChange_isRefused_class12_class18() throws Exception {
    Setup s = setup();
    ok(cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level", "states", "--state",
        "MEX"));
    byte[] doc = HexFormat.of().parseHex(s.doc());
    byte[] stored = cli.bytes("SELECT entry FROM disclosure_entries WHERE document_id = ?"
        + " AND sequence = 0", doc);

    // Class 12: the level changed in storage (States only to confidential).
    byte[] changed = stored.clone();
    int levelAt = stored.length - 64 - 32 - 8 - 3 - 4 - 1;
    assertEquals(DisclosureLevel.STATES_ONLY.code(), changed[levelAt]);
    changed[levelAt] = (byte) DisclosureLevel.CONFIDENTIAL.code();
    cli.update("UPDATE disclosure_entries SET entry = ? WHERE document_id = ? AND sequence = 0",
        changed, doc);
    Cli.Run rewritten = cli.as(s.owner(), "doc", "disclose", s.ws(), s.doc(), "--level",
        "confidential");
    assertEquals(3, rewritten.code(), rewritten.toString());
    assertTrue(rewritten.err().contains("bad signature"), rewritten.err());
    cli.update("UPDATE disclosure_entries SET entry = ? WHERE document_id = ? AND sequence = 0",
        stored, doc);

    // Class 18: that change replayed into another document's log.
    Path file = s.owner().home().getParent().resolve("other.txt");
    Files.writeString(file, "another document");
    String other = ok(cli.as(s.owner(), "doc", "put", s.ws(), file.toString())).line("document");
    cli.update("INSERT INTO disclosure_entries (workspace_id, document_id, sequence, entry,"
        + " author_account_id) VALUES (?, ?, 0, ?, ?)", HexFormat.of().parseHex(s.ws()),
        HexFormat.of().parseHex(other), stored, HexFormat.of().parseHex(account(s.owner())));
    Cli.Run replayed = cli.as(s.owner(), "doc", "disclose", s.ws(), other, "--level",
        "confidential");
    assertEquals(3, replayed.code(), replayed.toString());
    assertTrue(replayed.err().contains("another document"), replayed.err());
  }
}
