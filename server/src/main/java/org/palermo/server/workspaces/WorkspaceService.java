package org.palermo.server.workspaces;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.membership.EpochWrap;
import org.palermo.security.membership.Invitation;
import org.palermo.security.membership.Member;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.server.accounts.Account;
import org.palermo.server.accounts.AccountService;
import org.palermo.server.errors.AccessDeniedException;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.events.CoreEventLog;
import org.palermo.server.sessions.Caller;
import org.palermo.server.storage.VerifiedCopies;
import org.palermo.text.Text;

/**
 * Workspaces and their membership log. Clients write the log (signed entries); the server
 * verifies every entry with the same rules the clients apply, refuses what breaks them, stores
 * the entries as they came and derives members, roles, invitations and the current epoch for
 * its own access checks. It never makes or changes an entry.
 */
public final class WorkspaceService {
  /** The answer to anyone who is not a member: whether the workspace exists is not told. */
  public static final Text NOT_FOUND = Text.of("workspaces.not-found");

  private final Jdbi jdbi;
  private final Clock clock;
  private final AccountService accounts;
  private final long quotaBytes;
  private final CoreEventLog events;
  /** Verified membership logs of the workspaces used most recently. */
  private final VerifiedCopies<MembershipLog> verifiedLogs = new VerifiedCopies<>(1024);

  public WorkspaceService(Jdbi jdbi, Clock clock, AccountService accounts, long quotaBytes,
      CoreEventLog events) {
    this.jdbi = jdbi;
    this.events = events;
    this.clock = clock;
    this.accounts = accounts;
    this.quotaBytes = quotaBytes;
  }

  /** Creates a workspace from its genesis entry, which the caller signed as its owner. */
  public WorkspaceRow create(Caller caller, byte[] encodedEntry) {
    ChainEntry entry = decode(encodedEntry);
    MembershipChange change = payload(entry);
    if (!(change instanceof MembershipChange.Create create)) {
      throw new InvalidRequestException("entry", Text.of("workspaces.create-first"));
    }
    MembershipLog log;
    try {
      log = MembershipLog.verify(create.workspace(), List.of(entry), null);
    } catch (ChainException e) {
      throw refused(e);
    }
    requireRegistered(create.owner(), "entry");
    requireAuthor(caller, entry);
    byte[] id = create.workspace().toBytes();
    WorkspaceRow row = new WorkspaceRow(id, log.head().sequence(), log.head().hash(),
        log.currentEpoch(), quotaBytes, 0, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    jdbi.useTransaction(h -> {
      WorkspaceDao dao = h.attach(WorkspaceDao.class);
      if (!dao.insert(row)) {
        throw new ConflictException(Text.of("workspaces.id-taken"));
      }
      dao.insertEntry(id, entry.sequence(), entry.encode());
      derive(dao, id, log);
      events.workspaceCreated(h, id, create.owner().account().toBytes());
    });
    return row;
  }

  /**
   * Appends one entry (an invitation, an acceptance, a new epoch, a removal, a role change or
   * a departure) to the log; returns the new head's sequence number.
   */
  public long append(Caller caller, byte[] workspaceId, byte[] encodedEntry) {
    ChainEntry entry = decode(encodedEntry);
    MembershipChange change = payload(entry);
    requireAuthor(caller, entry);
    if (change instanceof MembershipChange.Invite invite) {
      requireRegistered(invite.invitee(), "entry");
    }
    return jdbi.inTransaction(h -> {
      WorkspaceDao dao = h.attach(WorkspaceDao.class);
      WorkspaceRow row = dao.lock(workspaceId)
          .orElseThrow(() -> new NotFoundProblemException(NOT_FOUND));
      requireMemberOrInvitee(dao, caller, workspaceId);
      if (entry.sequence() != row.headSequence() + 1) {
        throw new ConflictException(Text.of("workspaces.moved-on", row.headSequence()));
      }
      MembershipLog log = load(dao, workspaceId);
      MembershipLog extended;
      try {
        extended = log.extend(entry);
      } catch (ChainException e) {
        throw refused(e);
      }
      dao.insertEntry(workspaceId, entry.sequence(), entry.encode());
      dao.updateHead(workspaceId, extended.head().sequence(), extended.head().hash(),
          extended.currentEpoch());
      derive(dao, workspaceId, extended);
      if (change instanceof MembershipChange.Accept) {
        events.memberAdded(h, workspaceId, caller.accountId());
      } else if (change instanceof MembershipChange.Leave) {
        events.memberRemoved(h, workspaceId, caller.accountId());
      } else if (change instanceof MembershipChange.Remove remove) {
        events.memberRemoved(h, workspaceId, remove.member().toBytes());
      }
      return extended.head().sequence();
    });
  }

  /** The log's entries, for a member or an invitee. */
  public List<byte[]> entries(Caller caller, byte[] workspaceId) {
    return jdbi.inTransaction(h -> {
      WorkspaceDao dao = h.attach(WorkspaceDao.class);
      requireMemberOrInvitee(dao, caller, workspaceId);
      return dao.entries(workspaceId);
    });
  }

  /**
   * Stores the workspace's name sealed under an epoch's key (an owner's client does so for
   * each new epoch, so that later members can read it).
   */
  public void putName(Caller caller, byte[] workspaceId, long epoch, byte[] sealedName) {
    jdbi.useTransaction(h -> {
      WorkspaceDao dao = h.attach(WorkspaceDao.class);
      WorkspaceRow row = dao.lock(workspaceId)
          .orElseThrow(() -> new NotFoundProblemException(NOT_FOUND));
      MemberRow member = requireMember(h, caller, workspaceId);
      if (!Role.fromCode(member.role()).managesMembers()) {
        throw new AccessDeniedException(Text.of("workspaces.owners-name"));
      }
      if (epoch < 1 || epoch > row.currentEpoch()) {
        throw new InvalidRequestException("epoch",
            Text.of("workspaces.epochs", row.currentEpoch()));
      }
      dao.putName(workspaceId, epoch, sealedName);
    });
  }

  /** The sealed names of the epochs whose keys the caller holds. */
  public List<SealedNameRow> names(Caller caller, byte[] workspaceId) {
    return jdbi.inTransaction(h -> {
      MemberRow member = requireMember(h, caller, workspaceId);
      return h.attach(WorkspaceDao.class).names(workspaceId, member.firstEpoch());
    });
  }

  public List<WorkspaceSummaryRow> list(Caller caller) {
    return jdbi.withExtension(WorkspaceDao.class, dao -> dao.workspacesOf(caller.accountId()));
  }

  public List<InvitationRow> invitations(Caller caller) {
    return jdbi.withExtension(WorkspaceDao.class,
        dao -> dao.invitationsFor(caller.accountId()));
  }

  /** The caller's membership; a 404 for anyone else (who may not learn the workspace exists). */
  public MemberRow requireMember(Handle h, Caller caller, byte[] workspaceId) {
    return member(h, caller, workspaceId)
        .orElseThrow(() -> new NotFoundProblemException(NOT_FOUND));
  }

  /** The caller's membership, if the caller is a member. */
  public Optional<MemberRow> member(Handle h, Caller caller, byte[] workspaceId) {
    return h.attach(WorkspaceDao.class).member(workspaceId, caller.accountId());
  }

  private static void requireMemberOrInvitee(WorkspaceDao dao, Caller caller, byte[] ws) {
    if (dao.member(ws, caller.accountId()).isEmpty()
        && dao.invitationOf(ws, caller.accountId()).isEmpty()) {
      throw new NotFoundProblemException(NOT_FOUND);
    }
  }

  /** The workspace's membership log, as stored (every entry verified when it came). */
  public MembershipLog membershipLog(Handle h, byte[] workspaceId) {
    return load(h.attach(WorkspaceDao.class), workspaceId);
  }

  /** The stored log, verified (again only when its stored entries changed). */
  private MembershipLog load(WorkspaceDao dao, byte[] workspaceId) {
    return verifiedLogs.get(HexFormat.of().formatHex(workspaceId), dao.entries(workspaceId),
        stored -> verify(workspaceId, stored));
  }

  private static MembershipLog verify(byte[] workspaceId, List<byte[]> stored) {
    List<ChainEntry> entries = new ArrayList<>();
    try {
      for (byte[] e : stored) {
        entries.add(ChainEntry.decode(e));
      }
      return MembershipLog.verify(WorkspaceId.of(workspaceId), entries, null);
    } catch (GeneralSecurityException e) {
      // Only entries that verified were stored: the database was changed behind our back.
      throw new IllegalStateException("the stored membership log does not verify", e);
    }
  }

  /** Rebuilds what the server derives from the log: members with roles, open invitations. */
  private static void derive(WorkspaceDao dao, byte[] workspaceId, MembershipLog log) {
    dao.deleteMembers(workspaceId);
    for (Member m : log.members()) {
      Identity identity = m.identity();
      long firstEpoch = log.wrapsFor(identity.account(), identity.device()).stream()
          .mapToLong(EpochWrap::epoch).min().orElse(Long.MAX_VALUE);
      dao.insertMember(new MemberRow(workspaceId, identity.account().toBytes(),
          m.role().code(), firstEpoch));
    }
    dao.deleteInvitations(workspaceId);
    for (Invitation i : log.openInvitations()) {
      dao.insertInvitation(new InvitationRow(i.id().toBytes(), workspaceId,
          i.invitee().account().toBytes(), i.role().code()));
    }
  }

  private static ChainEntry decode(byte[] encoded) {
    try {
      return ChainEntry.decode(encoded);
    } catch (MalformedEntryException e) {
      throw new InvalidRequestException("entry", Text.of("workspaces.not-chain-entry"));
    }
  }

  private static MembershipChange payload(ChainEntry entry) {
    try {
      return MembershipChange.decode(entry.payload());
    } catch (MalformedEntryException e) {
      throw new InvalidRequestException("entry",
          Text.of("workspaces.not-membership-change"));
    }
  }

  private static InvalidRequestException refused(ChainException e) {
    // The chain's reason comes from the security module, in English only.
    return new InvalidRequestException("entry",
        Text.of("workspaces.entry-refused", e.getMessage()));
  }

  /**
   * Entries are written by the caller's own key: nobody appends in someone else's name (to a
   * membership log, or to another of the workspace's chains).
   */
  public void requireAuthor(Caller caller, ChainEntry entry) {
    Account account = accounts.findById(caller.accountId()).orElseThrow(
        () -> new NotFoundProblemException(Text.of("workspaces.account-gone")));
    try {
      byte[] keyId = SigningPublicKey.decode(account.signingKey()).keyId();
      if (!Arrays.equals(keyId, entry.authorKeyId())) {
        throw new InvalidRequestException("entry", Text.of("workspaces.not-your-key"));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored signing key does not decode", e);
    }
  }

  /** An identity named in an entry must be the keys its account registered. */
  private void requireRegistered(Identity identity, String field) {
    Account account = accounts.findById(identity.account().toBytes()).orElseThrow(
        () -> new InvalidRequestException(field, Text.of("workspaces.unknown-account")));
    if (!Arrays.equals(account.deviceId(), identity.device().toBytes())
        || !Arrays.equals(account.signingKey(), identity.signingKey().encode())
        || !Arrays.equals(account.agreementKey(), identity.agreementKey().encode())) {
      throw new InvalidRequestException(field, Text.of("workspaces.keys-mismatch"));
    }
  }
}
