package org.palermo.security.disclosure;

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
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;

/**
 * A document's disclosure log, verified from its first entry against the workspace's verified
 * membership log and replayed: the level the document has, who set it, and the approvals to
 * publish. A level is a signed decision of a member, never a flag the server keeps: a level
 * changed in storage is a bad signature (ATTACKS.md class 12), an older log than one pinned is
 * a rollback (class 15), and an entry of another document, workspace or version replayed here
 * breaks a rule (class 18).
 *
 * <p>Rules, checked in order after the chain's own ({@link ChainKind#DISCLOSURE}): the author
 * is an identity of the membership log; every payload names this workspace and document; an
 * entry names a membership entry the log has, and no older one than the entry before it; at
 * that membership entry the author is an owner or editor for a confidential or States-only
 * level, an owner to publish or approve (else a wrong author). Publishing a version, when the
 * workspace then has two or more owners, needs an earlier approval of that same version by
 * another account that is still an owner at the publishing entry's membership entry
 * (four-eyes: an approval of a removed owner, or of another version, does not count).
 *
 * <p>Instances are immutable; {@link #extend} returns a new log.
 */
public final class DisclosureLog {
    private final WorkspaceId workspace;
    private final DocumentId document;
    private final MembershipLog membership;
    private final List<ChainEntry> entries;
    private final List<DisclosureChange> changes;

    private DisclosureLog(WorkspaceId workspace, DocumentId document, MembershipLog membership,
            List<ChainEntry> entries, List<DisclosureChange> changes) {
        this.workspace = workspace;
        this.document = document;
        this.membership = membership;
        this.entries = entries;
        this.changes = changes;
    }

    /** The log of a document with no disclosure change yet: confidential. */
    public static DisclosureLog empty(WorkspaceId workspace, DocumentId document,
            MembershipLog membership) {
        return new DisclosureLog(Objects.requireNonNull(workspace, "workspace"),
                Objects.requireNonNull(document, "document"),
                Objects.requireNonNull(membership, "membership"), List.of(), List.of());
    }

    /**
     * Verifies the whole log and replays it.
     *
     * @param membership the workspace's membership log, verified
     * @param pinned the head this client verified before, or null on first use
     * @throws ChainException the first error found
     */
    public static DisclosureLog verify(WorkspaceId workspace, DocumentId document,
            MembershipLog membership, List<ChainEntry> entries, ChainHead pinned)
            throws ChainException {
        DisclosureLog log = empty(workspace, document, membership);
        for (ChainEntry entry : entries) {
            log = log.extend(entry);
        }
        ChainVerifier.checkPinned(log.entries, pinned);
        return log;
    }

    /**
     * This log extended by one more entry: only {@code next} is verified.
     *
     * @throws ChainException as {@link #verify}
     */
    public DisclosureLog extend(ChainEntry next) throws ChainException {
        new ChainVerifier(ChainKind.DISCLOSURE, (e, before) ->
                membership.identityByKeyId(e.authorKeyId()).map(Identity::signingKey))
                .verifyNext(entries, next);
        long seq = next.sequence();
        DisclosureChange change;
        try {
            change = DisclosureChange.decode(next.payload());
        } catch (MalformedEntryException e) {
            throw new ChainException.Rule(seq, "not a disclosure change");
        }
        if (!change.workspace().equals(workspace) || !change.document().equals(document)) {
            throw new ChainException.Rule(seq, "a change of another document");
        }
        long at = change.membershipSequence();
        if (at >= membership.entries().size()) {
            throw new ChainException.Rule(seq, "names a membership entry the log does not have");
        }
        if (!changes.isEmpty() && at < changes.get(changes.size() - 1).membershipSequence()) {
            throw new ChainException.Rule(seq, "names an older membership entry than the change"
                    + " before it");
        }
        AccountId author = membership.identityByKeyId(next.authorKeyId()).orElseThrow()
                .account();
        Role role = membership.roleAt(author, at).orElseThrow(() ->
                new ChainException.WrongAuthor(seq, "its author was not a member then"));
        boolean ownerNeeded = !(change instanceof DisclosureChange.SetLevel set)
                || set.level() == DisclosureLevel.PUBLIC;
        if (ownerNeeded ? role != Role.OWNER : role != Role.OWNER && role != Role.EDITOR) {
            String name = role.name().toLowerCase(java.util.Locale.ROOT);
            throw new ChainException.WrongAuthor(seq, (name.startsWith("e") || name
                    .startsWith("o") ? "an " : "a ") + name + " may not make this change");
        }
        if (change instanceof DisclosureChange.SetLevel set
                && set.level() == DisclosureLevel.PUBLIC) {
            List<AccountId> owners = membership.ownersAt(at);
            if (owners.size() >= 2 && !approvedByAnother(set.version(), author, owners)) {
                throw new ChainException.Rule(seq, "publishing needs another owner's approval"
                        + " of this version");
            }
        }
        List<ChainEntry> allEntries = new ArrayList<>(entries);
        allEntries.add(next);
        List<DisclosureChange> allChanges = new ArrayList<>(changes);
        allChanges.add(change);
        return new DisclosureLog(workspace, document, membership,
                Collections.unmodifiableList(allEntries), Collections.unmodifiableList(allChanges));
    }

    private boolean approvedByAnother(long version, AccountId publisher, List<AccountId> owners) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i) instanceof DisclosureChange.Approve approve
                    && approve.version() == version) {
                AccountId approver = membership.identityByKeyId(entries.get(i).authorKeyId())
                        .orElseThrow().account();
                if (!approver.equals(publisher) && owners.contains(approver)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Makes the next entry, {@code change} signed by {@code author}, after checking it against
     * the same rules as {@link #verify}.
     *
     * @throws IllegalArgumentException naming the rule broken
     */
    public ChainEntry append(DisclosureChange change, SigningKeyPair author) {
        ChainEntry next = entries.isEmpty()
                ? ChainEntry.genesis(ChainKind.DISCLOSURE, author, change.encode())
                : ChainEntry.next(ChainKind.DISCLOSURE, entries.get(entries.size() - 1), author,
                        change.encode());
        try {
            extend(next);
        } catch (ChainException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return next;
    }

    /**
     * For a reader outside the workspace (a State account) holding one entry and not the log:
     * the entry is written by {@code discloser} and sets this document States-only at
     * {@code version} or an earlier one (a level holds for later versions), for {@code state}
     * (named, or every State).
     *
     * <p>This proves what the discloser signed, not that the discloser belongs to the workspace:
     * a reader outside it never sees its membership log, so it compares the discloser's and the
     * author's fingerprints with the organisation over another channel.
     *
     * @throws ChainException if not
     */
    public static DisclosureChange.SetLevel verifyForReader(ChainEntry entry,
            Identity discloser, WorkspaceId workspace, DocumentId document, long version,
            org.palermo.security.states.StateCode state) throws ChainException {
        DisclosureChange.SetLevel set = verifySetLevel(entry, discloser, workspace, document);
        long seq = entry.sequence();
        if (set.version() > version) {
            throw new ChainException.Rule(seq, "does not disclose this document version");
        }
        if (set.level() != DisclosureLevel.STATES_ONLY
                || !(set.states().isEmpty() || set.states().contains(state))) {
            throw new ChainException.Rule(seq, "does not disclose it to " + state);
        }
        return set;
    }

    /**
     * For a reader without an account, holding one entry and not the log: the entry is written
     * by {@code discloser} and publishes this document's {@code version}. As with
     * {@link #verifyForReader}, this proves what the discloser signed, not that the discloser
     * belongs to the workspace or that a second owner approved: those need the membership log,
     * which only members see.
     *
     * @throws ChainException if not
     */
    public static DisclosureChange.SetLevel verifyPublication(ChainEntry entry,
            Identity discloser, WorkspaceId workspace, DocumentId document, long version)
            throws ChainException {
        DisclosureChange.SetLevel set = verifySetLevel(entry, discloser, workspace, document);
        if (set.version() != version) {
            throw new ChainException.Rule(entry.sequence(), "does not publish this version");
        }
        if (set.level() != DisclosureLevel.PUBLIC) {
            throw new ChainException.Rule(entry.sequence(), "does not publish it");
        }
        return set;
    }

    private static DisclosureChange.SetLevel verifySetLevel(ChainEntry entry,
            Identity discloser, WorkspaceId workspace, DocumentId document)
            throws ChainException {
        long seq = entry.sequence();
        try {
            entry.verifyAlone(ChainKind.DISCLOSURE, discloser.signingKey());
        } catch (java.security.SignatureException e) {
            throw new ChainException.BadSignature(seq, "not signed by the member named");
        }
        DisclosureChange change;
        try {
            change = DisclosureChange.decode(entry.payload());
        } catch (MalformedEntryException e) {
            throw new ChainException.Rule(seq, "not a disclosure change");
        }
        if (!(change instanceof DisclosureChange.SetLevel set)
                || !set.workspace().equals(workspace) || !set.document().equals(document)) {
            throw new ChainException.Rule(seq, "does not disclose this document");
        }
        return set;
    }

    /**
     * The version published now: the latest level set is public, at that version (publishing
     * holds for the version approved and published, never for later ones).
     */
    public Optional<Long> publishedVersion() {
        return current().filter(set -> set.level() == DisclosureLevel.PUBLIC)
                .map(DisclosureChange.SetLevel::version);
    }

    /** The latest level set, if any change set one. */
    public Optional<DisclosureChange.SetLevel> current() {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i) instanceof DisclosureChange.SetLevel set) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    /** The document's level now: the latest one set, confidential if none was. */
    public DisclosureLevel level() {
        return current().map(DisclosureChange.SetLevel::level).orElse(DisclosureLevel.CONFIDENTIAL);
    }

    /** The head, or empty for a log without entries. */
    public Optional<ChainHead> head() {
        return entries.isEmpty() ? Optional.empty()
                : Optional.of(ChainHead.of(entries.get(entries.size() - 1)));
    }

    public List<ChainEntry> entries() {
        return entries;
    }

    /** The changes, in log order, each beside its entry in {@link #entries}. */
    public List<DisclosureChange> changes() {
        return changes;
    }
}
