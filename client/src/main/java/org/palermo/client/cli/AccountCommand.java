package org.palermo.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.keys.Identity;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code palermo account ...}: register, log in and out, sessions, fingerprints. */
@Command(name = "account", mixinStandardHelpOptions = true)
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

  @Command(name = "register", mixinStandardHelpOptions = true)
  int register(@Option(names = "--name", required = true, paramLabel = "NAME",
      descriptionKey = "help-account.register-name") String name) {
    char[] passphrase = root.terminal().passphrase(true);
    if (passphrase.length < 10) {
      throw ClientException.usage(Text.of("cmd-account.short-passphrase"));
    }
    AccountClient.Registered registered = client().register(name, passphrase);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("handle", name.toLowerCase(java.util.Locale.ROOT));
    out.put("fingerprint", registered.identity().fingerprint().toDigits());
    out.put("recoveryKey", registered.recoveryKey());
    print(out);
    if (!root.json()) {
      root.terminal().say(Text.of("cmd-account.write-recovery-key"));
    }
    return 0;
  }

  @Command(name = "login", mixinStandardHelpOptions = true)
  int login(@Option(names = "--name", required = true, paramLabel = "NAME",
      descriptionKey = "help-account.login-name") String name) {
    Identity identity = client().login(name, root.terminal().passphrase(false));
    print(ordered("handle", name.toLowerCase(java.util.Locale.ROOT),
        "fingerprint", identity.fingerprint().toDigits()));
    return 0;
  }

  @Command(name = "logout", mixinStandardHelpOptions = true)
  int logout() {
    client().logout();
    print(Map.of("loggedOut", true));
    return 0;
  }

  @Command(name = "whoami", mixinStandardHelpOptions = true)
  int whoami() {
    AccountClient client = client();
    Identity identity = client.whoami();
    print(PalermoCli.fields("handle", root.home().requireAccount().handle(),
        "account", identity.account().toString(),
        "fingerprint", identity.fingerprint().toDigits()));
    return 0;
  }

  @Command(name = "sessions", mixinStandardHelpOptions = true)
  int sessions(@Option(names = "--revoke", paramLabel = "ID",
      descriptionKey = "help-account.sessions-revoke") String revoke) {
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
      String id = s.path("sessionId").asText();
      String since = s.path("createdAt").asText();
      String lastUsed = s.path("lastUsedAt").asText();
      root.terminal().say(s.path("current").asBoolean()
          ? Text.of("cmd-account.session-line-this-device", id, since, lastUsed)
          : Text.of("cmd-account.session-line", id, since, lastUsed));
    }
    return 0;
  }

  @Command(name = "fingerprint", mixinStandardHelpOptions = true)
  int fingerprint(@Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
      descriptionKey = "help-account.fingerprint-name") String name) {
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
