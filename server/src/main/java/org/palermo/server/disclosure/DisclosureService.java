package org.palermo.server.disclosure;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.disclosure.DisclosureChange;
import org.palermo.security.disclosure.DisclosureLog;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.states.StateRegistry;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.server.audit.AuditService;
import org.palermo.server.documents.DocumentDao;
import org.palermo.server.documents.DocumentRow;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.events.CoreEventLog;
import org.palermo.server.publication.PublicationDao;
import org.palermo.server.sessions.Caller;
import org.palermo.server.states.StateCertificateService;
import org.palermo.server.workspaces.WorkspaceDao;
import org.palermo.server.workspaces.WorkspaceService;
import org.palermo.text.Text;

/**
 * Documents' disclosure logs and the document keys wrapped to State accounts. The server keeps
 * what members' clients signed and wrapped; it checks each change against the membership log
 * and the State certificate list before it stores it, and keeps the grants of a States-only
 * document exactly to the certified accounts of the States the change names.
 */
public final class DisclosureService {
  private final Jdbi jdbi;
  private final WorkspaceService workspaces;
  private final StateCertificateService states;
  private final AuditService audit;
  private final Clock clock;
  private final CoreEventLog events;

  public DisclosureService(Jdbi jdbi, WorkspaceService workspaces,
      StateCertificateService states, AuditService audit, Clock clock, CoreEventLog events) {
    this.jdbi = jdbi;
    this.events = events;
    this.workspaces = workspaces;
    this.states = states;
    this.audit = audit;
    this.clock = clock;
  }

  /** A document key wrapped to one device of a State account. */
  public record Grant(byte[] accountId, byte[] deviceId, long version, byte[] wrapped) {}

  /** The document's disclosure log, for a member. */
  public List<byte[]> entries(Caller caller, byte[] workspaceId, byte[] documentId) {
    return jdbi.inTransaction(h -> {
      workspaces.requireMember(h, caller, workspaceId);
      requireDocument(h, workspaceId, documentId);
      return h.attach(DisclosureDao.class).entries(workspaceId, documentId);
    });
  }

  /**
   * Appends one signed change and, for a States-only level, replaces the document's grants;
   * a public level comes with {@code release}, the published version's key, which the server
   * serves to anyone from then on; any other level stops serving the document publicly.
   *
   * @return the entry's sequence
   */
  public long append(Caller caller, byte[] workspaceId, byte[] documentId, byte[] encoded,
      List<Grant> grants, Optional<byte[]> release) {
    ChainEntry entry;
    try {
      entry = ChainEntry.decode(encoded);
    } catch (MalformedEntryException e) {
      throw new InvalidRequestException("entry", Text.of("disclosure.entry-malformed"));
    }
    workspaces.requireAuthor(caller, entry);
    StateRegistry registry = states.registry();
    return jdbi.inTransaction(h -> {
      // The workspace row first, as every writer of the workspace locks it (the audit log too).
      h.attach(WorkspaceDao.class).lock(workspaceId)
          .orElseThrow(() -> new NotFoundProblemException(WorkspaceService.NOT_FOUND));
      workspaces.requireMember(h, caller, workspaceId);
      DocumentRow document = h.attach(DocumentDao.class).lock(workspaceId, documentId)
          .orElseThrow(() -> new NotFoundProblemException(Text.of("disclosure.no-document")));
      DisclosureDao dao = h.attach(DisclosureDao.class);
      List<byte[]> stored = dao.entries(workspaceId, documentId);
      if (entry.sequence() != stored.size()) {
        throw new ConflictException(Text.of("disclosure.log-moved-on", stored.size()));
      }
      MembershipLog membership = workspaces.membershipLog(h, workspaceId);
      DisclosureLog extended;
      try {
        extended = load(workspaceId, documentId, membership, stored).extend(entry);
      } catch (ChainException e) {
        // The security module says why in English only; the sentence around it is translated.
        throw new InvalidRequestException("entry",
            Text.of("disclosure.change-refused", e.getMessage()));
      }
      DisclosureChange change = extended.changes().get(extended.changes().size() - 1);
      if (change.membershipSequence() != membership.head().sequence()) {
        // A signer could name an older membership entry, from before a second owner joined
        // or before its own demotion; the server takes changes made under the current one.
        throw new ConflictException(Text.of("disclosure.membership-moved-on",
            change.membershipSequence(), membership.head().sequence()));
      }
      if (change instanceof DisclosureChange.SetLevel set) {
        if (set.version() != document.currentVersion() || document.deleted()) {
          throw new ConflictException(document.deleted()
              ? Text.of("disclosure.level-at-current-removal", document.currentVersion())
              : Text.of("disclosure.level-at-current-version", document.currentVersion()));
        }
        if (set.level() != DisclosureLevel.CONFIDENTIAL && h.attach(DocumentDao.class)
            .version(workspaceId, documentId, set.version()).map(v -> v.originalLength() > 0)
            .orElse(false)) {
          throw new InvalidRequestException("entry",
              Text.of("disclosure.original-kept", set.version()));
        }
        if ((set.level() == DisclosureLevel.PUBLIC) != release.isPresent()) {
          throw new InvalidRequestException("release", Text.of("disclosure.release-if-public"));
        }
        requireGrants(set, grants, registry);
        dao.deleteGrants(workspaceId, documentId);
        for (Grant g : grants) {
          dao.insertGrant(workspaceId, documentId, g.version(), g.accountId(), g.deviceId(),
              g.wrapped(), entry.sequence());
        }
        PublicationDao publications = h.attach(PublicationDao.class);
        Optional<Long> wasPublished = publications.releasedVersion(workspaceId, documentId);
        WorkspaceId ws = WorkspaceId.of(workspaceId);
        DocumentId doc = DocumentId.of(documentId);
        if (wasPublished.isPresent() && (release.isEmpty()
            || wasPublished.get() != set.version())) {
          audit.observe(h, workspaceId, at -> AuditEvent.ServerObserved.publicWithdrawn(ws, at,
              doc, wasPublished.get()));
        }
        if (release.isPresent()) {
          publications.release(workspaceId, documentId, set.version(), release.get(),
              entry.sequence(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
          audit.observe(h, workspaceId, at -> AuditEvent.ServerObserved.publicReleased(ws, at,
              doc, set.version()));
        } else {
          publications.withdraw(workspaceId, documentId);
        }
        events.disclosed(h, workspaceId, documentId, set.version(), set.level().label());
        if (release.isPresent()) {
          events.published(h, workspaceId, documentId, set.version());
        }
      } else if (!grants.isEmpty() || release.isPresent()) {
        throw new InvalidRequestException("grants", Text.of("disclosure.approval-no-grants"));
      }
      dao.insertEntry(workspaceId, documentId, entry.sequence(), encoded, caller.accountId());
      return entry.sequence();
    });
  }

  /**
   * A States-only change comes with exactly one grant per certificate in force for the States
   * it names (every certified State when it names none), for its version; other levels with
   * none. The State list it names must be this server's.
   */
  private void requireGrants(DisclosureChange.SetLevel set, List<Grant> grants,
      StateRegistry registry) {
    ChainHead named = set.stateList();
    if (named.sequence() > registry.head().sequence() || !MessageDigest.isEqual(named.hash(),
        registry.entries().get((int) named.sequence()).hash())) {
      throw new ConflictException(Text.of("disclosure.unknown-state-list"));
    }
    Set<String> expected = new HashSet<>();
    if (set.level() == DisclosureLevel.STATES_ONLY) {
      for (StateRegistry.Entry e : registry.inForce(clock.instant())) {
        if (set.states().isEmpty() || set.states().contains(e.certificate().state())) {
          Identity id = e.certificate().identity();
          expected.add(id.account() + "/" + id.device());
        }
      }
    }
    Set<String> given = new HashSet<>();
    for (Grant g : grants) {
      if (g.version() != set.version() || g.wrapped().length != KeyWrap.WRAPPED_LENGTH) {
        throw new InvalidRequestException("grants", Text.of("disclosure.grant-wrong-key",
            set.version(), KeyWrap.WRAPPED_LENGTH));
      }
      given.add(HexFormat.of().formatHex(g.accountId()) + "/"
          + HexFormat.of().formatHex(g.deviceId()));
    }
    if (given.size() != grants.size() || !given.equals(expected)) {
      throw new InvalidRequestException("grants",
          Text.of("disclosure.grants-not-certified", expected.size()));
    }
  }

  /**
   * A certified State account that a document's States-only level names but that holds no key
   * of the version it is owed yet (certified after the change was made, or the document has a
   * new version since): a member's client fulfils it.
   */
  public record Pending(byte[] documentId, long version, long disclosureSequence,
      StateRegistry.Entry certificate) {}

  /** The grants the workspace's States-only documents still owe, for a member. */
  public List<Pending> pending(Caller caller, byte[] workspaceId) {
    StateRegistry registry = states.registry();
    return jdbi.inTransaction(h -> {
      workspaces.requireMember(h, caller, workspaceId);
      List<Pending> out = new ArrayList<>();
      for (byte[] documentId : h.attach(DisclosureDao.class).disclosedDocuments(workspaceId)) {
        out.addAll(pendingFor(h, registry, workspaceId, documentId));
      }
      return out;
    });
  }

  /**
   * Adds grants that fulfil pending ones of one document: each must be owed (see
   * {@link #pending}) and wrap the key of the disclosed version.
   *
   * @return how many were added
   */
  public int fulfil(Caller caller, byte[] workspaceId, byte[] documentId, List<Grant> grants) {
    StateRegistry registry = states.registry();
    return jdbi.inTransaction(h -> {
      workspaces.requireMember(h, caller, workspaceId);
      h.attach(DocumentDao.class).lock(workspaceId, documentId)
          .orElseThrow(() -> new NotFoundProblemException(Text.of("disclosure.no-document")));
      DisclosureDao dao = h.attach(DisclosureDao.class);
      List<Pending> owed = pendingFor(h, registry, workspaceId, documentId);
      Set<String> seen = new HashSet<>();
      for (Grant g : grants) {
        Pending match = owed.stream().filter(p -> p.version() == g.version()
            && Arrays.equals(p.certificate().certificate().identity().account().toBytes(),
                g.accountId())
            && Arrays.equals(p.certificate().certificate().identity().device().toBytes(),
                g.deviceId())).findFirst().orElseThrow(() -> new InvalidRequestException(
                    "grants", Text.of("disclosure.grant-not-owed")));
        if (!seen.add(HexFormat.of().formatHex(g.accountId()))
            || g.wrapped().length != KeyWrap.WRAPPED_LENGTH) {
          throw new InvalidRequestException("grants",
              Text.of("disclosure.one-grant-per-account", KeyWrap.WRAPPED_LENGTH));
        }
        dao.insertGrant(workspaceId, documentId, g.version(), g.accountId(), g.deviceId(),
            g.wrapped(), match.disclosureSequence());
      }
      return grants.size();
    });
  }

  /**
   * What one document owes: its latest level, when States-only, holds for later versions too,
   * so each certified account it names is owed the key of the document's current version
   * (unless that version keeps its original under the same key, or the document was removed:
   * then the version the level was set at).
   */
  private List<Pending> pendingFor(Handle h, StateRegistry registry, byte[] workspaceId,
      byte[] documentId) {
    DisclosureDao dao = h.attach(DisclosureDao.class);
    List<byte[]> entries = dao.entries(workspaceId, documentId);
    for (int i = entries.size() - 1; i >= 0; i--) {
      DisclosureChange change;
      try {
        change = DisclosureChange.decode(ChainEntry.decode(entries.get(i)).payload());
      } catch (MalformedEntryException e) {
        throw new IllegalStateException("a stored disclosure entry does not decode", e);
      }
      if (change instanceof DisclosureChange.SetLevel set) {
        if (set.level() != DisclosureLevel.STATES_ONLY) {
          return List.of();
        }
        long version = owedVersion(h, workspaceId, documentId, set.version());
        Set<String> granted = new HashSet<>();
        dao.grantedAccounts(workspaceId, documentId, version)
            .forEach(a -> granted.add(HexFormat.of().formatHex(a)));
        List<Pending> out = new ArrayList<>();
        for (StateRegistry.Entry e : registry.inForce(clock.instant())) {
          Identity id = e.certificate().identity();
          if ((set.states().isEmpty() || set.states().contains(e.certificate().state()))
              && !granted.contains(id.account().toString())) {
            out.add(new Pending(documentId, version, i, e));
          }
        }
        return out;
      }
    }
    return List.of();
  }

  private static long owedVersion(Handle h, byte[] workspaceId, byte[] documentId,
      long levelVersion) {
    DocumentDao documents = h.attach(DocumentDao.class);
    DocumentRow d = documents.find(workspaceId, documentId).orElseThrow();
    if (d.deleted() || d.currentVersion() <= levelVersion) {
      return levelVersion;
    }
    boolean keepsOriginal = documents.version(workspaceId, documentId, d.currentVersion())
        .map(v -> v.originalLength() > 0).orElse(true);
    return keepsOriginal ? levelVersion : d.currentVersion();
  }

  /**
   * The versions disclosed to the caller while its State certificate is in force: empty for
   * anyone else, and for an account whose certificate was revoked or has expired (it still
   * holds its private key, so only the server can stop serving it).
   */
  public List<DisclosedRow> disclosedTo(Caller caller) {
    if (!states.certifiedNow(caller.accountId())) {
      return List.of();
    }
    return jdbi.withExtension(DisclosureDao.class, dao -> dao.disclosedTo(caller.accountId()));
  }

  private static DisclosureLog load(byte[] workspaceId, byte[] documentId,
      MembershipLog membership, List<byte[]> stored) {
    List<ChainEntry> entries = new ArrayList<>(stored.size());
    try {
      for (byte[] e : stored) {
        entries.add(ChainEntry.decode(e));
      }
      return DisclosureLog.verify(WorkspaceId.of(workspaceId), DocumentId.of(documentId),
          membership, entries, null);
    } catch (MalformedEntryException | ChainException e) {
      // Only verified entries are stored: the database was changed behind the server's back.
      throw new IllegalStateException("a stored disclosure log does not verify", e);
    }
  }

  private static void requireDocument(Handle h, byte[] workspaceId, byte[] documentId) {
    if (h.attach(DocumentDao.class).find(workspaceId, documentId).isEmpty()) {
      throw new NotFoundProblemException(Text.of("disclosure.no-document"));
    }
  }
}
