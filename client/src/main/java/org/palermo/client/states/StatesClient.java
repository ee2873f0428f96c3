package org.palermo.client.states;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.palermo.client.ClientException;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.states.StateCertificate;
import org.palermo.security.states.StateCode;
import org.palermo.security.states.StateFunction;
import org.palermo.security.states.StateRegistry;
import org.palermo.security.states.StateRegistryChange;
import org.palermo.text.Text;

/**
 * The public list of State certificates, as this device sees it: fetched, verified in full
 * against the head it pinned before, pinned again, and what changed since then. The operator's
 * tool also appends to it, signing with the operator key.
 */
public final class StatesClient {
  private static final String PATH = "api/v1/states/certificates";

  private final PalermoHttp http;
  private final Home home;
  private final Clock clock;

  public StatesClient(PalermoHttp http, Home home, Clock clock) {
    this.http = http;
    this.home = home;
    this.clock = clock;
  }

  /** The verified list, and what appeared or was revoked since this device last looked. */
  public record Seen(StateRegistry registry, StateRegistry.Changes changes, boolean firstLook) {}

  /**
   * Fetches and verifies the list, pins its head and reports the changes since the head pinned
   * before (everything, on the first look).
   *
   * @throws ClientException with exit code 3 when the list does not verify, or is older than or
   *     different from the one pinned
   */
  public Seen fetch() {
    JsonNode answer = http.get(PATH);
    List<ChainEntry> entries = new ArrayList<>();
    try {
      for (JsonNode e : answer.path("entries")) {
        entries.add(ChainEntry.decode(Base64.getUrlDecoder().decode(e.asText())));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("states.malformed-entry"));
    }
    Optional<Home.StatesPin> pin = home.statesPin();
    ChainHead pinned = pin.map(p -> new ChainHead(p.headSequence(),
        HexFormat.of().parseHex(p.headHash()))).orElse(null);
    StateRegistry registry;
    try {
      registry = StateRegistry.verify(entries, pinned);
    } catch (ChainException e) {
      throw ClientException.integrity(Text.of("states.certificate-list"), e);
    }
    StateRegistry.Changes changes = registry.changesSince(pinned);
    pin(registry);
    return new Seen(registry, changes, pinned == null);
  }

  /**
   * Certifies {@code identity} (looked up and checked by the caller) as speaking for
   * {@code state}, valid from now for {@code validity}, signed with the operator key.
   *
   * @throws ClientException exit 1 if the key is not the list's operator key or a rule forbids
   *     it (an overlapping certificate), exit 3 if the list does not verify
   */
  public StateRegistry.Entry certify(SigningKeyPair operator, Identity identity, String handle,
      StateCode state, StateFunction function, java.time.Duration validity) {
    Instant from = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    StateCertificate certificate = new StateCertificate(identity, handle, state, function, from,
        from.plus(validity));
    StateRegistry after = append(fetch().registry(), operator,
        new StateRegistryChange.Certify(certificate));
    return after.certificates().get(after.certificates().size() - 1);
  }

  /** Revokes the certificate in force for the account behind {@code identity}. */
  public StateRegistry.Entry revoke(SigningKeyPair operator, Identity identity) {
    StateRegistry registry = fetch().registry();
    Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
    StateRegistry.Entry target = registry.certificates().stream()
        .filter(e -> e.revokedAt().isEmpty()
            && e.certificate().identity().account().equals(identity.account()))
        .reduce((a, b) -> b)
        .orElseThrow(() -> ClientException.usage(Text.of("states.nothing-to-revoke")));
    StateRegistry after = append(registry, operator,
        new StateRegistryChange.Revoke(target.sequence(), now));
    return after.certificates().stream().filter(e -> e.sequence() == target.sequence())
        .findFirst().orElseThrow();
  }

  /** Appends to {@code registry}, just fetched and verified, and pins the result. */
  private StateRegistry append(StateRegistry registry, SigningKeyPair operator,
      StateRegistryChange change) {
    if (!java.security.MessageDigest.isEqual(registry.operatorKey().keyId(),
        operator.publicKey().keyId())) {
      throw ClientException.integrity(Text.of("states.other-operator-key", keyId(registry)));
    }
    ChainEntry entry;
    try {
      entry = registry.append(operator, change);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("states.change-refused", e.getMessage()));
    }
    http.post(PATH, Map.of("entry",
        Base64.getUrlEncoder().withoutPadding().encodeToString(entry.encode())));
    try {
      StateRegistry after = registry.extend(entry);
      pin(after);
      return after;
    } catch (ChainException e) {
      throw new IllegalStateException("an entry this client made does not verify", e);
    }
  }

  /** The operator key's id, in hex: what people compare to know they see the same list. */
  public static String keyId(StateRegistry registry) {
    return HexFormat.of().formatHex(registry.operatorKey().keyId());
  }

  private void pin(StateRegistry registry) {
    ChainHead head = registry.head();
    home.saveStatesPin(new Home.StatesPin(head.sequence(),
        HexFormat.of().formatHex(head.hash())));
  }
}
