package org.palermo.client.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.bundle.KeyBundle;
import org.palermo.security.bundle.KeyBundleException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.AgreementPublicKey;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.passphrase.Argon2idParameters;
import org.palermo.security.passphrase.PassphraseKeys;
import org.palermo.security.passphrase.RefusedParametersException;
import org.palermo.security.recovery.RecoveryKey;
import org.palermo.text.Text;

/**
 * Accounts from the client's side. Keys are made here; the server receives public keys, the
 * sealed bundle and the authentication key, never the passphrase or a private key. What the
 * server returns is checked before it is trusted.
 */
public final class AccountClient {
  private final PalermoHttp http;
  private final Home home;

  public AccountClient(PalermoHttp http, Home home) {
    this.http = http;
    this.home = home;
  }

  /** What registration leaves with the person: the recovery key, shown once. */
  public record Registered(Identity identity, String recoveryKey) {}

  public Registered register(String handle, char[] passphrase) {
    AccountId accountId = AccountId.random();
    DeviceId deviceId = DeviceId.random();
    IdentityKeys keys = IdentityKeys.generate(accountId, deviceId);
    Argon2idParameters parameters = Argon2idParameters.recommended();
    PassphraseKeys derived = PassphraseKeys.derive(passphrase, parameters);
    RecoveryKey recovery = RecoveryKey.generate();
    byte[] bundle = KeyBundle.seal(keys, derived.bundleKey(), recovery.bundleKey());
    Identity identity = keys.identity();

    Map<String, String> body = new LinkedHashMap<>();
    body.put("accountId", accountId.toString());
    body.put("handle", handle);
    body.put("deviceId", deviceId.toString());
    body.put("signingKey", b64(identity.signingKey().encode()));
    body.put("agreementKey", b64(identity.agreementKey().encode()));
    body.put("kdfParameters", b64(parameters.encode()));
    body.put("keyBundle", b64(bundle));
    body.put("authenticationKey", b64(derived.authenticationKey(InsecureSecretKeyAccess.get())));
    JsonNode created = http.post("api/v1/accounts", body);
    home.saveAccount(new Home.AccountFile(created.path("handle").asText(), body.get("accountId"),
        body.get("deviceId"), body.get("signingKey"), body.get("agreementKey"),
        body.get("kdfParameters"), body.get("keyBundle")));
    login(created.path("handle").asText(), passphrase);
    return new Registered(identity, recovery.toPrintable(InsecureSecretKeyAccess.get()));
  }

  /**
   * Logs in: refuses KDF parameters below the pinned minimum, opens the key bundle the server
   * returns, and checks it holds the identity the server publishes and this device pinned.
   */
  public Identity login(String handle, char[] passphrase) {
    JsonNode advertised = http.get("api/v1/accounts/login-parameters?handle="
        + java.net.URLEncoder.encode(handle, java.nio.charset.StandardCharsets.UTF_8));
    Argon2idParameters parameters;
    try {
      parameters = Argon2idParameters.decode(unb64(advertised.path("kdfParameters").asText()));
    } catch (RefusedParametersException e) {
      throw ClientException.integrity(Text.of("account.weak-kdf-parameters", e.getMessage()));
    }
    PassphraseKeys derived = PassphraseKeys.derive(passphrase, parameters);
    JsonNode session = http.post("api/v1/sessions", Map.of("handle", handle,
        "authenticationKey", b64(derived.authenticationKey(InsecureSecretKeyAccess.get()))));
    String token = session.path("token").asText();
    http.useToken(token);

    JsonNode me = http.get("api/v1/accounts/me");
    JsonNode bundleView = http.get("api/v1/accounts/me/key-bundle");
    byte[] bundle = unb64(bundleView.path("keyBundle").asText());
    IdentityKeys keys;
    try {
      keys = KeyBundle.open(bundle, derived.bundleKey());
    } catch (KeyBundleException e) {
      throw ClientException.integrity(Text.of("account.key-bundle-does-not-open"));
    }
    Identity published = identityOf(me);
    if (!Arrays.equals(keys.identity().encode(), published.encode())) {
      throw ClientException.integrity(Text.of("account.published-keys-differ", handle));
    }
    home.account().filter(a -> a.handle().equals(me.path("handle").asText()))
        .ifPresent(pinned -> checkPinned(pinned, me));
    home.saveAccount(new Home.AccountFile(me.path("handle").asText(),
        me.path("accountId").asText(), me.path("deviceId").asText(),
        me.path("signingKey").asText(), me.path("agreementKey").asText(),
        bundleView.path("kdfParameters").asText(), b64(bundle)));
    home.saveSession(token);
    return published;
  }

  public Identity whoami() {
    http.useToken(home.requireSession());
    JsonNode me = http.get("api/v1/accounts/me");
    Identity served = identityOf(me);
    checkPinned(home.requireAccount(), me);
    return served;
  }

  /** The live sessions of this account. */
  public List<JsonNode> sessions() {
    http.useToken(home.requireSession());
    JsonNode list = http.get("api/v1/sessions");
    return java.util.stream.StreamSupport.stream(list.spliterator(), false).toList();
  }

  public void revoke(String sessionId) {
    http.useToken(home.requireSession());
    http.delete("api/v1/sessions/" + sessionId);
  }

  public void logout() {
    http.useToken(home.requireSession());
    try {
      http.delete("api/v1/sessions/current");
    } finally {
      home.clearSession();
    }
  }

  /** A server that serves other keys for an account than this device pinned is refused. */
  private static void checkPinned(Home.AccountFile pinned, JsonNode served) {
    if (!pinned.signingKey().equals(served.path("signingKey").asText())
        || !pinned.agreementKey().equals(served.path("agreementKey").asText())
        || !pinned.accountId().equals(served.path("accountId").asText())) {
      throw ClientException.integrity(Text.of("account.served-keys-differ-from-pinned",
          pinned.handle()));
    }
  }

  /** Another account's identity as the server publishes it (checked for form only). */
  public Identity lookup(String handle) {
    http.useToken(home.requireSession());
    return identityOf(http.get("api/v1/accounts/by-handle/"
        + java.net.URLEncoder.encode(handle, java.nio.charset.StandardCharsets.UTF_8)));
  }

  /**
   * The handle the server gives an account, if the keys it serves for it are exactly
   * {@code identity}'s (so a server cannot put another name on a member).
   */
  public java.util.Optional<String> handleOf(Identity identity) {
    http.useToken(home.requireSession());
    JsonNode view;
    try {
      view = http.get("api/v1/accounts/by-id/" + identity.account());
    } catch (ClientException e) {
      return java.util.Optional.empty();
    }
    return identityOf(view).equals(identity)
        ? java.util.Optional.of(view.path("handle").asText()) : java.util.Optional.empty();
  }

  /** An account someone else holds: its handle and its keys, as this device pinned them. */
  public record Known(String handle, Identity identity) {}

  /**
   * The account with this id, looked up and then pinned by its handle like {@link #contact}: a
   * server that serves other keys for it later, by id or by handle, is refused.
   */
  public Known known(AccountId account) {
    http.useToken(home.requireSession());
    JsonNode view = http.get("api/v1/accounts/by-id/" + account);
    Identity byId = identityOf(view);
    String handle = view.path("handle").asText();
    if (!byId.account().equals(account) || !contact(handle).equals(byId)) {
      throw ClientException.integrity(Text.of("account.keys-by-id-differ", account, handle));
    }
    return new Known(handle, byId);
  }

  /**
   * The identity behind a handle, pinned on first use: a server that later serves other keys
   * for the same handle is refused (exit 3) until the person confirms the new ones.
   */
  public Identity contact(String handle) {
    return pinned(home, handle, lookup(handle));
  }

  /**
   * {@code served} for {@code handle} if this device pinned exactly those keys for it, or
   * pinned nothing yet (then it pins them); refused (exit 3) if it pinned other keys. Readers
   * without an account (public documents) pin the same way.
   */
  public static Identity pinned(Home home, String handle, Identity served) {
    Map<String, String> pinned = new java.util.HashMap<>(home.contacts().identities());
    String encoded = b64(served.encode());
    String previous = pinned.get(handle);
    if (previous != null && !previous.equals(encoded)) {
      throw ClientException.integrity(Text.of("account.contact-keys-changed", handle));
    }
    if (previous == null) {
      pinned.put(handle, encoded);
      home.saveContacts(new Home.Contacts(pinned));
    }
    return served;
  }

  /**
   * This device's private keys: the key bundle it keeps, opened with the passphrase, checked
   * against the identity it pinned.
   */
  public IdentityKeys unlock(char[] passphrase) {
    Home.AccountFile a = home.requireAccount();
    Argon2idParameters parameters;
    try {
      parameters = Argon2idParameters.decode(unb64(a.kdfParameters()));
    } catch (RefusedParametersException e) {
      throw ClientException.integrity(Text.of("account.weak-local-kdf-parameters",
          home.folder()));
    }
    IdentityKeys keys;
    try {
      keys = KeyBundle.open(unb64(a.keyBundle()),
          PassphraseKeys.derive(passphrase, parameters).bundleKey());
    } catch (KeyBundleException e) {
      throw ClientException.refused(Text.of("account.wrong-passphrase"));
    }
    if (!keys.identity().equals(ownIdentity())) {
      throw ClientException.integrity(Text.of("account.local-key-bundle-mismatch",
          home.folder()));
    }
    return keys;
  }

  /** This device's own identity, from what it pinned (no server involved). */
  public Identity ownIdentity() {
    Home.AccountFile a = home.requireAccount();
    return identity(a.accountId(), a.deviceId(), a.signingKey(), a.agreementKey(),
        Text.of("account.account-file-damaged", home.folder()));
  }

  /** An identity as the server serves it (checked for form only). */
  public static Identity identityOf(JsonNode view) {
    return identity(view.path("accountId").asText(), view.path("deviceId").asText(),
        view.path("signingKey").asText(), view.path("agreementKey").asText(),
        Text.of("account.malformed-account"));
  }

  private static Identity identity(String accountId, String deviceId, String signingKey,
      String agreementKey, Text whenMalformed) {
    try {
      return new Identity(AccountId.parse(accountId), DeviceId.parse(deviceId),
          SigningPublicKey.decode(unb64(signingKey)),
          AgreementPublicKey.decode(unb64(agreementKey)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClientException e) {
      throw ClientException.integrity(whenMalformed);
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] unb64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("account.malformed-base64"));
    }
  }
}
