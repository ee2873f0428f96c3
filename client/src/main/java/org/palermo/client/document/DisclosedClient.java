package org.palermo.client.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.states.StatesClient;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.disclosure.DisclosureChange;
import org.palermo.security.disclosure.DisclosureLog;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.security.states.StateRegistry;
import org.palermo.security.wrap.KeyUnwrapException;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.security.wrap.WrapInfo;
import org.palermo.text.Text;

/**
 * What has been disclosed to this account as a certified State: each version verified on its
 * own (the author's signed manifest, the member's signed disclosure naming this State, the
 * State's own certificate in the verified list) and opened with the key wrapped to this device.
 * A State never sees the workspace's membership, so the author and the member who disclosed are
 * shown by handle and fingerprint, pinned on first sight, to compare with the organisation.
 */
public final class DisclosedClient {
  private final PalermoHttp http;
  private final AccountClient accounts;
  private final StatesClient states;
  private final DocumentClient documents;
  private final Supplier<IdentityKeys> keys;

  public DisclosedClient(PalermoHttp http, AccountClient accounts, StatesClient states,
      DocumentClient documents, Supplier<IdentityKeys> keys) {
    this.http = http;
    this.accounts = accounts;
    this.states = states;
    this.documents = documents;
    this.keys = keys;
  }

  /** A disclosed version, verified and opened. */
  public record Disclosed(DocumentManifest manifest, DocumentClient.Metadata metadata,
      AccountClient.Known author, AccountClient.Known discloser, SymmetricKey key) {}

  /** Every version disclosed to this account, verified; refused (exit 3) if any is not. */
  public List<Disclosed> list() {
    return list(true);
  }

  /**
   * The version of that document disclosed to this account, verified; empty when this account
   * is not a certified State or nothing of that document was disclosed to it.
   */
  public Optional<Disclosed> find(WorkspaceId workspace, DocumentId document) {
    return list(false).stream()
        .filter(d -> d.manifest().workspace().equals(workspace)
            && d.manifest().document().equals(document))
        .reduce((a, b) -> b);
  }

  /** Writes a disclosed version's content, verified and opened, to {@code target}. */
  public void write(Disclosed disclosed, Path target, DocumentClient.Progress progress) {
    documents.write(disclosed.manifest(), disclosed.key(), false, target, progress);
  }

  private List<Disclosed> list(boolean mustBeCertified) {
    IdentityKeys me = keys.get();
    StateRegistry registry = states.fetch().registry();
    Optional<StateRegistry.Entry> mine = registry.inForce(me.account(),
        Clock.systemUTC().instant());
    if (mine.isEmpty()) {
      if (mustBeCertified) {
        throw ClientException.usage(Text.of("document.not-certified-now"));
      }
      return List.of();
    }
    List<Disclosed> out = new ArrayList<>();
    // Authors and disclosers recur across documents: each is looked up and pinned once.
    Map<AccountId, AccountClient.Known> people = new HashMap<>();
    for (JsonNode row : http.get("api/v1/disclosed").path("documents")) {
      out.add(verify(row, me, mine.get(), registry, people));
    }
    return out;
  }

  private Disclosed verify(JsonNode row, IdentityKeys me, StateRegistry.Entry mine,
      StateRegistry registry, Map<AccountId, AccountClient.Known> people) {
    DocumentManifest m;
    ChainEntry disclosure;
    byte[] signature;
    try {
      m = DocumentManifest.decode(unb64(row.path("manifest").asText()));
      signature = unb64(row.path("signature").asText());
      disclosure = ChainEntry.decode(unb64(row.path("disclosure").asText()));
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity(Text.of("document.disclosed-undecodable"));
    }
    if (!m.workspace().toString().equals(row.path("workspaceId").asText())
        || !m.document().toString().equals(row.path("documentId").asText())
        || m.version() != row.path("version").asLong() || m.epoch() != row.path("epoch").asLong()
        || m.kind() != ManifestKind.VERSION) {
      throw ClientException.integrity(Text.of("document.served-under-another-name",
          m.document(), m.version()));
    }
    AccountClient.Known author = people.computeIfAbsent(m.author(), accounts::known);
    try {
      if (!author.identity().device().equals(m.authorDevice())) {
        throw new GeneralSecurityException("device");
      }
      m.verify(author.identity().signingKey(), signature);
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity(Text.of("document.manifest-not-signed", m.document(),
          m.version()));
    }
    AccountClient.Known discloser = people.computeIfAbsent(
        AccountId.parse(row.path("discloserId").asText()), accounts::known);
    DisclosureChange.SetLevel set;
    try {
      set = DisclosureLog.verifyForReader(disclosure, discloser.identity(), m.workspace(),
          m.document(), m.version(), mine.certificate().state());
    } catch (ChainException e) {
      ChainFailure f = ChainFailure.of(e);
      throw ClientException.integrity(Text.of("document.disclosure-does-not-verify",
          m.document(), m.version(), f.kind(), f.entry(), f.detail()));
    }
    ChainHead named = set.stateList();
    if (named.sequence() > registry.head().sequence() || !java.util.Arrays.equals(
        registry.entries().get((int) named.sequence()).hash(), named.hash())) {
      throw ClientException.integrity(Text.of("document.disclosure-names-other-list",
          m.document(), m.version()));
    }
    if (!mine.certificate().identity().device().equals(me.device())) {
      throw ClientException.usage(Text.of("document.not-certificate-device"));
    }
    SymmetricKey key;
    try {
      key = KeyWrap.unwrap(unb64(row.path("wrapped").asText()), me.agreement(),
          WrapInfo.documentKey(m.workspace(), m.document(), m.version(), m.epoch(),
              me.account(), me.device()));
    } catch (KeyUnwrapException | IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("document.key-does-not-open-device",
          m.document(), m.version()));
    }
    byte[] sealed = unb64(row.path("metadata").asText());
    return new Disclosed(m, DocumentClient.openMetadata(m, key, sealed), author, discloser,
        key);
  }

  private static byte[] unb64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("document.malformed-base64-served"));
    }
  }
}
