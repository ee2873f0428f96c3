package org.palermo.security.membership;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.chain.ChainVerifier;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;

/**
 * A workspace's membership log, verified from its first entry and replayed: who is a member
 * with which role, which invitations are open, which epoch is current and which epoch keys were
 * wrapped to whom.
 *
 * <p>Guarantees: a log that verifies is an unbroken signed hash chain ({@link ChainVerifier},
 * {@link ChainKind#MEMBERSHIP}) that contains the pinned head, and every entry follows the
 * rules below, checked in order; otherwise {@link #verify} and {@link #extend} throw the first
 * {@link ChainException}: a gap, fork, rollback or bad signature from the chain, a
 * {@link ChainException.WrongAuthor} when the signer is not one the rules allow for that change
 * (an unknown key, a non-owner managing members, someone else accepting or leaving), and a
 * {@link ChainException.Rule} naming the rule for anything else. So the server cannot add a
 * member no owner invited (ATTACKS.md class 4), hand an epoch key to anyone who is not a
 * current member or withhold one from a member (class 4), keep a removed member in later epochs
 * (class 16), serve an older log than one seen (class 15), or replay an entry of another
 * workspace or an accepted invitation again (class 18).
 *
 * <p>Rules:
 * <ul>
 * <li>Entry 0 is a Create signed by its owner's key; its wraps are exactly one, epoch 1, to the
 *     owner's device. No later entry is a Create. Every payload names this log's workspace.</li>
 * <li>Invite: signed by a current owner, who is the inviter named; the invitee is not a current
 *     member and has no open invitation; the invitation id is new to this log; the invitee's
 *     signing key belongs to no other identity in this log.</li>
 * <li>Accept: signed by the invitee of the open invitation with that id; the invitee becomes a
 *     member with the invitation's role, and the invitation closes.</li>
 * <li>Rekey: signed by a current owner; the epoch is the current one plus 1; the wraps are
 *     exactly {@link #wrapsNeededForNewEpoch}{@code (empty)}, no duplicate, none extra.</li>
 * <li>Remove: signed by a current owner; the member is current and not the last owner; the
 *     epoch is the current one plus 1; the wraps are exactly
 *     {@code wrapsNeededForNewEpoch(Optional.of(member))}.</li>
 * <li>ChangeRole: signed by a current owner; the member is current; the workspace keeps an
 *     owner.</li>
 * <li>Leave: signed by a current member, who leaves; not the last owner.</li>
 * </ul>
 *
 * <p>Instances are immutable; {@link #extend} returns a new log.
 */
public final class MembershipLog {
    private final WorkspaceId workspace;
    private final List<ChainEntry> entries;
    private final State state;

    private MembershipLog(WorkspaceId workspace, List<ChainEntry> entries, State state) {
        this.workspace = workspace;
        this.entries = entries;
        this.state = state;
    }

    /**
     * Verifies the whole chain (links, signatures, authors and the rules) and replays it.
     *
     * @param pinned the head this client verified before, or null on first use
     * @throws ChainException the first error found, as described above
     */
    public static MembershipLog verify(WorkspaceId workspace, List<ChainEntry> entries,
            ChainHead pinned) throws ChainException {
        Objects.requireNonNull(workspace, "workspace");
        if (entries.isEmpty()) {
            throw new ChainException.Gap(0, "the chain has no genesis entry");
        }
        State state = new State(workspace);
        List<ChainEntry> verified = new ArrayList<>(entries.size());
        for (ChainEntry entry : entries) {
            state.verifyAndApply(verified, entry);
            verified.add(entry);
        }
        ChainVerifier.checkPinned(verified, pinned);
        return new MembershipLog(workspace, List.copyOf(verified), state);
    }

    /**
     * The first entry of a new workspace's log, signed by {@code owner}, after checking it
     * against the rules.
     *
     * @throws IllegalArgumentException if {@code owner} is not the signing key of
     *     {@code create.owner()} or the Create breaks a rule (its wraps)
     */
    public static ChainEntry genesis(MembershipChange.Create create, SigningKeyPair owner) {
        ChainEntry entry = ChainEntry.genesis(ChainKind.MEMBERSHIP, owner, create.encode());
        try {
            verify(create.workspace(), List.of(entry), null);
        } catch (ChainException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return entry;
    }

    /**
     * This log extended by one more entry: only {@code next} is verified (as {@link #verify}
     * would verify it after these entries).
     *
     * @throws ChainException as {@link #verify}
     */
    public MembershipLog extend(ChainEntry next) throws ChainException {
        State copy = state.copy();
        copy.verifyAndApply(entries, next);
        List<ChainEntry> all = new ArrayList<>(entries.size() + 1);
        all.addAll(entries);
        all.add(next);
        return new MembershipLog(workspace, Collections.unmodifiableList(all), copy);
    }

    /**
     * Makes the next entry, {@code change} signed by {@code author}, after checking it against
     * the same rules as {@link #verify}. Pass the entry to the server, then {@link #extend} this
     * log with it once it is accepted.
     *
     * @throws IllegalArgumentException naming the rule broken (the message of the
     *     {@link ChainException} that {@link #extend} would throw, which is the cause)
     */
    public ChainEntry append(MembershipChange change, SigningKeyPair author) {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(author, "author");
        ChainEntry entry = ChainEntry.next(ChainKind.MEMBERSHIP, entries.get(entries.size() - 1),
                author, change.encode());
        try {
            extend(entry);
        } catch (ChainException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return entry;
    }

    public WorkspaceId workspace() {
        return workspace;
    }

    /** The last entry, to pin. */
    public ChainHead head() {
        return ChainHead.of(entries.get(entries.size() - 1));
    }

    /** Every entry, genesis first (unmodifiable). */
    public List<ChainEntry> entries() {
        return entries;
    }

    public HistoryRule historyRule() {
        return state.historyRule;
    }

    /** The workspace's sealed name from the Create entry ({@link WorkspaceName#open}), a copy. */
    public byte[] sealedName() {
        return state.sealedName.clone();
    }

    /** Current members, in order of joining. */
    public List<Member> members() {
        return List.copyOf(state.members.values());
    }

    /** The current member with this account, if any. */
    public Optional<Member> member(AccountId account) {
        return Optional.ofNullable(state.members.get(account));
    }

    /** Invitations not accepted yet, oldest first. */
    public List<Invitation> openInvitations() {
        return state.invitations.values().stream().filter(i -> !i.accepted()).toList();
    }

    /** The invitation with this id, open or accepted. */
    public Optional<Invitation> invitation(InvitationId id) {
        return Optional.ofNullable(state.invitations.get(id));
    }

    /**
     * The identity this log names with a signing key of this id: a member now or before, or an
     * invitee. Other signed structures of the workspace (manifests, disclosure changes) find
     * their author's keys here.
     */
    public Optional<Identity> identityByKeyId(byte[] keyId) {
        return Optional.ofNullable(state.identities.get(State.keyName(keyId)));
    }

    /** The highest epoch started so far (at least 1). */
    public long currentEpoch() {
        return state.currentEpoch;
    }

    /**
     * The epoch in effect right after entry {@code sequence}.
     *
     * @throws IllegalArgumentException if there is no such entry in this log
     */
    public long epochAt(long sequence) {
        requireEntry(sequence);
        long epoch = 1;
        for (long[] start : state.epochStarts) {
            if (start[0] <= sequence) {
                epoch = start[1];
            }
        }
        return epoch;
    }

    /**
     * The account's role right after entry {@code sequence}; empty if it was not a member then.
     *
     * @throws IllegalArgumentException if there is no such entry in this log
     */
    public Optional<Role> roleAt(AccountId account, long sequence) {
        requireEntry(sequence);
        Role role = null;
        for (RoleChange change : state.roleHistory.getOrDefault(account, List.of())) {
            if (change.sequence() <= sequence) {
                role = change.role();
            }
        }
        return Optional.ofNullable(role);
    }

    /**
     * The accounts that were owners right after entry {@code sequence}, in no fixed order.
     *
     * @throws IllegalArgumentException if there is no such entry in this log
     */
    public List<AccountId> ownersAt(long sequence) {
        requireEntry(sequence);
        return state.roleHistory.keySet().stream()
                .filter(a -> roleAt(a, sequence).filter(r -> r == Role.OWNER).isPresent())
                .toList();
    }

    private void requireEntry(long sequence) {
        if (sequence < 0 || sequence >= entries.size()) {
            throw new IllegalArgumentException("no entry " + sequence + " in this log (0 to "
                    + (entries.size() - 1) + ")");
        }
    }

    /** Every epoch-key wrap to that device in the log, any epoch, in log order. */
    public List<EpochWrap> wrapsFor(AccountId account, DeviceId device) {
        return state.wraps.stream()
                .filter(w -> w.account().equals(account) && w.device().equals(device))
                .toList();
    }

    /** The wrap of that epoch's key to that device, if the log has one. */
    public Optional<EpochWrap> wrapFor(long epoch, AccountId account, DeviceId device) {
        return state.wraps.stream().filter(w -> w.isFor(epoch, account, device)).findFirst();
    }

    /** Whether someone joined (Accept) or left (Leave) since the current epoch started. */
    public boolean needsRekey() {
        return state.needsRekey;
    }

    /**
     * Who must receive a wrap in the next Rekey (or Remove of {@code removing}), by epoch, in
     * ascending epoch order: for the new epoch ({@link #currentEpoch()} + 1) every member who
     * remains, in order of joining; with {@link HistoryRule#FULL_HISTORY} also, for each earlier
     * epoch, every remaining member with no wrap for it yet (epochs nobody lacks are left out).
     * The next Rekey or Remove must carry exactly these wraps.
     */
    public Map<Long, List<Identity>> wrapsNeededForNewEpoch(Optional<AccountId> removing) {
        Map<Long, List<Identity>> needed = state.wrapsNeeded(removing);
        Map<Long, List<Identity>> out = new TreeMap<>();
        needed.forEach((epoch, identities) -> out.put(epoch, List.copyOf(identities)));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "MembershipLog(workspace " + workspace + ", head " + head() + ", "
                + state.members.size() + " members, epoch " + state.currentEpoch + ")";
    }

    /** One change of an account's role; a null role: no longer a member. */
    private record RoleChange(long sequence, Role role) {
    }

    /** What a wrap is for. */
    private record WrapTarget(long epoch, AccountId account, DeviceId device) {
        @Override
        public String toString() {
            return "epoch " + epoch + " to " + account + "/" + device;
        }
    }

    /** The replayed state; mutable while entries are applied, then never changed. */
    private static final class State {
        final WorkspaceId workspace;
        final ChainVerifier verifier;
        HistoryRule historyRule;
        byte[] sealedName;
        long currentEpoch;
        boolean needsRekey;
        LinkedHashMap<AccountId, Member> members = new LinkedHashMap<>();
        LinkedHashMap<InvitationId, Invitation> invitations = new LinkedHashMap<>();
        /** Every identity named in the log, by the hex of its signing key's id. */
        HashMap<String, Identity> identities = new HashMap<>();
        HashMap<AccountId, List<RoleChange>> roleHistory = new HashMap<>();
        /** {sequence, epoch} for each epoch started. */
        ArrayList<long[]> epochStarts = new ArrayList<>();
        ArrayList<EpochWrap> wraps = new ArrayList<>();
        HashSet<WrapTarget> wrapTargets = new HashSet<>();

        State(WorkspaceId workspace) {
            this.workspace = workspace;
            this.verifier = new ChainVerifier(ChainKind.MEMBERSHIP, this::signerKey);
        }

        State copy() {
            State c = new State(workspace);
            c.historyRule = historyRule;
            c.sealedName = sealedName;
            c.currentEpoch = currentEpoch;
            c.needsRekey = needsRekey;
            c.members = new LinkedHashMap<>(members);
            c.invitations = new LinkedHashMap<>(invitations);
            c.identities = new HashMap<>(identities);
            roleHistory.forEach((account, list) ->
                    c.roleHistory.put(account, new ArrayList<>(list)));
            c.epochStarts = new ArrayList<>(epochStarts);
            c.wraps = new ArrayList<>(wraps);
            c.wrapTargets = new HashSet<>(wrapTargets);
            return c;
        }

        /** The chain's author policy: the key of the identity the entry's author id names. */
        private Optional<SigningPublicKey> signerKey(ChainEntry entry, List<ChainEntry> before) {
            if (before.isEmpty()) {
                return decodeOrNull(entry) instanceof MembershipChange.Create c
                        ? Optional.of(c.owner().signingKey())
                        : Optional.empty();
            }
            return Optional.ofNullable(identities.get(keyName(entry.authorKeyId())))
                    .map(Identity::signingKey);
        }

        void verifyAndApply(List<ChainEntry> verified, ChainEntry entry) throws ChainException {
            if (verified.isEmpty()) {
                if (entry.sequence() != 0) {
                    throw new ChainException.Gap(0, "the chain has no genesis entry");
                }
                if (!(decodeOrNull(entry) instanceof MembershipChange.Create)) {
                    throw new ChainException.Rule(0, "the first entry must create the workspace");
                }
            }
            verifier.verifyNext(verified, entry);
            apply(entry);
        }

        private static MembershipChange decodeOrNull(ChainEntry entry) {
            try {
                return MembershipChange.decode(entry.payload());
            } catch (MalformedEntryException e) {
                return null;
            }
        }

        /** Applies a signed, well-linked entry: the author's permission and the rules. */
        private void apply(ChainEntry entry) throws ChainException {
            long seq = entry.sequence();
            MembershipChange change;
            try {
                change = MembershipChange.decode(entry.payload());
            } catch (MalformedEntryException e) {
                throw new ChainException.Rule(seq, "the payload is not a membership change ("
                        + e.getMessage() + ")");
            }
            if (!change.workspace().equals(workspace)) {
                throw new ChainException.Rule(seq, "the change belongs to workspace "
                        + change.workspace() + ", not " + workspace);
            }
            if (seq == 0) {
                applyCreate((MembershipChange.Create) change);
                return;
            }
            Identity signer = identities.get(keyName(entry.authorKeyId()));
            if (change instanceof MembershipChange.Create) {
                throw new ChainException.Rule(seq, "only the first entry creates the workspace");
            } else if (change instanceof MembershipChange.Invite c) {
                applyInvite(seq, signer, c);
            } else if (change instanceof MembershipChange.Accept c) {
                applyAccept(seq, signer, c);
            } else if (change instanceof MembershipChange.Rekey c) {
                requireOwner(seq, signer, "start an epoch");
                requireNextEpoch(seq, c.epoch());
                requireWraps(seq, c.wraps(), Optional.empty());
                startEpoch(seq, c.epoch(), c.wraps());
            } else if (change instanceof MembershipChange.Remove c) {
                applyRemove(seq, signer, c);
            } else if (change instanceof MembershipChange.ChangeRole c) {
                applyChangeRole(seq, signer, c);
            } else if (change instanceof MembershipChange.Leave) {
                applyLeave(seq, signer);
            }
        }

        private void applyCreate(MembershipChange.Create c) throws ChainException {
            historyRule = c.historyRule();
            sealedName = c.sealedName();
            currentEpoch = 0;
            Identity owner = c.owner();
            identities.put(keyName(owner.signingKey().keyId()), owner);
            members.put(owner.account(), new Member(owner, Role.OWNER, 0));
            roleHistory.computeIfAbsent(owner.account(), a -> new ArrayList<>())
                    .add(new RoleChange(0, Role.OWNER));
            requireNextEpoch(0, 1);
            requireWraps(0, c.wraps(), Optional.empty());
            startEpoch(0, 1, c.wraps());
        }

        private void applyInvite(long seq, Identity signer, MembershipChange.Invite c)
                throws ChainException {
            requireOwner(seq, signer, "invite");
            if (!c.inviter().equals(signer)) {
                throw new ChainException.WrongAuthor(seq, "the inviter named is not the signer");
            }
            Identity invitee = c.invitee();
            if (members.containsKey(invitee.account())) {
                throw new ChainException.Rule(seq, "the invitee " + invitee.account()
                        + " is already a member");
            }
            for (Invitation open : invitations.values()) {
                if (!open.accepted() && open.invitee().account().equals(invitee.account())) {
                    throw new ChainException.Rule(seq, "the invitee " + invitee.account()
                            + " already has an open invitation");
                }
            }
            if (invitations.containsKey(c.invitation())) {
                throw new ChainException.Rule(seq, "the invitation id " + c.invitation()
                        + " was used before");
            }
            String key = keyName(invitee.signingKey().keyId());
            Identity known = identities.get(key);
            if (known != null && !known.equals(invitee)) {
                throw new ChainException.Rule(seq, "the invitee's signing key belongs to another"
                        + " identity in this log");
            }
            identities.put(key, invitee);
            invitations.put(c.invitation(),
                    new Invitation(c.invitation(), c.inviter(), invitee, c.role(), seq, false));
        }

        private void applyAccept(long seq, Identity signer, MembershipChange.Accept c)
                throws ChainException {
            Invitation invitation = invitations.get(c.invitation());
            if (invitation == null) {
                throw new ChainException.Rule(seq, "no invitation " + c.invitation()
                        + " in this log");
            }
            if (!invitation.invitee().equals(signer)) {
                throw new ChainException.WrongAuthor(seq, "only the invitee may accept invitation "
                        + c.invitation());
            }
            if (invitation.accepted()) {
                throw new ChainException.Rule(seq, "invitation " + c.invitation()
                        + " was already accepted");
            }
            Identity invitee = invitation.invitee();
            if (members.containsKey(invitee.account())) {
                throw new ChainException.Rule(seq, "the invitee is already a member");
            }
            invitations.put(c.invitation(), invitation.asAccepted());
            members.put(invitee.account(), new Member(invitee, invitation.role(), seq));
            roleHistory.computeIfAbsent(invitee.account(), a -> new ArrayList<>())
                    .add(new RoleChange(seq, invitation.role()));
            needsRekey = true;
        }

        private void applyRemove(long seq, Identity signer, MembershipChange.Remove c)
                throws ChainException {
            requireOwner(seq, signer, "remove members");
            Member member = requireMember(seq, c.member());
            if (member.role() == Role.OWNER && ownerCount() == 1) {
                throw new ChainException.Rule(seq, "the last owner cannot be removed");
            }
            requireNextEpoch(seq, c.epoch());
            requireWraps(seq, c.wraps(), Optional.of(c.member()));
            members.remove(c.member());
            roleHistory.get(c.member()).add(new RoleChange(seq, null));
            startEpoch(seq, c.epoch(), c.wraps());
        }

        private void applyChangeRole(long seq, Identity signer, MembershipChange.ChangeRole c)
                throws ChainException {
            requireOwner(seq, signer, "change roles");
            Member member = requireMember(seq, c.member());
            if (member.role() == Role.OWNER && c.role() != Role.OWNER && ownerCount() == 1) {
                throw new ChainException.Rule(seq, "the workspace would be left without an owner");
            }
            members.put(c.member(), member.withRole(c.role()));
            roleHistory.get(c.member()).add(new RoleChange(seq, c.role()));
        }

        private void applyLeave(long seq, Identity signer) throws ChainException {
            Member member = members.get(signer.account());
            if (member == null || !member.identity().equals(signer)) {
                throw new ChainException.WrongAuthor(seq, "only a current member may leave");
            }
            if (member.role() == Role.OWNER && ownerCount() == 1) {
                throw new ChainException.Rule(seq, "the last owner cannot leave");
            }
            members.remove(signer.account());
            roleHistory.get(signer.account()).add(new RoleChange(seq, null));
            needsRekey = true;
        }

        private void requireOwner(long seq, Identity signer, String action)
                throws ChainException.WrongAuthor {
            Member member = members.get(signer.account());
            if (member == null || !member.identity().equals(signer)
                    || !member.role().managesMembers()) {
                throw new ChainException.WrongAuthor(seq, "only a current owner may " + action);
            }
        }

        private Member requireMember(long seq, AccountId account) throws ChainException.Rule {
            Member member = members.get(account);
            if (member == null) {
                throw new ChainException.Rule(seq, account + " is not a current member");
            }
            return member;
        }

        private void requireNextEpoch(long seq, long epoch) throws ChainException.Rule {
            if (epoch != currentEpoch + 1) {
                throw new ChainException.Rule(seq, "the new epoch must be " + (currentEpoch + 1)
                        + ", not " + epoch);
            }
        }

        private long ownerCount() {
            return members.values().stream().filter(m -> m.role() == Role.OWNER).count();
        }

        /** The wraps must go to exactly the members {@link #wrapsNeeded} names, once each. */
        private void requireWraps(long seq, List<EpochWrap> given, Optional<AccountId> removing)
                throws ChainException.Rule {
            Set<WrapTarget> got = new HashSet<>();
            for (EpochWrap w : given) {
                WrapTarget t = new WrapTarget(w.epoch(), w.account(), w.device());
                if (!got.add(t)) {
                    throw new ChainException.Rule(seq, "two wraps for " + t);
                }
            }
            Set<WrapTarget> needed = new HashSet<>();
            wrapsNeeded(removing).forEach((epoch, identities) -> identities.forEach(
                    id -> needed.add(new WrapTarget(epoch, id.account(), id.device()))));
            Set<String> extra = new TreeSet<>();
            for (WrapTarget t : got) {
                if (!needed.contains(t)) {
                    extra.add(t.toString());
                }
            }
            if (!extra.isEmpty()) {
                throw new ChainException.Rule(seq, "wraps to no member who needs them: " + extra);
            }
            Set<String> missing = new TreeSet<>();
            for (WrapTarget t : needed) {
                if (!got.contains(t)) {
                    missing.add(t.toString());
                }
            }
            if (!missing.isEmpty()) {
                throw new ChainException.Rule(seq, "wraps missing: " + missing);
            }
        }

        Map<Long, List<Identity>> wrapsNeeded(Optional<AccountId> removing) {
            Objects.requireNonNull(removing, "removing");
            List<Identity> remaining = new ArrayList<>();
            for (Member m : members.values()) {
                if (removing.isEmpty() || !removing.get().equals(m.account())) {
                    remaining.add(m.identity());
                }
            }
            TreeMap<Long, List<Identity>> out = new TreeMap<>();
            if (historyRule == HistoryRule.FULL_HISTORY) {
                for (long epoch = 1; epoch <= currentEpoch; epoch++) {
                    List<Identity> lacking = new ArrayList<>();
                    for (Identity id : remaining) {
                        WrapTarget target = new WrapTarget(epoch, id.account(), id.device());
                        if (!wrapTargets.contains(target)) {
                            lacking.add(id);
                        }
                    }
                    if (!lacking.isEmpty()) {
                        out.put(epoch, lacking);
                    }
                }
            }
            out.put(currentEpoch + 1, remaining);
            return out;
        }

        private void startEpoch(long seq, long epoch, List<EpochWrap> newWraps) {
            currentEpoch = epoch;
            epochStarts.add(new long[] {seq, epoch});
            for (EpochWrap w : newWraps) {
                wraps.add(w);
                wrapTargets.add(new WrapTarget(w.epoch(), w.account(), w.device()));
            }
            needsRekey = false;
        }

        private static String keyName(byte[] keyId) {
            return HexFormat.of().formatHex(keyId);
        }
    }
}
