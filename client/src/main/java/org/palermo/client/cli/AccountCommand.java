package org.palermo.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.keys.Identity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code palermo account ...}: register, log in and out, sessions, fingerprints. */
@Command(name = "account", mixinStandardHelpOptions = true,
    description = "Your pseudonymous account: no e-mail, no phone.")
final class AccountCommand {
  @ParentCommand PalermoCli root;

  private AccountClient client() {
    PalermoHttp http = root.connect();
    return new AccountClient(http, root.home());
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(k1, v1);
    fields.put(k2, v2);
    return fields;
  }

  private void print(Map<String, ?> fields) {
    root.print(fields);
  }

  @Command(name = "register", description = "Make keys on this machine and register them under"
      + " a handle. Prints a recovery key once: write it down and keep it apart.")
  int register(@Option(names = "--name", required = true, paramLabel = "NAME",
      description = "Your handle: 3-32 of a-z 0-9 . _ -") String name) {
    char[] passphrase = root.terminal().passphrase(true);
    if (passphrase.length < 10) {
      throw ClientException.usage("Choose a passphrase of at least 10 characters");
    }
    AccountClient.Registered registered = client().register(name, passphrase);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("handle", name.toLowerCase(java.util.Locale.ROOT));
    out.put("fingerprint", registered.identity().fingerprint().toDigits());
    out.put("recoveryKey", registered.recoveryKey());
    print(out);
    if (!root.json()) {
      root.terminal().out().println("Write the recovery key down now: it is shown only once"
          + " and opens your keys if you forget the passphrase.");
    }
    return 0;
  }

  @Command(name = "login", description = "Log in (also on a new device: fetches and opens your"
      + " key bundle here).")
  int login(@Option(names = "--name", required = true, paramLabel = "NAME") String name) {
    Identity identity = client().login(name, root.terminal().passphrase(false));
    print(ordered("handle", name.toLowerCase(java.util.Locale.ROOT),
        "fingerprint", identity.fingerprint().toDigits()));
    return 0;
  }

  @Command(name = "logout", description = "End this device's session.")
  int logout() {
    client().logout();
    print(Map.of("loggedOut", true));
    return 0;
  }

  @Command(name = "whoami", description = "Your handle, account id and fingerprint, as the"
      + " server knows them.")
  int whoami() {
    AccountClient client = client();
    Identity identity = client.whoami();
    print(PalermoCli.fields("handle", root.home().requireAccount().handle(),
        "account", identity.account().toString(),
        "fingerprint", identity.fingerprint().toDigits()));
    return 0;
  }

  @Command(name = "sessions", description = "Your live sessions; --revoke ID ends one.")
  int sessions(@Option(names = "--revoke", paramLabel = "ID") String revoke) {
    AccountClient client = client();
    if (revoke != null) {
      client.revoke(revoke);
      print(Map.of("revoked", revoke));
      return 0;
    }
    List<JsonNode> sessions = client.sessions();
    if (root.json()) {
      root.terminal().out().println(sessions);
      return 0;
    }
    for (JsonNode s : sessions) {
      root.terminal().out().println(s.path("sessionId").asText() + "  since "
          + s.path("createdAt").asText() + "  last used " + s.path("lastUsedAt").asText()
          + (s.path("current").asBoolean() ? "  (this device)" : ""));
    }
    return 0;
  }

  @Command(name = "fingerprint", description = "Your fingerprint, or NAME's as the server"
      + " serves it (pinned the first time), to compare with that person over another channel.")
  int fingerprint(@Parameters(index = "0", arity = "0..1", paramLabel = "NAME") String name) {
    if (name == null) {
      Identity identity = new AccountClient(null, root.home()).ownIdentity();
      print(ordered("handle", root.home().requireAccount().handle(),
          "fingerprint", identity.fingerprint().toDigits()));
      return 0;
    }
    Identity identity = client().contact(name.toLowerCase(java.util.Locale.ROOT));
    print(ordered("handle", name.toLowerCase(java.util.Locale.ROOT),
        "fingerprint", identity.fingerprint().toDigits()));
    return 0;
  }
}
