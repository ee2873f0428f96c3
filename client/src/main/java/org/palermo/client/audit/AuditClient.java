package org.palermo.client.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.palermo.client.ClientException;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.audit.AuditExport;
import org.palermo.security.audit.AuditLog;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.membership.MembershipLog;
import org.palermo.text.Text;

/**
 * A workspace's audit log on this device: fetched, verified in full against the membership log,
 * the server's pinned audit key and the head this device pinned; and this member's own actions
 * signed and appended to it. A log verified once in this process is extended by its new entries
 * only.
 */
public final class AuditClient {
  /** Appends tried when other clients' entries keep coming first (a busy workspace). */
  private static final int ATTEMPTS = 12;

  private final PalermoHttp http;
  private final Home home;
  private final WorkspaceClient workspaces;
  private final Clock clock;
  private final Map<WorkspaceId, AuditLog> verified = new HashMap<>();

  public AuditClient(PalermoHttp http, Home home, WorkspaceClient workspaces, Clock clock) {
    this.http = http;
    this.home = home;
    this.workspaces = workspaces;
    this.clock = clock;
  }

  /** The workspace's audit log, verified, against the current membership log. */
  public AuditLog log(WorkspaceId workspace) {
    return log(workspaces.log(workspace));
  }

  /** The workspace's audit log, verified against {@code membership} (verified by the caller). */
  public AuditLog log(MembershipLog membership) {
    WorkspaceId workspace = membership.workspace();
    AuditLog known = verified.get(workspace);
    try {
      known = known == null ? null : known.withMembership(membership);
    } catch (IllegalArgumentException notLater) {
      known = null; // not a later copy of the membership log it was checked with: verify all
    }
    JsonNode answer = http.get("api/v1/workspaces/" + workspace + "/audit"
        + (known == null ? "" : "?from=" + known.entries().size()));
    SigningPublicKey serverKey = serverKey(workspace, answer.path("serverKey").asText());
    List<ChainEntry> fresh = new ArrayList<>();
    try {
      for (JsonNode e : answer.path("entries")) {
        fresh.add(ChainEntry.decode(unb64(e.asText())));
      }
    } catch (MalformedEntryException e) {
      throw ClientException.integrity(Text.of("audit.malformed-entry", workspace));
    }
    AuditLog log;
    try {
      if (known == null) {
        log = AuditLog.verify(workspace, membership, serverKey, fresh, pinned(workspace));
      } else {
        log = known;
        for (ChainEntry e : fresh) {
          log = log.extend(e);
        }
      }
    } catch (ChainException e) {
      throw ClientException.integrity(Text.of("audit.log-of-workspace", workspace), e);
    }
    verified.put(workspace, log);
    log.head().ifPresent(h -> home.saveAuditPin(workspace.toString(), new Home.AuditPin(
        h.sequence(), HexFormat.of().formatHex(h.hash()), b64(serverKey.encode()))));
    return log;
  }

  /** What an event is made from: its time, and the membership entry it is made under. */
  public record Context(Instant at, MembershipLog membership) {
    public long membershipSequence() {
      return membership.head().sequence();
    }
  }

  /**
   * Signs the event and appends it to the workspace's log, fetching the log again and retrying
   * when another client's entry came first.
   *
   * @return the entry appended
   */
  public ChainEntry record(WorkspaceId workspace,
      Function<Context, ? extends AuditEvent.MemberEvent> event) {
    for (int attempt = 1; ; attempt++) {
      MembershipLog membership = workspaces.log(workspace);
      AuditLog log = log(membership);
      Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES);
      List<AuditEvent> events = log.events();
      if (!events.isEmpty() && events.get(events.size() - 1).at().isAfter(at)) {
        at = events.get(events.size() - 1).at();
      }
      ChainEntry entry;
      try {
        entry = log.append(event.apply(new Context(at, membership)),
            workspaces.me().signing());
      } catch (IllegalArgumentException e) {
        throw ClientException.usage(Text.of("audit.entry-refused", e.getMessage()));
      }
      try {
        http.post("api/v1/workspaces/" + workspace + "/audit", Map.of("entry",
            b64(entry.encode())));
      } catch (ClientException e) {
        if (e.status() != 409) {
          throw e;
        }
        if (attempt == ATTEMPTS) {
          throw ClientException.refused(Text.of("audit.entry-not-recorded"));
        }
        backOff(attempt);
        continue;
      }
      try {
        verified.put(workspace, log.extend(entry));
      } catch (ChainException e) {
        throw new IllegalStateException("an entry append made does not extend the log", e);
      }
      return entry;
    }
  }

  /** A random pause that grows with each attempt, so contending clients spread out. */
  private static void backOff(int attempt) {
    long bound = Math.min(1000, 25L << Math.min(attempt, 6));
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(bound / 2, bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records a version (or removal) this member put. */
  public void versionPut(DocumentManifest manifest) {
    record(manifest.workspace(), c -> AuditEvent.VersionPut.of(c.at(),
        c.membershipSequence(), manifest));
  }

  /** Records a disclosure entry (a level, or an approval) this member appended. */
  public void disclosureChanged(WorkspaceId workspace, DocumentId document, ChainEntry entry) {
    record(workspace, c -> new AuditEvent.DisclosureChanged(workspace, c.at(),
        c.membershipSequence(), document, ChainHead.of(entry)));
  }

  /** Records keys of a version this member wrapped to State accounts. */
  public void keysGranted(WorkspaceId workspace, DocumentId document, long version,
      List<AccountId> accounts) {
    if (!accounts.isEmpty()) {
      record(workspace, c -> new AuditEvent.KeysGranted(workspace, c.at(),
          c.membershipSequence(), document, version, accounts));
    }
  }

  /**
   * Records something this member did through a plugin: {@code subject} and {@code action} are
   * ids and words the plugin's server side already has, never content (the log is not sealed).
   *
   * @throws ClientException (usage) if they are out of the format's limits (1 to 200 bytes of
   *     UTF-8 each, no control character; a plugin id as plugins have)
   */
  public long pluginAction(WorkspaceId workspace, String plugin, String subject, String action) {
    return record(workspace, c -> new AuditEvent.PluginAction(workspace, c.at(),
        c.membershipSequence(), plugin, subject, action)).sequence();
  }

  /** Records the newest membership entry this member signed (the change just made). */
  public void membershipChanged(WorkspaceId workspace) {
    record(workspace, c -> {
      List<ChainEntry> entries = c.membership().entries();
      byte[] mine = workspaces.me().signing().publicKey().keyId();
      for (int i = entries.size() - 1; i >= 0; i--) {
        if (java.util.Arrays.equals(entries.get(i).authorKeyId(), mine)) {
          return new AuditEvent.MembershipChanged(workspace, c.at(), c.membershipSequence(),
              ChainHead.of(entries.get(i)));
        }
      }
      throw ClientException.usage(Text.of("audit.no-membership-entry-signed"));
    });
  }

  /** Writes the verified log, with the membership log it is checked against, to a new file. */
  public AuditLog export(WorkspaceId workspace, Path target) {
    AuditLog log = log(workspace);
    byte[] encoded = AuditExport.of(log).encode();
    try {
      Files.write(Files.createFile(target, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------"))), encoded);
    } catch (FileAlreadyExistsException e) {
      throw ClientException.usage(Text.of("audit.export-exists", target));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("audit.cannot-write", target, e.getMessage()));
    }
    return log;
  }

  /**
   * Verifies an exported file on its own, with no server: both logs in full, and against the
   * heads this device pinned for that workspace if it has any.
   */
  public static AuditLog verifyFile(Path file, Home home) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("audit.cannot-read", file, e.getMessage()));
    }
    AuditExport export;
    try {
      export = AuditExport.decode(bytes);
    } catch (MalformedEntryException e) {
      throw ClientException.integrity(Text.of("audit.not-an-export", file));
    }
    String ws = export.workspace().toString();
    ChainHead membershipPin = home.workspace(ws).map(p -> new ChainHead(p.headSequence(),
        HexFormat.of().parseHex(p.headHash()))).orElse(null);
    Optional<Home.AuditPin> auditPin = home.auditPin(ws);
    if (auditPin.isPresent() && !auditPin.get().serverKey().equals(
        b64(export.serverKey().encode()))) {
      throw ClientException.integrity(Text.of("audit.export-server-key-differs", ws));
    }
    try {
      return export.verify(membershipPin, auditPin.map(p -> new ChainHead(p.headSequence(),
          HexFormat.of().parseHex(p.headHash()))).orElse(null));
    } catch (ChainException e) {
      throw ClientException.integrity(Text.of("audit.log-in-file", file), e);
    }
  }

  private ChainHead pinned(WorkspaceId workspace) {
    return home.auditPin(workspace.toString()).map(p -> new ChainHead(p.headSequence(),
        HexFormat.of().parseHex(p.headHash()))).orElse(null);
  }

  /** The server's audit key: as this device pinned it for the workspace, or pinned now. */
  private SigningPublicKey serverKey(WorkspaceId workspace, String served) {
    Optional<Home.AuditPin> pin = home.auditPin(workspace.toString());
    if (pin.isPresent() && !pin.get().serverKey().equals(served)) {
      throw ClientException.integrity(Text.of("audit.server-key-differs", workspace));
    }
    try {
      return SigningPublicKey.decode(unb64(served));
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity(Text.of("audit.malformed-server-key"));
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] unb64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("audit.malformed-base64"));
    }
  }
}
