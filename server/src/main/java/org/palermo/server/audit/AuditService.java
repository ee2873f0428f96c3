package org.palermo.server.audit;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.audit.AuditAuthor;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.audit.AuditLog;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.membership.MembershipLog;
import org.palermo.server.errors.ConflictException;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.sessions.Caller;
import org.palermo.server.storage.ServerSecretDao;
import org.palermo.server.workspaces.WorkspaceDao;
import org.palermo.server.workspaces.WorkspaceService;
import org.palermo.text.Text;

/**
 * Workspaces' audit logs. Members' clients append the entries they sign; the server verifies
 * each against the chain's rules and the membership log before it stores it, and appends, signed
 * with its own audit key, what only it observes. Appends to one workspace's log go one by one
 * (the workspace row is locked first, as every writer of the workspace does).
 */
public final class AuditService {
  /** Where every node finds the one audit signing key (made by the first node that needs it). */
  static final String KEY_NAME = "audit-signing-key";
  /** Verified logs kept, by workspace, so an append verifies one entry rather than all. */
  private static final int CACHED_LOGS = 256;

  private final Jdbi jdbi;
  private final WorkspaceService workspaces;
  private final Clock clock;
  private final SigningKeyPair key;
  private final Map<String, AuditLog> verified = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, AuditLog> eldest) {
      return size() > CACHED_LOGS;
    }
  };

  AuditService(Jdbi jdbi, WorkspaceService workspaces, Clock clock, SigningKeyPair key) {
    this.jdbi = jdbi;
    this.workspaces = workspaces;
    this.clock = clock;
    this.key = key;
  }

  /** The service with the installation's audit key, made now if no node made one yet. */
  public static AuditService open(Jdbi jdbi, WorkspaceService workspaces, Clock clock,
      SecureRandom random) {
    byte[] candidate = new byte[32];
    random.nextBytes(candidate);
    byte[] seed = jdbi.withExtension(ServerSecretDao.class,
        dao -> dao.ensure(KEY_NAME, candidate));
    return new AuditService(jdbi, workspaces, clock,
        SigningKeyPair.fromSeed(seed, InsecureSecretKeyAccess.get()));
  }

  /** The public half of the key that signs what the server observes. */
  public SigningPublicKey serverKey() {
    return key.publicKey();
  }

  /** The workspace's audit log from entry {@code from} on, for a member. */
  public List<byte[]> entries(Caller caller, byte[] workspaceId, long from) {
    return jdbi.inTransaction(h -> {
      workspaces.requireMember(h, caller, workspaceId);
      return h.attach(AuditDao.class).entriesFrom(workspaceId, from);
    });
  }

  /** A member's plugin action in a workspace's audit log: account id (hex) and its words. */
  public record PluginActionView(String accountId, String plugin, String subject,
      String action) {}

  /** The verified entry at {@code sequence}, when it is a member's plugin action. */
  public Optional<PluginActionView> pluginAction(byte[] workspaceId, long sequence) {
    return jdbi.inTransaction(h -> {
      AuditLog log = current(h, workspaceId);
      if (sequence < 0 || sequence >= log.events().size()
          || !(log.events().get((int) sequence) instanceof AuditEvent.PluginAction action)
          || !(log.authorOf((int) sequence) instanceof AuditAuthor.Member member)) {
        return Optional.<PluginActionView>empty();
      }
      return Optional.of(new PluginActionView(member.account().toString(), action.plugin(),
          action.subject(), action.action()));
    });
  }

  /**
   * Appends one entry a member's client signed.
   *
   * @return its sequence
   */
  public long append(Caller caller, byte[] workspaceId, byte[] encoded) {
    ChainEntry entry;
    try {
      entry = ChainEntry.decode(encoded);
    } catch (MalformedEntryException e) {
      throw new InvalidRequestException("entry", Text.of("audit.not-chain-entry"));
    }
    workspaces.requireAuthor(caller, entry);
    return jdbi.inTransaction(h -> {
      lock(h, workspaceId);
      workspaces.requireMember(h, caller, workspaceId);
      AuditLog log = current(h, workspaceId);
      if (entry.sequence() != log.entries().size()) {
        throw new ConflictException(Text.of("audit.moved-on", log.entries().size()));
      }
      AuditLog extended;
      try {
        extended = log.extend(entry);
      } catch (ChainException e) {
        // The chain's reason comes from the security module, in English only.
        throw new InvalidRequestException("entry", Text.of("audit.entry-refused",
            e.getMessage()));
      }
      AuditEvent event = extended.events().get(extended.events().size() - 1);
      long head = extended.membership().head().sequence();
      if (event instanceof AuditEvent.MemberEvent member
          && member.membershipSequence() != head) {
        throw new ConflictException(Text.of("audit.membership-moved-on",
            member.membershipSequence(), head));
      }
      store(h, workspaceId, extended);
      return entry.sequence();
    });
  }

  /**
   * Records, signed with the server's key, what only the server saw, inside the caller's
   * transaction. {@code event} is given the entry's time: this minute, or the previous
   * entry's if a client's clock ran ahead (times never go backwards in a log).
   */
  public void observe(Handle h, byte[] workspaceId,
      Function<Instant, AuditEvent.ServerObserved> event) {
    lock(h, workspaceId);
    AuditLog log = current(h, workspaceId);
    Instant at = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    List<AuditEvent> events = log.events();
    if (!events.isEmpty() && events.get(events.size() - 1).at().isAfter(at)) {
      at = events.get(events.size() - 1).at();
    }
    ChainEntry entry = log.append(event.apply(at), key);
    try {
      store(h, workspaceId, log.extend(entry));
    } catch (ChainException e) {
      throw new IllegalStateException("an entry append made does not extend the log", e);
    }
  }

  private static void lock(Handle h, byte[] workspaceId) {
    h.attach(WorkspaceDao.class).lock(workspaceId)
        .orElseThrow(() -> new NotFoundProblemException(WorkspaceService.NOT_FOUND));
  }

  private void store(Handle h, byte[] workspaceId, AuditLog extended) {
    ChainEntry last = extended.entries().get(extended.entries().size() - 1);
    h.attach(AuditDao.class).insert(workspaceId, last.sequence(), last.encode());
    // Kept once the transaction commits; if it rolls back, the next use sees another head and
    // verifies the stored log again.
    synchronized (verified) {
      verified.put(HexFormat.of().formatHex(workspaceId), extended);
    }
  }

  /**
   * The stored log, verified: the cached copy when its last entry is the stored one (checked
   * against the current membership log), else every stored entry verified again.
   */
  private AuditLog current(Handle h, byte[] workspaceId) {
    MembershipLog membership = workspaces.membershipLog(h, workspaceId);
    AuditDao dao = h.attach(AuditDao.class);
    Optional<byte[]> last = dao.last(workspaceId);
    AuditLog cached;
    synchronized (verified) {
      cached = verified.get(HexFormat.of().formatHex(workspaceId));
    }
    if (cached != null && last.isPresent() && !cached.entries().isEmpty()
        && MessageDigest.isEqual(last.get(),
            cached.entries().get(cached.entries().size() - 1).encode())
        && dao.count(workspaceId) == cached.entries().size()) {
      return cached.withMembership(membership);
    }
    WorkspaceId ws = WorkspaceId.of(workspaceId);
    List<ChainEntry> entries = new ArrayList<>();
    try {
      for (byte[] stored : dao.entries(workspaceId)) {
        entries.add(ChainEntry.decode(stored));
      }
      return AuditLog.verify(ws, membership, key.publicKey(), entries, null);
    } catch (MalformedEntryException | ChainException e) {
      // Only entries that verified were stored: the database was changed behind our back.
      throw new IllegalStateException("the stored audit log does not verify", e);
    }
  }
}
