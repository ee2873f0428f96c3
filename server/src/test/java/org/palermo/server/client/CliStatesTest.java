package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.Cli.ok;
import static org.palermo.server.testing.ResponseAssertions.assertProblem;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.states.StateCertificate;
import org.palermo.security.states.StateCode;
import org.palermo.security.states.StateFunction;
import org.palermo.security.states.StateRegistryChange;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Person;
import org.palermo.server.testing.Operator;
import org.palermo.server.testing.TestServer;

/**
 * State accounts end to end: the operator key made at the first start certifies and revokes
 * through {@code palermo admin}; anyone's {@code palermo states list} verifies the public list
 * and reports what changed since the last look; a server that rewrites, rolls back or injects
 * entries is refused with exit code 3 (ATTACKS.md 4, 12, 15).
 */
class CliStatesTest {
  private static final String ROUTE = "api/v1/states/certificates";
  private static TestServer server;
  private static Cli cli;
  private static Operator operator;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(TestServer::manyPeople, Clock.systemUTC(), rc -> { });
    cli = new Cli(server);
    operator = new Operator(cli, server, cli.register("op"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Cli.Run admin(String... args) {
    return operator.admin(args);
  }

  private static String fingerprint(Person p) {
    return ok(cli.as(p, "account", "fingerprint")).line("fingerprint");
  }

  private static void assertIntegrityFailure(Cli.Run run, String words) {
    assertEquals(3, run.code(), run.toString());
    assertTrue(run.err().contains(words), run.err());
  }

  @Test
  void theFirstStart_madeTheOperatorKey_ownerOnly_andTheSecretOpensIt() throws Exception {
    Path folder = operator.key().getParent();
    for (Path f : List.of(operator.key(), folder.resolve("operator-secret.txt"))) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    Person someone = cli.register("sw");
    Cli.Run wrong = cli.runWith(operator.account().home(), Cli.PASSPHRASE,
        Map.of("PALERMO_OPERATOR_SECRET", "00000-00000-00000-00000-00000-00000-00000-00000"
            + "-00000-00000-00000-00000-00000"),
        "admin", "--operator-key", operator.key().toString(), "certify-state", someone.handle(),
        "--state", "MEX", "--function", "focal-point");
    assertEquals(1, wrong.code(), wrong.toString());
    assertFalse(wrong.err().isBlank());
  }

  @Test
  void certifiedThenRevoked_everyoneSeesIt_andHearsWhatChanged() throws Exception {
    Person mexico = cli.register("mx");
    Person reader = cli.register("rd");
    ok(cli.as(reader, "states", "list"));

    Cli.Run certified = ok(admin("certify-state", mexico.handle(), "--state", "mex",
        "--function", "focal-point", "--fingerprint", fingerprint(mexico)));
    assertEquals("MEX", certified.line("state"));

    Cli.Run listed = ok(cli.as(reader, "states", "list"));
    assertTrue(listed.out().contains(mexico.handle() + "  MEX  focal-point  valid until"),
        listed.out());
    assertTrue(listed.out().contains("new since your last look: " + mexico.handle()),
        listed.out());
    Cli.Run again = ok(cli.as(reader, "states", "list"));
    assertFalse(again.out().contains("since your last look"), again.out());

    ok(admin("revoke-state", mexico.handle()));
    Cli.Run afterRevoke = ok(cli.as(reader, "states", "list"));
    assertFalse(afterRevoke.out().contains(mexico.handle() + "  MEX  focal-point  valid"),
        afterRevoke.out());
    assertTrue(afterRevoke.out().contains("revoked since your last look: " + mexico.handle()),
        afterRevoke.out());
    Cli.Run everything = ok(cli.as(reader, "states", "list", "--all"));
    assertTrue(everything.out().contains(mexico.handle() + "  MEX  focal-point  revoked"),
        everything.out());

    // Class 15: the server serves the list without the revocation to someone who saw it.
    cli.update("DELETE FROM state_certificates WHERE sequence = (SELECT m FROM"
        + " (SELECT MAX(sequence) AS m FROM state_certificates) x)");
    assertIntegrityFailure(cli.as(reader, "states", "list"), "rollback");
  }

  @Test
  void aWrongFingerprint_isRefused_andNothingIsCertified() {
    Person zimbabwe = cli.register("zw");
    Cli.Run refused = admin("certify-state", zimbabwe.handle(), "--state", "ZWE", "--function",
        "governmental-expert", "--fingerprint", "12345 67890");
    assertEquals(3, refused.code(), refused.toString());
    Cli.Run listed = ok(cli.as(zimbabwe, "states", "list", "--all"));
    assertFalse(listed.out().contains(zimbabwe.handle() + "  ZWE"), listed.out());
    Cli.Run badState = admin("certify-state", zimbabwe.handle(), "--state", "XYZ",
        "--function", "focal-point");
    assertEquals(1, badState.code(), badState.toString());
  }

  @Test
  void aRewrittenOrInjectedEntry_isRefused_class12_class4() throws Exception {
    Person nl = cli.register("nl");
    Person reader = cli.register("re");
    ok(admin("certify-state", nl.handle(), "--state", "NLD", "--function", "focal-point"));
    ok(cli.as(reader, "states", "list"));
    String sequence = cli.strings("SELECT MAX(sequence) FROM state_certificates").get(0);
    byte[] stored = cli.bytes("SELECT entry FROM state_certificates WHERE sequence = ?",
        Long.parseLong(sequence));

    // Class 12: the stored certificate now names another State.
    byte[] changed = stored.clone();
    String text = new String(changed, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("NLD");
    changed[at] = 'B';
    changed[at + 1] = 'E';
    changed[at + 2] = 'L';
    cli.update("UPDATE state_certificates SET entry = ? WHERE sequence = ?", changed,
        Long.parseLong(sequence));
    assertIntegrityFailure(cli.as(reader, "states", "list"), "bad signature");
    cli.update("UPDATE state_certificates SET entry = ? WHERE sequence = ?", stored,
        Long.parseLong(sequence));
    ok(cli.as(reader, "states", "list"));

    // Class 4: a State account the server adds itself, signed by a key of its own.
    SigningKeyPair serverKey = SigningKeyPair.generate();
    ChainEntry last = ChainEntry.decode(stored);
    IdentityKeys planted = IdentityKeys.generate(AccountId.random(), DeviceId.random());
    ChainEntry injected = ChainEntry.next(ChainKind.STATE_CERTIFICATES, last, serverKey,
        new StateRegistryChange.Certify(new StateCertificate(planted.identity(), "planted",
            new StateCode("MEX"), StateFunction.FOCAL_POINT,
            java.time.Instant.ofEpochSecond(1767225600),
            java.time.Instant.ofEpochSecond(1898761600))).encode());
    String body = "{\"entry\":\"" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(injected.encode()) + "\"}";
    HttpResponse<String> posted = server.postJson(ROUTE, body);
    assertProblem(posted, 400, "invalid-request");
    assertTrue(posted.body().contains("refused"), posted.body());
    cli.update("INSERT INTO state_certificates (sequence, entry) VALUES (?, ?)",
        injected.sequence(), injected.encode());
    assertIntegrityFailure(cli.as(reader, "states", "list"), "wrong author");
    cli.update("DELETE FROM state_certificates WHERE sequence = ?", injected.sequence());
  }

  @Test
  void theRoutes_arePublicToRead_andRefuseBadInputWithProblems() {
    HttpResponse<String> list = server.get(ROUTE);
    assertEquals(200, list.statusCode(), list.body());
    assertTrue(list.body().startsWith("{\"entries\":[\""), list.body());
    for (String bad : List.of("{\"entry\":\"***\"}", "{\"entry\":\"AAAA\"}", "{}")) {
      assertProblem(server.postJson(ROUTE, bad), 400, "invalid-request");
    }
    assertProblem(server.postJson(ROUTE, "[]"), 400, "invalid-json");
    // An entry the operator really signed, but for a place in the list already taken.
    SigningKeyPair anyone = SigningKeyPair.generate();
    ChainEntry stale = ChainEntry.genesis(ChainKind.STATE_CERTIFICATES, anyone,
        new StateRegistryChange.Open(anyone.publicKey(),
            java.time.Instant.ofEpochSecond(1767225600)).encode());
    assertProblem(server.postJson(ROUTE, "{\"entry\":\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(stale.encode()) + "\"}"), 409, "conflict");
  }
}
