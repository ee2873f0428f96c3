package org.palermo.server.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.server.testing.ResponseAssertions.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.passphrase.Argon2idParameters;
import org.palermo.server.config.DatabaseSettings;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;
import org.palermo.server.sessions.SessionService;
import org.palermo.server.testing.MutableClock;
import org.palermo.server.testing.TestServer;

/** Registration, login, sessions and their expiry over real HTTPS to the real server. */
class AccountsTest {
  private static final ObjectMapper json = new ObjectMapper();
  private static final SecureRandom random = new SecureRandom();
  private static final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
  private static TestServer server;

  @BeforeAll
  static void start() {
    RateLimitRule generous = new RateLimitRule(1000, Duration.ofMinutes(1));
    server = TestServer.start(c -> c.withRateLimit(RateLimit.REGISTER_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.LOGIN_PER_ADDRESS, generous), clock, rc -> {});
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** A registering client: keys, parameters and bundle are made here, never by the server. */
  record Member(String handle, String accountId, byte[] authKey, byte[] bundle, byte[] params,
      Map<String, String> body) {}

  static Member member(String handle) {
    byte[] authKey = bytes(32);
    byte[] bundle = bytes(245);
    byte[] params = Argon2idParameters.recommended().encode();
    String accountId = HexFormat.of().formatHex(bytes(16));
    Map<String, String> body = Map.of(
        "accountId", accountId,
        "handle", handle,
        "deviceId", HexFormat.of().formatHex(bytes(16)),
        "signingKey", b64(SigningKeyPair.generate().publicKey().encode()),
        "agreementKey", b64(AgreementKeyPair.generate().publicKey().encode()),
        "kdfParameters", b64(params),
        "keyBundle", b64(bundle),
        "authenticationKey", b64(authKey));
    return new Member(handle, accountId, authKey, bundle, params, body);
  }

  /** A server (or a client) advertising t=1: the layout of FORMAT.md, iterations lowered. */
  private static byte[] weakParameters() {
    byte[] encoded = Argon2idParameters.recommended().encode();
    java.nio.ByteBuffer.wrap(encoded).putInt(1, 1);
    return encoded;
  }

  private static String unique(String prefix) {
    return prefix + HexFormat.of().formatHex(bytes(4));
  }

  static HttpResponse<String> register(Member m) throws Exception {
    return server.postJson("/api/v1/accounts", json.writeValueAsString(m.body()));
  }

  static HttpResponse<String> login(String handle, byte[] authKey) throws Exception {
    return server.postJson("/api/v1/sessions", json.writeValueAsString(
        Map.of("handle", handle, "authenticationKey", b64(authKey))));
  }

  static String token(HttpResponse<String> login) throws Exception {
    assertEquals(201, login.statusCode(), login.body());
    return json.readTree(login.body()).path("token").asText();
  }

  private static HttpResponse<String> getAs(String token, String path) {
    return server.send(server.request(path).header("Authorization", "Bearer " + token).GET()
        .build());
  }

  private static HttpResponse<String> deleteAs(String token, String path) {
    return server.send(server.request(path).header("Authorization", "Bearer " + token).DELETE()
        .build());
  }

  @Test
  void register_thenLoginFromNewDevice_fetchesTheSameKeyBundle() throws Exception {
    Member alice = member(unique("alice"));
    HttpResponse<String> created = register(alice);
    assertEquals(201, created.statusCode(), created.body());
    assertEquals(alice.accountId(), json.readTree(created.body()).path("accountId").asText());

    JsonNode params = json.readTree(server.get("/api/v1/accounts/login-parameters?handle="
        + alice.handle()).body());
    assertEquals(b64(alice.params()), params.path("kdfParameters").asText());

    String token = token(login(alice.handle(), alice.authKey()));
    assertEquals(43, token.length(), "256 bits, unpadded base64url");
    JsonNode bundle = json.readTree(getAs(token, "/api/v1/accounts/me/key-bundle").body());
    assertEquals(b64(alice.bundle()), bundle.path("keyBundle").asText());
    JsonNode me = json.readTree(getAs(token, "/api/v1/accounts/me").body());
    assertEquals(alice.handle(), me.path("handle").asText());
  }

  @Test
  void register_takenHandle_is409() throws Exception {
    Member first = member(unique("bob"));
    assertEquals(201, register(first).statusCode());
    Member second = member(first.handle());
    assertProblem(register(second), 409, "conflict");
  }

  @Test
  void register_handleIsCaseFolded_andLookalikesRefused() throws Exception {
    Member upper = member(unique("Carol"));
    HttpResponse<String> created = register(upper);
    assertEquals(upper.handle().toLowerCase(),
        json.readTree(created.body()).path("handle").asText());
    JsonNode problem = assertProblem(register(member("саrol")), 400, "invalid-request");
    assertEquals("handle", problem.path("field").asText());
  }

  @Test
  void register_badFields_are400NamingTheField() throws Exception {
    Member m = member(unique("dave"));
    var cases = Map.of(
        "signingKey", b64(bytes(34)),
        "agreementKey", "not base64!",
        "kdfParameters", b64(weakParameters()),
        "authenticationKey", b64(bytes(16)),
        "accountId", "1234",
        "deviceId", "XYZ");
    for (var entry : cases.entrySet()) {
      var body = new java.util.HashMap<>(m.body());
      body.put(entry.getKey(), entry.getValue());
      var response = server.postJson("/api/v1/accounts", json.writeValueAsString(body));
      JsonNode problem = assertProblem(response, 400, "invalid-request");
      assertEquals(entry.getKey(), problem.path("field").asText(), response.body());
    }
  }

  @Test
  void login_unknownHandleAndWrongKey_lookTheSame() throws Exception {
    Member erin = member(unique("erin"));
    assertEquals(201, register(erin).statusCode());
    HttpResponse<String> wrongKey = login(erin.handle(), bytes(32));
    HttpResponse<String> unknown = login(unique("nobody"), bytes(32));
    assertProblem(wrongKey, 401, "authentication-required");
    assertEquals(wrongKey.body(), unknown.body());

    String ghost = unique("ghost");
    String first = server.get("/api/v1/accounts/login-parameters?handle=" + ghost).body();
    String again = server.get("/api/v1/accounts/login-parameters?handle=" + ghost).body();
    assertEquals(first, again, "a stand-in is stable, like a real one");
    assertEquals(json.readTree(first).path("kdfParameters").asText().length(),
        b64(erin.params()).length(), "shaped like a real one");
  }

  @Test
  void sessions_listRevokeLogout() throws Exception {
    Member frank = member(unique("frank"));
    assertEquals(201, register(frank).statusCode());
    String laptop = token(login(frank.handle(), frank.authKey()));
    String phone = token(login(frank.handle(), frank.authKey()));

    JsonNode list = json.readTree(getAs(laptop, "/api/v1/sessions").body());
    assertEquals(2, list.size());
    String phoneId = null;
    for (JsonNode s : list) {
      if (!s.path("current").asBoolean()) {
        phoneId = s.path("sessionId").asText();
      }
    }
    assertEquals(204, deleteAs(laptop, "/api/v1/sessions/" + phoneId).statusCode());
    assertProblem(getAs(phone, "/api/v1/accounts/me"), 401, "authentication-required");
    assertEquals(204, deleteAs(laptop, "/api/v1/sessions/current").statusCode());
    assertProblem(getAs(laptop, "/api/v1/accounts/me"), 401, "authentication-required");
  }

  @Test
  void sessions_ofAnotherAccount_cannotBeRevoked() throws Exception {
    Member gina = member(unique("gina"));
    Member hugo = member(unique("hugo"));
    assertEquals(201, register(gina).statusCode());
    assertEquals(201, register(hugo).statusCode());
    String ginaToken = token(login(gina.handle(), gina.authKey()));
    String hugoToken = token(login(hugo.handle(), hugo.authKey()));
    String hugoSession = json.readTree(getAs(hugoToken, "/api/v1/sessions").body()).get(0)
        .path("sessionId").asText();
    assertProblem(deleteAs(ginaToken, "/api/v1/sessions/" + hugoSession), 404, "not-found");
    assertEquals(200, getAs(hugoToken, "/api/v1/accounts/me").statusCode());
  }

  @Test
  void session_idleAndAbsoluteExpiry() throws Exception {
    Member ivan = member(unique("ivan"));
    assertEquals(201, register(ivan).statusCode());
    String idle = token(login(ivan.handle(), ivan.authKey()));
    String busy = token(login(ivan.handle(), ivan.authKey()));
    for (int day = 0; day < 8; day++) {
      clock.advance(Duration.ofDays(1));
      assertEquals(200, getAs(busy, "/api/v1/accounts/me").statusCode(), "day " + day);
    }
    assertProblem(getAs(idle, "/api/v1/accounts/me"), 401, "authentication-required");
    clock.advance(SessionService.ABSOLUTE_EXPIRY.minus(Duration.ofDays(8)));
    assertProblem(getAs(busy, "/api/v1/accounts/me"), 401, "authentication-required");
  }

  @Test
  void routesThatNeedASession_answer401WithoutOne() {
    assertProblem(server.get("/api/v1/accounts/me"), 401, "authentication-required");
    assertProblem(server.get("/api/v1/sessions"), 401, "authentication-required");
    assertProblem(getAs("x".repeat(43), "/api/v1/accounts/me"), 401, "authentication-required");
  }

  @Test
  void login_perHandleLimit_stopsGuessing() throws Exception {
    Member judy = member(unique("judy"));
    assertEquals(201, register(judy).statusCode());
    int refused = 0;
    for (int i = 0; i < 11; i++) {
      if (login(judy.handle(), bytes(32)).statusCode() == 429) {
        refused++;
      }
    }
    assertEquals(1, refused, "the eleventh guess in ten minutes waits");
    assertEquals(429, login(judy.handle(), judy.authKey()).statusCode(), "even the right key");
    clock.advance(Duration.ofMinutes(2));
    assertEquals(201, login(judy.handle(), judy.authKey()).statusCode());
  }

  @Test
  void database_holdsNoTokenAndNoAuthenticationKey() throws Exception {
    Member kate = member(unique("kate"));
    assertEquals(201, register(kate).statusCode());
    String token = token(login(kate.handle(), kate.authKey()));
    DatabaseSettings db = server.config().database().orElseThrow();
    byte[] tokenBytes = Base64.getUrlDecoder().decode(token);
    try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT verifier, key_bundle FROM accounts"
            + " UNION ALL SELECT token_hash, id FROM sessions")) {
      while (rows.next()) {
        for (int col = 1; col <= 2; col++) {
          String hex = HexFormat.of().formatHex(rows.getBytes(col));
          assertFalse(hex.contains(HexFormat.of().formatHex(kate.authKey())));
          assertFalse(hex.contains(HexFormat.of().formatHex(tokenBytes)));
        }
      }
    }
    assertNotEquals(0, token.length());
  }
}
