package org.palermo.client.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.states.StatesClient;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.disclosure.DisclosureChange;
import org.palermo.security.disclosure.DisclosureLog;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.states.StateCode;
import org.palermo.security.states.StateRegistry;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.security.wrap.WrapInfo;
import org.palermo.text.Text;

/**
 * Who may read a document beyond the workspace: a member's signed change of its disclosure
 * level and, for States only, its key wrapped on this machine to each certified State account
 * the change names, after verifying the membership log, the document and the State list.
 */
public final class DisclosureClient {
  private final PalermoHttp http;
  private final Home home;
  private final WorkspaceClient workspaces;
  private final DocumentClient documents;
  private final StatesClient states;
  private final AuditClient audit;
  private final Clock clock;

  /** {@code audit} records each change, approval and grant in the workspace's audit log. */
  public DisclosureClient(PalermoHttp http, Home home, WorkspaceClient workspaces,
      DocumentClient documents, StatesClient states, AuditClient audit, Clock clock) {
    this.http = http;
    this.audit = audit;
    this.home = home;
    this.workspaces = workspaces;
    this.documents = documents;
    this.states = states;
    this.clock = clock;
  }

  /** A change made: its place in the log, the version and the accounts that got the key. */
  public record Disclosed(long sequence, DisclosureLevel level, long version,
      List<StateRegistry.Entry> recipients) {}

  /**
   * Sets the document's level at its current version. For {@link DisclosureLevel#STATES_ONLY},
   * {@code named} picks States (none: every certified State) and each of their certified
   * accounts in force gets the version's key. {@link DisclosureLevel#PUBLIC} releases the
   * version's key to the server, which serves it to anyone (a workspace of two or more owners
   * needs another owner's {@link #approve} of that version first); any other level withdraws
   * it from then on, though copies already read stay read.
   *
   * @throws ClientException exit 1 when the caller's role may not, or a named State has no
   *     certified account; exit 3 when a log, the list or the document does not verify
   */
  public Disclosed disclose(WorkspaceId workspace, DocumentId document, DisclosureLevel level,
      List<StateCode> named) {
    MembershipLog log = workspaces.log(workspace);
    DocumentClient.Verified current = current(log, workspace, document);
    DocumentManifest m = current.manifest();
    if (level != DisclosureLevel.CONFIDENTIAL && m.original().isPresent()) {
      // The kept original is sealed under the same key as the stripped copy: whoever gets the
      // key could open the original, metadata and all, if the server handed it over.
      throw ClientException.usage(Text.of("document.original-not-disclosable", m.version()));
    }
    StateRegistry registry = states.fetch().registry();
    List<StateRegistry.Entry> recipients = new ArrayList<>();
    if (level == DisclosureLevel.STATES_ONLY) {
      Instant now = clock.instant();
      for (StateRegistry.Entry e : registry.inForce(now)) {
        if (named.isEmpty() || named.contains(e.certificate().state())) {
          recipients.add(e);
        }
      }
      for (StateCode s : named) {
        if (recipients.stream().noneMatch(e -> e.certificate().state().equals(s))) {
          throw ClientException.usage(Text.of("document.state-not-certified", s));
        }
      }
    } else if (!named.isEmpty()) {
      throw ClientException.usage(Text.of("document.state-needs-states-level"));
    }
    DisclosureChange change = new DisclosureChange.SetLevel(workspace, document, m.version(),
        log.head().sequence(), now(), level, named, registry.head());
    List<Map<String, Object>> grants = new ArrayList<>();
    for (StateRegistry.Entry e : recipients) {
      grants.add(grant(workspace, document, m, current.key().orElseThrow(), e));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("grants", grants);
    if (level == DisclosureLevel.PUBLIC) {
      body.put("release", b64(current.key().orElseThrow().toBytes(
          InsecureSecretKeyAccess.get())));
    }
    ChainEntry entry = send(workspace, document, log, change, body);
    audit.keysGranted(workspace, document, m.version(), recipients.stream()
        .map(e -> e.certificate().identity().account()).toList());
    return new Disclosed(entry.sequence(), level, m.version(), recipients);
  }

  /**
   * Approves publishing the document's current version (four-eyes): an owner other than the
   * one who publishes signs it first; it counts for that version only, and only while its
   * signer is an owner.
   *
   * @return the version approved
   */
  public long approve(WorkspaceId workspace, DocumentId document) {
    MembershipLog log = workspaces.log(workspace);
    DocumentManifest m = current(log, workspace, document).manifest();
    if (m.original().isPresent()) {
      throw ClientException.usage(Text.of("document.original-not-publishable", m.version()));
    }
    send(workspace, document, log, new DisclosureChange.Approve(workspace, document,
        m.version(), log.head().sequence(), now()), new LinkedHashMap<>());
    return m.version();
  }

  /** The document's current version, verified and opened; refused if it was removed. */
  private DocumentClient.Verified current(MembershipLog log, WorkspaceId workspace,
      DocumentId document) {
    List<DocumentClient.Verified> versions = documents.versions(log, workspace, document);
    DocumentClient.Verified current = versions.get(versions.size() - 1);
    if (current.manifest().kind() == ManifestKind.TOMBSTONE) {
      throw ClientException.usage(Text.of("document.removed", document));
    }
    return current;
  }

  /** Signs {@code change} as the next entry of the verified log, sends it, pins the head. */
  private ChainEntry send(WorkspaceId workspace, DocumentId document, MembershipLog log,
      DisclosureChange change, Map<String, Object> body) {
    DisclosureLog disclosure = fetch(workspace, document, log);
    ChainEntry entry;
    try {
      entry = disclosure.append(change, workspaces.me().signing());
    } catch (IllegalArgumentException e) {
      if (e.getMessage().contains("approval")) {
        throw ClientException.usage(Text.of("document.approval-pending", change.version(),
            workspace, document));
      }
      throw ClientException.usage(Text.of("document.change-not-allowed", e.getMessage()));
    }
    body.put("entry", b64(entry.encode()));
    http.post(path(workspace, document), body);
    pin(workspace, document, java.util.Optional.of(ChainHead.of(entry)));
    audit.disclosureChanged(workspace, document, entry);
    return entry;
  }

  private Instant now() {
    return Instant.ofEpochSecond(clock.instant().getEpochSecond());
  }

  /** A key a States-only document owes a State account certified after its level was set. */
  public record Owed(DocumentId document, long version, StateRegistry.Entry certificate) {}

  /**
   * The keys the workspace's documents owe, as the server lists them, each checked here: the
   * document's verified disclosure log sets it States-only at that version for the account's
   * State, and this device's verified State list certifies the account now.
   */
  public List<Owed> pending(WorkspaceId workspace) {
    JsonNode rows = http.get("api/v1/workspaces/" + workspace + "/pending-grants")
        .path("pending");
    if (rows.isEmpty()) {
      return List.of();
    }
    MembershipLog log = workspaces.log(workspace);
    StateRegistry registry = states.fetch().registry();
    Instant now = clock.instant();
    Map<DocumentId, DisclosureLog> logs = new LinkedHashMap<>();
    List<Owed> out = new ArrayList<>();
    for (JsonNode row : rows) {
      DocumentId document = DocumentId.parse(row.path("documentId").asText());
      DisclosureLog disclosure = logs.computeIfAbsent(document,
          d -> fetch(workspace, d, log));
      long version = row.path("version").asLong();
      StateRegistry.Entry certificate = registry.inForce(
          org.palermo.security.ids.AccountId.parse(row.path("accountId").asText()), now)
          .orElseThrow(() -> ClientException.integrity(Text.of("document.key-for-uncertified")));
      // A States-only level holds from its version on: later versions are owed too.
      boolean owed = disclosure.current().filter(set -> set.level()
          == DisclosureLevel.STATES_ONLY && set.version() <= version
          && (set.states().isEmpty() || set.states().contains(certificate.certificate().state())))
          .isPresent();
      if (!owed) {
        throw ClientException.integrity(Text.of("document.key-not-owed", document,
            certificate.certificate().handle()));
      }
      out.add(new Owed(document, version, certificate));
    }
    return out;
  }

  /** Wraps and sends every key owed (see {@link #pending}); returns how many. */
  public List<Owed> fulfil(WorkspaceId workspace) {
    List<Owed> owed = pending(workspace);
    Map<DocumentId, List<Owed>> byDocument = new LinkedHashMap<>();
    owed.forEach(o -> byDocument.computeIfAbsent(o.document(), d -> new ArrayList<>()).add(o));
    MembershipLog log = byDocument.isEmpty() ? null : workspaces.log(workspace);
    for (Map.Entry<DocumentId, List<Owed>> e : byDocument.entrySet()) {
      DocumentId document = e.getKey();
      List<DocumentClient.Verified> versions = documents.versions(log, workspace, document);
      List<Map<String, Object>> grants = new ArrayList<>();
      for (Owed o : e.getValue()) {
        DocumentClient.Verified version = versions.stream()
            .filter(v -> v.manifest().version() == o.version()).findFirst()
            .orElseThrow(() -> ClientException.refused(Text.of(
                "document.version-not-readable-here", o.version(), document)));
        if (version.manifest().original().isPresent()) {
          throw ClientException.integrity(Text.of("document.key-of-version-with-original",
              o.version(), document));
        }
        grants.add(grant(workspace, document, version.manifest(), version.key().orElseThrow(),
            o.certificate()));
      }
      http.post("api/v1/workspaces/" + workspace + "/pending-grants/" + document,
          Map.of("grants", grants));
      Map<Long, List<org.palermo.security.ids.AccountId>> byVersion = new java.util.TreeMap<>();
      e.getValue().forEach(o -> byVersion.computeIfAbsent(o.version(), v -> new ArrayList<>())
          .add(o.certificate().certificate().identity().account()));
      byVersion.forEach((version, accounts) -> audit.keysGranted(workspace, document, version,
          accounts));
    }
    return owed;
  }

  private static Map<String, Object> grant(WorkspaceId workspace, DocumentId document,
      DocumentManifest m, org.palermo.security.keys.SymmetricKey key,
      StateRegistry.Entry certificate) {
    Identity to = certificate.certificate().identity();
    byte[] wrapped = KeyWrap.wrap(key, to.agreementKey(), WrapInfo.documentKey(workspace,
        document, m.version(), m.epoch(), to.account(), to.device()));
    Map<String, Object> grant = new LinkedHashMap<>();
    grant.put("accountId", to.account().toString());
    grant.put("deviceId", to.device().toString());
    grant.put("version", m.version());
    grant.put("wrapped", b64(wrapped));
    return grant;
  }

  /** The document's disclosure log, verified against the workspace's membership log. */
  public DisclosureLog fetch(WorkspaceId workspace, DocumentId document, MembershipLog log) {
    JsonNode answer = http.get(path(workspace, document));
    List<ChainEntry> entries = new ArrayList<>();
    try {
      for (JsonNode e : answer.path("entries")) {
        entries.add(ChainEntry.decode(Base64.getUrlDecoder().decode(e.asText())));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("document.disclosure-log-bad-entry", document));
    }
    Home.DisclosurePins pins = home.disclosurePins(workspace.toString());
    ChainHead pinned = java.util.Optional.ofNullable(pins.documents().get(document.toString()))
        .map(p -> new ChainHead(p.headSequence(), HexFormat.of().parseHex(p.headHash())))
        .orElse(null);
    DisclosureLog verified;
    try {
      verified = DisclosureLog.verify(workspace, document, log, entries, pinned);
    } catch (ChainException e) {
      ChainFailure f = ChainFailure.of(e);
      throw ClientException.integrity(Text.of("document.disclosure-log-does-not-verify",
          document, f.kind(), f.entry(), f.detail()));
    }
    pin(workspace, document, verified.head());
    return verified;
  }

  private void pin(WorkspaceId workspace, DocumentId document,
      java.util.Optional<ChainHead> head) {
    if (head.isEmpty()) {
      return;
    }
    Map<String, Home.DisclosurePin> all = new LinkedHashMap<>(
        home.disclosurePins(workspace.toString()).documents());
    all.put(document.toString(), new Home.DisclosurePin(head.get().sequence(),
        HexFormat.of().formatHex(head.get().hash())));
    home.saveDisclosurePins(workspace.toString(), new Home.DisclosurePins(all));
  }

  private static String path(WorkspaceId workspace, DocumentId document) {
    return "api/v1/workspaces/" + workspace + "/documents/" + document + "/disclosure";
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
