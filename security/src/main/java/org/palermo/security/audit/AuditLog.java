package org.palermo.security.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.chain.ChainVerifier;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.membership.MembershipLog;

/**
 * A workspace's audit log, verified from its first entry against the workspace's verified
 * membership log and the server's signing key: what happened in the workspace, when (to the
 * minute) and who did it (a member's account, or the server for what only it observes). The log
 * is append-only and hash-chained, so the server cannot drop, reorder or rewrite an entry
 * unnoticed (a bad signature, a gap or a fork), serve an older log than one pinned (a rollback,
 * ATTACKS.md class 15), write a member's event in a member's name (class 4), or replay an entry
 * of another workspace (class 18).
 *
 * <p>Rules, checked in order after the chain's own ({@link ChainKind#AUDIT}; an entry's key is
 * the server's key when its author key id is that key's id, else the signing key of an identity
 * the membership log names, else the author is unknown, a wrong author): the payload is an
 * {@link AuditEvent}; it names this workspace; its time is not before the previous entry's; a
 * {@link AuditEvent.ServerObserved} is signed by the server's key, any other event by a member's
 * key (else a wrong author). A member's event names a membership entry the log has
 * ({@link ChainException.Rule} otherwise) and none older than a membership entry an earlier entry
 * of this log named (its membership sequence, or the entry a {@link AuditEvent.MembershipChanged}
 * logged): so once a member's removal is logged, that member can no longer write by naming an
 * entry from before it. The author is a member, any role, at the membership entry named (else a
 * wrong author); a {@link AuditEvent.PluginAction} asks for nothing more (any member, any role,
 * may write one). A {@link AuditEvent.MembershipChanged} logs a membership entry the log has, by
 * sequence and hash (else a rule error), that the same key signed (else a wrong author): members
 * log their own changes. A member removed later stays the author of what they wrote before.
 *
 * <p>A membership identity whose signing key is the server's key is taken for the server: it can
 * write no member's event.
 *
 * <p>Instances are immutable; {@link #extend} returns a new log.
 */
public final class AuditLog {
    private final WorkspaceId workspace;
    private final MembershipLog membership;
    private final SigningPublicKey serverKey;
    private final List<ChainEntry> entries;
    private final List<AuditEvent> events;
    private final List<AuditAuthor> authors;
    /** The newest membership entry named so far, -1 before any. */
    private final long newestNamed;

    private AuditLog(Replay replay, MembershipLog membership) {
        this.workspace = replay.workspace;
        this.membership = membership;
        this.serverKey = replay.serverKey;
        this.entries = Collections.unmodifiableList(replay.entries);
        this.events = Collections.unmodifiableList(replay.events);
        this.authors = Collections.unmodifiableList(replay.authors);
        this.newestNamed = replay.newestNamed;
    }

    /**
     * The log of a workspace with no audit entry yet.
     *
     * @param membership the workspace's membership log, verified
     * @param serverKey the server's audit signing key, as the reader knows it
     * @throws IllegalArgumentException if the membership log is another workspace's
     */
    public static AuditLog empty(WorkspaceId workspace, MembershipLog membership,
            SigningPublicKey serverKey) {
        return new AuditLog(new Replay(workspace, membership, serverKey), membership);
    }

    /**
     * Verifies the whole log and replays it.
     *
     * @param membership the workspace's membership log, verified
     * @param serverKey the server's audit signing key, as the reader knows it
     * @param pinned the head this client verified before, or null on first use
     * @throws ChainException the first error found
     * @throws IllegalArgumentException if the membership log is another workspace's
     */
    public static AuditLog verify(WorkspaceId workspace, MembershipLog membership,
            SigningPublicKey serverKey, List<ChainEntry> entries, ChainHead pinned)
            throws ChainException {
        Replay replay = new Replay(workspace, membership, serverKey);
        for (ChainEntry entry : entries) {
            replay.apply(entry);
        }
        ChainVerifier.checkPinned(replay.entries, pinned);
        return new AuditLog(replay, membership);
    }

    /**
     * This log extended by one more entry: only {@code next} is verified.
     *
     * @throws ChainException as {@link #verify}
     */
    public AuditLog extend(ChainEntry next) throws ChainException {
        Replay replay = new Replay(this);
        replay.apply(next);
        return new AuditLog(replay, membership);
    }

    /**
     * Makes the next entry, {@code event} signed by {@code author}, after checking it against
     * the same rules as {@link #verify}. Pass the entry to the server, then {@link #extend} this
     * log with it once it is accepted.
     *
     * @throws IllegalArgumentException naming the rule broken (the message of the
     *     {@link ChainException} that {@link #extend} would throw, which is the cause)
     */
    public ChainEntry append(AuditEvent event, SigningKeyPair author) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(author, "author");
        ChainEntry next = entries.isEmpty()
                ? ChainEntry.genesis(ChainKind.AUDIT, author, event.encode())
                : ChainEntry.next(ChainKind.AUDIT, entries.get(entries.size() - 1), author,
                        event.encode());
        try {
            extend(next);
        } catch (ChainException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return next;
    }

    /**
     * This log checked against a later copy of the same membership log (one that extends the
     * one it was verified with), so that new entries may name the newer membership entries.
     * The entries verified so far stay valid: a longer membership log changes nothing about its
     * earlier entries.
     *
     * @throws IllegalArgumentException if {@code later} is another workspace's log, or does not
     *     extend this log's membership log
     */
    public AuditLog withMembership(MembershipLog later) {
        Objects.requireNonNull(later, "later");
        int known = membership.entries().size();
        if (!later.workspace().equals(workspace) || later.entries().size() < known
                || !ChainHead.of(later.entries().get(known - 1)).equals(membership.head())) {
            throw new IllegalArgumentException("not a later copy of this workspace's membership"
                    + " log");
        }
        return new AuditLog(new Replay(this), later);
    }

    public WorkspaceId workspace() {
        return workspace;
    }

    /** The membership log the entries were checked against. */
    public MembershipLog membership() {
        return membership;
    }

    /** The server key the entries were checked against. */
    public SigningPublicKey serverKey() {
        return serverKey;
    }

    /** The head, or empty for a log without entries. */
    public Optional<ChainHead> head() {
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(ChainHead.of(entries.get(entries.size() - 1)));
    }

    /** Every entry, first first (unmodifiable). */
    public List<ChainEntry> entries() {
        return entries;
    }

    /** The events, in log order, each beside its entry in {@link #entries}. */
    public List<AuditEvent> events() {
        return events;
    }

    /** Who wrote each entry, beside it in {@link #entries}. */
    public List<AuditAuthor> authors() {
        return authors;
    }

    /**
     * Who wrote entry {@code index}.
     *
     * @throws IndexOutOfBoundsException if the log has no such entry
     */
    public AuditAuthor authorOf(int index) {
        return authors.get(index);
    }

    @Override
    public String toString() {
        return "AuditLog(workspace " + workspace + ", " + entries.size() + " entries"
                + head().map(h -> ", head " + h).orElse("") + ")";
    }

    /** The replayed state; mutable while entries are applied, then never changed. */
    private static final class Replay {
        final WorkspaceId workspace;
        final MembershipLog membership;
        final SigningPublicKey serverKey;
        final byte[] serverKeyId;
        final ChainVerifier verifier;
        final List<ChainEntry> entries;
        final List<AuditEvent> events;
        final List<AuditAuthor> authors;
        long newestNamed;

        Replay(WorkspaceId workspace, MembershipLog membership, SigningPublicKey serverKey) {
            this.workspace = Objects.requireNonNull(workspace, "workspace");
            this.membership = Objects.requireNonNull(membership, "membership");
            this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
            if (!membership.workspace().equals(workspace)) {
                throw new IllegalArgumentException("the membership log of workspace "
                        + membership.workspace() + ", not " + workspace);
            }
            this.serverKeyId = serverKey.keyId();
            this.verifier = new ChainVerifier(ChainKind.AUDIT, this::authorKey);
            this.entries = new ArrayList<>();
            this.events = new ArrayList<>();
            this.authors = new ArrayList<>();
            this.newestNamed = -1;
        }

        /** A copy of {@code log}'s state, to extend. */
        Replay(AuditLog log) {
            this(log.workspace, log.membership, log.serverKey);
            entries.addAll(log.entries);
            events.addAll(log.events);
            authors.addAll(log.authors);
            newestNamed = log.newestNamed;
        }

        private boolean byServer(ChainEntry entry) {
            return MessageDigest.isEqual(serverKeyId, entry.authorKeyId());
        }

        /** The chain's author policy: the server's key, or a key the membership log names. */
        private Optional<SigningPublicKey> authorKey(ChainEntry entry, List<ChainEntry> before) {
            if (byServer(entry)) {
                return Optional.of(serverKey);
            }
            return membership.identityByKeyId(entry.authorKeyId()).map(Identity::signingKey);
        }

        void apply(ChainEntry next) throws ChainException {
            Objects.requireNonNull(next, "entry");
            verifier.verifyNext(entries, next);
            long seq = next.sequence();
            AuditEvent event;
            try {
                event = AuditEvent.decode(next.payload());
            } catch (MalformedEntryException e) {
                throw new ChainException.Rule(seq, "the payload is not an audit event ("
                        + e.getMessage() + ")");
            }
            if (!event.workspace().equals(workspace)) {
                throw new ChainException.Rule(seq, "the event belongs to workspace "
                        + event.workspace() + ", not " + workspace);
            }
            if (!events.isEmpty() && event.at().isBefore(events.get(events.size() - 1).at())) {
                throw new ChainException.Rule(seq, "its time " + event.at()
                        + " is before the previous entry's");
            }
            AuditAuthor author;
            if (event instanceof AuditEvent.MemberEvent memberEvent) {
                author = checkMemberEvent(seq, next, memberEvent);
            } else {
                if (!byServer(next)) {
                    throw new ChainException.WrongAuthor(seq, "only the server records what it"
                            + " observed");
                }
                author = new AuditAuthor.Server();
            }
            entries.add(next);
            events.add(event);
            authors.add(author);
        }

        private AuditAuthor checkMemberEvent(long seq, ChainEntry next,
                AuditEvent.MemberEvent event) throws ChainException {
            if (byServer(next)) {
                throw new ChainException.WrongAuthor(seq, "the server may not write a member's"
                        + " event");
            }
            long named = event.membershipSequence();
            int size = membership.entries().size();
            if (named >= size) {
                throw new ChainException.Rule(seq, "names membership entry " + named
                        + ", which the membership log does not have (it ends at " + (size - 1)
                        + ")");
            }
            if (named < newestNamed) {
                throw new ChainException.Rule(seq, "names membership entry " + named
                        + ", older than entry " + newestNamed + " this log named before");
            }
            // The chain's author policy found the key in the membership log.
            AccountId account = membership.identityByKeyId(next.authorKeyId()).orElseThrow()
                    .account();
            if (membership.roleAt(account, named).isEmpty()) {
                throw new ChainException.WrongAuthor(seq, "its author was not a member at"
                        + " membership entry " + named);
            }
            long newest = named;
            if (event instanceof AuditEvent.MembershipChanged changed) {
                long changedSeq = changed.changed().sequence();
                if (changedSeq >= size || !ChainHead.of(membership.entries()
                        .get((int) changedSeq)).equals(changed.changed())) {
                    throw new ChainException.Rule(seq, "logs membership entry " + changedSeq
                            + ", which the membership log does not have with that hash");
                }
                if (!MessageDigest.isEqual(membership.entries().get((int) changedSeq)
                        .authorKeyId(), next.authorKeyId())) {
                    throw new ChainException.WrongAuthor(seq, "only the member who signed"
                            + " membership entry " + changedSeq + " logs it");
                }
                newest = Math.max(newest, changedSeq);
            }
            newestNamed = Math.max(newestNamed, newest);
            return new AuditAuthor.Member(account);
        }
    }
}
