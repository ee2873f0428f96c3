package org.palermo.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.states.StatesClient;
import org.palermo.security.bundle.KeyBundle;
import org.palermo.security.bundle.KeyBundleException;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.recovery.RecoveryKey;
import org.palermo.security.recovery.RecoveryKeyFormatException;
import org.palermo.security.states.StateCode;
import org.palermo.security.states.StateFunction;
import org.palermo.security.states.StateRegistry;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo admin --operator-key FILE ...}: the operator certifies and revokes State
 * accounts in the public list, signing with the operator key the server made at its first
 * start. Looking an account up needs a session (any account of the operator's).
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
    subcommands = AdminPluginsCommand.class)
final class AdminCommand {
  @ParentCommand PalermoCli root;

  @Option(names = "--operator-key", paramLabel = "FILE",
      descriptionKey = "help-admin.operator-key")
  Path operatorKey;

  @Command(name = "certify-state", mixinStandardHelpOptions = true)
  int certifyState(
      @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "help-admin.name")
      String name,
      @Option(names = "--state", required = true, paramLabel = "ISO3",
          descriptionKey = "help-admin.state") String state,
      @Option(names = "--function", required = true, paramLabel = "F",
          descriptionKey = "help-admin.function") String function,
      @Option(names = "--valid-days", defaultValue = "365", paramLabel = "N",
          descriptionKey = "help-admin.valid-days") int validDays,
      @Option(names = "--fingerprint", paramLabel = "DIGITS",
          descriptionKey = "help-admin.fingerprint") String fingerprint) {
    if (validDays < 1 || validDays > 1830) {
      throw ClientException.usage(Text.of("cmd-admin.valid-days-range"));
    }
    StateCode code;
    StateFunction role;
    try {
      code = StateCode.parse(state);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cmd-admin.not-a-state-code",
          state.strip().toUpperCase(Locale.ROOT)));
    }
    try {
      role = StateFunction.parse(function);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cmd-admin.unknown-function", function,
          String.join(", ", Arrays.stream(StateFunction.values()).map(StateFunction::label)
              .toList())));
    }
    SigningKeyPair operator = openOperatorKey();
    PalermoHttp http = root.connect();
    String handle = name.toLowerCase(Locale.ROOT);
    Identity identity = new AccountClient(http, root.home()).contact(handle);
    String digits = identity.fingerprint().toDigits();
    if (fingerprint != null && !digitsOf(fingerprint).equals(digitsOf(digits))) {
      throw ClientException.integrity(Text.of("cmd-admin.fingerprint-differs", handle, digits));
    }
    StatesClient states = new StatesClient(http, root.home(), Clock.systemUTC());
    StateRegistry.Entry made = states.certify(operator, identity, handle, code, role,
        Duration.ofDays(validDays));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("certified", handle);
    out.put("state", code.alpha3());
    out.put("function", role.label());
    out.put("validUntil", made.certificate().validUntil().toString());
    out.put("fingerprint", digits);
    out.put("entry", made.sequence());
    root.print(out);
    return 0;
  }

  @Command(name = "revoke-state", mixinStandardHelpOptions = true)
  int revokeState(@Parameters(index = "0", paramLabel = "NAME", descriptionKey = "help-admin.name")
      String name) {
    SigningKeyPair operator = openOperatorKey();
    PalermoHttp http = root.connect();
    String handle = name.toLowerCase(Locale.ROOT);
    Identity identity = new AccountClient(http, root.home()).contact(handle);
    StateRegistry.Entry revoked = new StatesClient(http, root.home(), Clock.systemUTC())
        .revoke(operator, identity);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("revoked", handle);
    out.put("state", revoked.certificate().state().alpha3());
    out.put("revokedAt", revoked.revokedAt().map(Instant::toString).orElseThrow());
    out.put("entry", revoked.sequence());
    root.print(out);
    return 0;
  }

  private SigningKeyPair openOperatorKey() {
    if (operatorKey == null) {
      throw ClientException.usage(Text.of("cmd-admin.give-operator-key"));
    }
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(operatorKey);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-admin.cannot-read-key", operatorKey,
          String.valueOf(e.getMessage())));
    }
    String secret = root.terminal().env().get("PALERMO_OPERATOR_SECRET");
    if (secret == null || secret.isBlank()) {
      if (root.terminal().console() == null) {
        throw ClientException.usage(Text.of("cmd-admin.no-terminal-for-secret"));
      }
      char[] typed = root.terminal().console().readPassword("%s",
          root.terminal().text(Text.of("cmd-admin.secret-prompt")));
      secret = typed == null ? "" : new String(typed);
    }
    try {
      return KeyBundle.open(sealed, RecoveryKey.parse(secret).bundleKey()).signing();
    } catch (RecoveryKeyFormatException e) {
      throw ClientException.usage(Text.of("cmd-admin.not-a-secret", e.getMessage()));
    } catch (KeyBundleException e) {
      throw ClientException.usage(Text.of("cmd-admin.secret-does-not-open", operatorKey));
    }
  }

  private static String digitsOf(String text) {
    return text.replaceAll("[^0-9]", "");
  }
}
