package org.palermo.client.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    description = "Operator tasks: certify and revoke State accounts (signed with the operator"
        + " key; its secret comes from PALERMO_OPERATOR_SECRET or a prompt), and plugins.",
    subcommands = AdminPluginsCommand.class)
final class AdminCommand {
  @ParentCommand PalermoCli root;

  @Option(names = "--operator-key", paramLabel = "FILE",
      description = "The sealed operator key (operator-key.sealed in the server's data folder)")
  Path operatorKey;

  @Command(name = "certify-state", description = "Certify NAME's account as speaking for a"
      + " State. Compare NAME's fingerprint with that person first (--fingerprint checks it).")
  int certifyState(
      @Parameters(index = "0", paramLabel = "NAME") String name,
      @Option(names = "--state", required = true, paramLabel = "ISO3",
          description = "The State, as its ISO 3166-1 alpha-3 code (MEX, ZWE, ...)") String state,
      @Option(names = "--function", required = true, paramLabel = "F",
          description = "focal-point or governmental-expert") String function,
      @Option(names = "--valid-days", defaultValue = "365", paramLabel = "N",
          description = "Days the certificate is valid (default ${DEFAULT-VALUE}; 1 to 1830)")
      int validDays,
      @Option(names = "--fingerprint", paramLabel = "DIGITS",
          description = "NAME's fingerprint as that person read it to you: refuse any other")
      String fingerprint) {
    if (validDays < 1 || validDays > 1830) {
      throw ClientException.usage("--valid-days is 1 to 1830");
    }
    StateCode code;
    StateFunction role;
    try {
      code = StateCode.parse(state);
      role = StateFunction.parse(function);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(e.getMessage());
    }
    SigningKeyPair operator = openOperatorKey();
    PalermoHttp http = root.connect();
    String handle = name.toLowerCase(Locale.ROOT);
    Identity identity = new AccountClient(http, root.home()).contact(handle);
    String digits = identity.fingerprint().toDigits();
    if (fingerprint != null && !digitsOf(fingerprint).equals(digitsOf(digits))) {
      throw ClientException.integrity("The server serves keys for '" + handle + "' whose"
          + " fingerprint is " + digits + ", not the one given");
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

  @Command(name = "revoke-state", description = "Revoke the certificate of NAME's account.")
  int revokeState(@Parameters(index = "0", paramLabel = "NAME") String name) {
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
      throw ClientException.usage("Give --operator-key FILE (operator-key.sealed in the"
          + " server's data folder)");
    }
    byte[] sealed;
    try {
      sealed = Files.readAllBytes(operatorKey);
    } catch (IOException e) {
      throw ClientException.usage("Cannot read the operator key " + operatorKey + ": "
          + e.getMessage());
    }
    String secret = root.terminal().env().get("PALERMO_OPERATOR_SECRET");
    if (secret == null || secret.isBlank()) {
      if (root.terminal().console() == null) {
        throw ClientException.usage("No terminal to ask for the operator secret: set"
            + " PALERMO_OPERATOR_SECRET");
      }
      char[] typed = root.terminal().console().readPassword("Operator secret: ");
      secret = typed == null ? "" : new String(typed);
    }
    try {
      return KeyBundle.open(sealed, RecoveryKey.parse(secret).bundleKey()).signing();
    } catch (RecoveryKeyFormatException e) {
      throw ClientException.usage("That is not an operator secret: " + e.getMessage());
    } catch (KeyBundleException e) {
      throw ClientException.usage("The operator secret does not open " + operatorKey);
    }
  }

  private static String digitsOf(String text) {
    return text.replaceAll("[^0-9]", "");
  }
}
