package org.palermo.security.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.membership.MembershipChange.Accept;
import org.palermo.security.membership.MembershipChange.ChangeRole;
import org.palermo.security.membership.MembershipChange.Create;
import org.palermo.security.membership.MembershipChange.Invite;
import org.palermo.security.membership.MembershipChange.Leave;
import org.palermo.security.membership.MembershipChange.Rekey;
import org.palermo.security.membership.MembershipChange.Remove;

/**
 * The membership log's rules, each allowed and refused, with real keys; every refusal is
 * checked through {@code extend}, {@code verify} of the whole chain and {@code append} alike.
 * ATTACKS.md classes 4 (server-controlled membership), 15 (rollback), 16 (revocation) and 18
 * (replay).
 */
class MembershipLogTest {
    final WorkspaceId ws = WorkspaceId.random();
    final IdentityKeys owner = person();
    final IdentityKeys alice = person();
    final IdentityKeys bob = person();
    final IdentityKeys mallory = person();
    final Map<Long, SymmetricKey> epochKeys = new HashMap<>();

    static IdentityKeys person() {
        return IdentityKeys.generate(AccountId.random(), DeviceId.random());
    }

    static byte[] raw(SymmetricKey key) {
        return key.toBytes(InsecureSecretKeyAccess.get());
    }

    Create create(HistoryRule rule, List<EpochWrap> wraps) {
        return new Create(ws, rule, owner.identity(),
                WorkspaceName.seal("Evidence archive", epochKey(1), ws), wraps);
    }

    SymmetricKey epochKey(long epoch) {
        return epochKeys.computeIfAbsent(epoch, e -> SymmetricKey.generate());
    }

    EpochWrap wrap(long epoch, IdentityKeys to) {
        return EpochWrap.make(epochKey(epoch), ws, epoch, to.identity());
    }

    MembershipLog created(HistoryRule rule) throws ChainException {
        Create c = create(rule, List.of(wrap(1, owner)));
        return MembershipLog.verify(ws, List.of(MembershipLog.genesis(c, owner.signing())), null);
    }

    MembershipLog created() throws ChainException {
        return created(HistoryRule.JOIN_ONWARD);
    }

    static MembershipLog add(MembershipLog log, MembershipChange change, IdentityKeys author)
            throws ChainException {
        return log.extend(log.append(change, author.signing()));
    }

    /** An entry signed without append's checks: what a malicious server or client could send. */
    static ChainEntry forge(MembershipLog log, MembershipChange change, IdentityKeys author) {
        List<ChainEntry> entries = log.entries();
        return ChainEntry.next(ChainKind.MEMBERSHIP, entries.get(entries.size() - 1),
                author.signing(), change.encode());
    }

    /** The change is refused alike by extend, by verify of the whole chain and by append. */
    <T extends ChainException> T refused(Class<T> type, MembershipLog log, MembershipChange change,
            IdentityKeys author) {
        ChainEntry entry = forge(log, change, author);
        T e = assertThrows(type, () -> log.extend(entry));
        assertEquals(entry.sequence(), e.sequence());
        List<ChainEntry> all = new ArrayList<>(log.entries());
        all.add(entry);
        T whole = assertThrows(type, () -> MembershipLog.verify(ws, all, null));
        assertEquals(e.getMessage(), whole.getMessage());
        IllegalArgumentException appended = assertThrows(IllegalArgumentException.class,
                () -> log.append(change, author.signing()));
        assertEquals(e.getMessage(), appended.getMessage());
        return e;
    }

    static void assertMessage(ChainException e, String part) {
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    Invite invite(IdentityKeys inviter, IdentityKeys invitee, Role role) {
        return new Invite(ws, InvitationId.random(), inviter.identity(), invitee.identity(), role);
    }

    MembershipLog join(MembershipLog log, IdentityKeys who, Role role) throws ChainException {
        Invite invite = invite(owner, who, role);
        return add(add(log, invite, owner), new Accept(ws, invite.invitation()), who);
    }

    List<EpochWrap> wraps(MembershipLog log, Optional<AccountId> removing) {
        List<EpochWrap> out = new ArrayList<>();
        log.wrapsNeededForNewEpoch(removing).forEach((epoch, identities) -> identities.forEach(
                id -> out.add(EpochWrap.make(epochKey(epoch), ws, epoch, id))));
        return out;
    }

    Rekey rekey(MembershipLog log) {
        return new Rekey(ws, log.currentEpoch() + 1, wraps(log, Optional.empty()));
    }

    Remove remove(MembershipLog log, IdentityKeys member) {
        return new Remove(ws, member.account(), log.currentEpoch() + 1,
                wraps(log, Optional.of(member.account())));
    }

    static List<AccountId> accounts(MembershipLog log) {
        return log.members().stream().map(Member::account).toList();
    }

    // Create

    @Test
    void create_signedByOwner_startsEpochOneWithOwnerAsOnlyMember() throws Exception {
        MembershipLog log = created(HistoryRule.FULL_HISTORY);
        assertEquals(ws, log.workspace());
        assertEquals(HistoryRule.FULL_HISTORY, log.historyRule());
        assertEquals(1, log.currentEpoch());
        assertEquals(1, log.epochAt(0));
        assertEquals(List.of(owner.account()), accounts(log));
        Member m = log.member(owner.account()).orElseThrow();
        assertEquals(owner.identity(), m.identity());
        assertEquals(Role.OWNER, m.role());
        assertEquals(0, m.joinedAtSequence());
        assertEquals(Optional.of(Role.OWNER), log.roleAt(owner.account(), 0));
        assertEquals("Evidence archive", WorkspaceName.open(log.sealedName(), epochKey(1), ws));
        List<EpochWrap> mine = log.wrapsFor(owner.account(), owner.device());
        assertEquals(1, mine.size());
        assertArrayEquals(raw(epochKey(1)), raw(mine.get(0).open(owner.agreement(), ws)));
        assertFalse(log.needsRekey());
        assertTrue(log.openInvitations().isEmpty());
        assertEquals(ChainHead.of(log.entries().get(0)), log.head());
        assertEquals(0, log.head().sequence());
        assertTrue(log.toString().contains(ws.toString()));
    }

    @Test
    void create_signedByAnotherKey_isWrongAuthor() {
        Create c = create(HistoryRule.JOIN_ONWARD, List.of(wrap(1, owner)));
        ChainEntry byMallory =
                ChainEntry.genesis(ChainKind.MEMBERSHIP, mallory.signing(), c.encode());
        assertThrows(ChainException.WrongAuthor.class,
                () -> MembershipLog.verify(ws, List.of(byMallory), null));
        assertThrows(IllegalArgumentException.class,
                () -> MembershipLog.genesis(c, mallory.signing()));
    }

    @Test
    void create_wrapsNotExactlyOneEpochOneWrapToOwner_isRule() {
        List<List<EpochWrap>> bad = List.of(
                List.of(),
                List.of(wrap(2, owner)),
                List.of(wrap(1, owner), wrap(1, owner)),
                List.of(wrap(1, owner), wrap(1, mallory)),
                List.of(wrap(1, mallory)));
        for (List<EpochWrap> wraps : bad) {
            Create c = create(HistoryRule.JOIN_ONWARD, wraps);
            ChainEntry g = ChainEntry.genesis(ChainKind.MEMBERSHIP, owner.signing(), c.encode());
            assertThrows(ChainException.Rule.class,
                    () -> MembershipLog.verify(ws, List.of(g), null));
            assertThrows(IllegalArgumentException.class,
                    () -> MembershipLog.genesis(c, owner.signing()));
        }
    }

    @Test
    void firstEntry_notACreate_isRule_missingOrEmpty_isGap() throws Exception {
        ChainEntry invite = ChainEntry.genesis(ChainKind.MEMBERSHIP, owner.signing(),
                invite(owner, alice, Role.EDITOR).encode());
        assertMessage(assertThrows(ChainException.Rule.class,
                () -> MembershipLog.verify(ws, List.of(invite), null)), "create the workspace");
        ChainEntry garbage = ChainEntry.genesis(ChainKind.MEMBERSHIP, owner.signing(), new byte[3]);
        assertThrows(ChainException.Rule.class,
                () -> MembershipLog.verify(ws, List.of(garbage), null));
        assertThrows(ChainException.Gap.class, () -> MembershipLog.verify(ws, List.of(), null));
        MembershipLog log = join(created(), alice, Role.EDITOR);
        assertThrows(ChainException.Gap.class,
                () -> MembershipLog.verify(ws, log.entries().subList(1, 3), null));
    }

    @Test
    void create_laterInTheChain_isRule() throws Exception {
        MembershipLog log = created();
        assertMessage(refused(ChainException.Rule.class, log,
                create(HistoryRule.JOIN_ONWARD, List.of(wrap(1, owner))), owner), "first entry");
    }

    /** Class 18: a log (or entry) of one workspace served as another's. */
    @Test
    void entryOfAnotherWorkspace_isRule() throws Exception {
        MembershipLog log = created();
        WorkspaceId other = WorkspaceId.random();
        assertMessage(assertThrows(ChainException.Rule.class,
                () -> MembershipLog.verify(other, log.entries(), null)), "belongs to workspace");
        Invite elsewhere = new Invite(other, InvitationId.random(), owner.identity(),
                alice.identity(), Role.EDITOR);
        assertMessage(refused(ChainException.Rule.class, log, elsewhere, owner),
                "belongs to workspace");
        assertMessage(refused(ChainException.Rule.class, log, new Leave(other), owner),
                "belongs to workspace");
    }

    @Test
    void signedPayloadThatIsNoMembershipChange_isRule_tamperedOne_isBadSignature()
            throws Exception {
        MembershipLog log = created();
        ChainEntry last = log.entries().get(0);
        ChainEntry garbage = ChainEntry.next(ChainKind.MEMBERSHIP, last, owner.signing(),
                new byte[] {1, 9});
        assertMessage(assertThrows(ChainException.Rule.class, () -> log.extend(garbage)),
                "not a membership change");
        byte[] enc = log.append(invite(owner, alice, Role.EDITOR), owner.signing()).encode();
        enc[enc.length - 64 - 1] ^= 1; // the role byte of the payload
        ChainEntry tampered = ChainEntry.decode(enc);
        assertThrows(ChainException.BadSignature.class, () -> log.extend(tampered));
    }

    // Invite and Accept

    @Test
    void inviteAndAccept_byOwnerAndInvitee_makeAMemberAndCloseTheInvitation() throws Exception {
        MembershipLog log = created();
        Invite invite = invite(owner, alice, Role.CONTRIBUTOR);
        log = add(log, invite, owner);
        Invitation open = log.invitation(invite.invitation()).orElseThrow();
        assertFalse(open.accepted());
        assertEquals(List.of(open), log.openInvitations());
        assertEquals(owner.identity(), open.inviter());
        assertEquals(alice.identity(), open.invitee());
        assertEquals(Role.CONTRIBUTOR, open.role());
        assertEquals(1, open.sequence());
        assertTrue(log.member(alice.account()).isEmpty());
        assertFalse(log.needsRekey());
        log = add(log, new Accept(ws, invite.invitation()), alice);
        assertTrue(log.invitation(invite.invitation()).orElseThrow().accepted());
        assertTrue(log.openInvitations().isEmpty());
        Member m = log.member(alice.account()).orElseThrow();
        assertEquals(Role.CONTRIBUTOR, m.role());
        assertEquals(2, m.joinedAtSequence());
        assertEquals(alice.identity(), m.identity());
        assertEquals(List.of(owner.account(), alice.account()), accounts(log));
        assertTrue(log.needsRekey());
        assertEquals(Optional.empty(), log.roleAt(alice.account(), 1));
        assertEquals(Optional.of(Role.CONTRIBUTOR), log.roleAt(alice.account(), 2));
        assertEquals(1, log.currentEpoch());
    }

    /** Class 4: no member appears without an owner's signature. */
    @Test
    void invite_byNonOwnerOrUnknownKey_isWrongAuthor() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        assertMessage(refused(ChainException.WrongAuthor.class, log,
                invite(alice, bob, Role.VIEWER), alice), "only a current owner may invite");
        // The server's own key (unknown to the log), naming itself or the owner as inviter.
        refused(ChainException.WrongAuthor.class, log, invite(mallory, mallory, Role.OWNER),
                mallory);
        refused(ChainException.WrongAuthor.class, log, invite(owner, mallory, Role.OWNER), mallory);
        // An invitee who has not accepted yet is known to the log but is not a member.
        MembershipLog pending = add(log, invite(owner, bob, Role.VIEWER), owner);
        refused(ChainException.WrongAuthor.class, pending, invite(bob, mallory, Role.VIEWER), bob);
    }

    @Test
    void invite_naminganotherOwnerAsInviter_isWrongAuthor() throws Exception {
        MembershipLog log = join(created(), alice, Role.OWNER);
        assertMessage(refused(ChainException.WrongAuthor.class, log,
                invite(alice, bob, Role.VIEWER), owner), "inviter named is not the signer");
        add(log, invite(alice, bob, Role.VIEWER), alice); // the co-owner may invite herself
    }

    @Test
    void invite_memberAgainOrSecondOpenInvitationOrUsedId_isRule() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        assertMessage(refused(ChainException.Rule.class, log, invite(owner, alice, Role.OWNER),
                owner), "already a member");
        refused(ChainException.Rule.class, log, invite(owner, owner, Role.VIEWER), owner);
        Invite first = invite(owner, bob, Role.VIEWER);
        MembershipLog pending = add(log, first, owner);
        assertMessage(refused(ChainException.Rule.class, pending, invite(owner, bob, Role.EDITOR),
                owner), "open invitation");
        Invite reused = new Invite(ws, first.invitation(), owner.identity(), mallory.identity(),
                Role.VIEWER);
        assertMessage(refused(ChainException.Rule.class, pending, reused, owner), "used before");
        MembershipLog joined = add(pending, new Accept(ws, first.invitation()), bob);
        refused(ChainException.Rule.class, joined, reused, owner);
    }

    @Test
    void invite_signingKeyOfAnotherIdentity_isRule() throws Exception {
        MembershipLog log = created();
        Identity impostor = new Identity(AccountId.random(), DeviceId.random(),
                owner.identity().signingKey(), mallory.identity().agreementKey());
        Invite invite = new Invite(ws, InvitationId.random(), owner.identity(), impostor,
                Role.EDITOR);
        assertMessage(refused(ChainException.Rule.class, log, invite, owner), "another identity");
    }

    @Test
    void invite_formerMember_allowedAgain() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        log = add(log, new Leave(ws), alice);
        log = join(log, alice, Role.VIEWER);
        Member back = log.member(alice.account()).orElseThrow();
        assertEquals(Role.VIEWER, back.role());
        assertEquals(5, back.joinedAtSequence());
        assertEquals(Optional.of(Role.EDITOR), log.roleAt(alice.account(), 2));
        assertEquals(Optional.empty(), log.roleAt(alice.account(), 3));
        assertEquals(Optional.of(Role.VIEWER), log.roleAt(alice.account(), 5));
    }

    @Test
    void accept_bySomeoneOtherThanTheInvitee_isWrongAuthor() throws Exception {
        MembershipLog log = created();
        Invite invite = invite(owner, alice, Role.EDITOR);
        MembershipLog pending =
                add(add(log, invite, owner), invite(owner, bob, Role.VIEWER), owner);
        Accept accept = new Accept(ws, invite.invitation());
        assertMessage(refused(ChainException.WrongAuthor.class, pending, accept, owner),
                "only the invitee");
        refused(ChainException.WrongAuthor.class, pending, accept, bob);
        refused(ChainException.WrongAuthor.class, pending, accept, mallory);
    }

    /** Classes 4 and 18: no invitation, or one already accepted. */
    @Test
    void accept_unknownOrAlreadyAcceptedInvitation_isRule() throws Exception {
        MembershipLog log = created();
        Invite invite = invite(owner, alice, Role.EDITOR);
        log = add(log, invite, owner);
        assertMessage(refused(ChainException.Rule.class, log,
                new Accept(ws, InvitationId.random()), alice), "no invitation");
        log = add(log, new Accept(ws, invite.invitation()), alice);
        assertMessage(refused(ChainException.Rule.class, log,
                new Accept(ws, invite.invitation()), alice), "already accepted");
    }

    // Rekey

    @Test
    void rekey_joinOnward_wrapsOnlyTheNewEpochToEveryMember() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        Map<Long, List<Identity>> needed = log.wrapsNeededForNewEpoch(Optional.empty());
        assertEquals(Map.of(2L, List.of(owner.identity(), alice.identity())), needed);
        log = add(log, rekey(log), owner);
        assertEquals(2, log.currentEpoch());
        assertFalse(log.needsRekey());
        assertEquals(1, log.epochAt(2));
        assertEquals(2, log.epochAt(3));
        assertEquals(List.of(2L), log.wrapsFor(alice.account(), alice.device()).stream()
                .map(EpochWrap::epoch).toList());
        EpochWrap w = log.wrapFor(2, alice.account(), alice.device()).orElseThrow();
        assertArrayEquals(raw(epochKey(2)), raw(w.open(alice.agreement(), ws)));
        assertTrue(log.wrapFor(1, alice.account(), alice.device()).isEmpty());
        assertEquals(2, log.wrapsFor(owner.account(), owner.device()).size());
    }

    @Test
    void rekey_fullHistory_alsoWrapsEveryEarlierEpochAMemberLacks() throws Exception {
        MembershipLog log = join(created(HistoryRule.FULL_HISTORY), alice, Role.EDITOR);
        log = add(log, rekey(log), owner);
        log = join(log, bob, Role.VIEWER);
        Map<Long, List<Identity>> needed = log.wrapsNeededForNewEpoch(Optional.empty());
        assertEquals(List.of(1L, 2L, 3L), List.copyOf(needed.keySet()));
        assertEquals(List.of(bob.identity()), needed.get(1L));
        assertEquals(List.of(bob.identity()), needed.get(2L));
        assertEquals(List.of(owner.identity(), alice.identity(), bob.identity()), needed.get(3L));
        log = add(log, rekey(log), owner);
        for (long epoch = 1; epoch <= 3; epoch++) {
            EpochWrap w = log.wrapFor(epoch, bob.account(), bob.device()).orElseThrow();
            assertArrayEquals(raw(epochKey(epoch)), raw(w.open(bob.agreement(), ws)));
        }
        // Alice joined during epoch 1: the rekey to epoch 2 gave her epoch 1 as well.
        assertEquals(List.of(1L, 2L, 3L), log.wrapsFor(alice.account(), alice.device()).stream()
                .map(EpochWrap::epoch).toList());
        assertEquals(Map.of(4L, List.of(owner.identity(), alice.identity(), bob.identity())),
                log.wrapsNeededForNewEpoch(Optional.empty()));
    }

    @Test
    void rekey_wrongEpoch_isRule() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        List<EpochWrap> w = wraps(log, Optional.empty());
        assertMessage(refused(ChainException.Rule.class, log, new Rekey(ws, 1, w), owner),
                "new epoch must be 2");
        refused(ChainException.Rule.class, log, new Rekey(ws, 3, w), owner);
    }

    /** Class 4: an extra wrap to an outsider, a missing or a duplicate wrap are refused. */
    @Test
    void rekey_wrapsNotExactlyTheNeededOnes_isRule() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        List<EpochWrap> exact = wraps(log, Optional.empty());
        List<EpochWrap> extraOutsider = new ArrayList<>(exact);
        extraOutsider.add(wrap(2, mallory));
        assertMessage(refused(ChainException.Rule.class, log, new Rekey(ws, 2, extraOutsider),
                owner), "no member who needs them");
        List<EpochWrap> extraHistory = new ArrayList<>(exact);
        extraHistory.add(wrap(1, alice)); // join-onward: alice gets no earlier epoch
        refused(ChainException.Rule.class, log, new Rekey(ws, 2, extraHistory), owner);
        List<EpochWrap> otherDevice = new ArrayList<>(exact.subList(0, 1));
        otherDevice.add(new EpochWrap(2, alice.account(), DeviceId.random(),
                exact.get(1).wrapped()));
        refused(ChainException.Rule.class, log, new Rekey(ws, 2, otherDevice), owner);
        assertMessage(refused(ChainException.Rule.class, log, new Rekey(ws, 2, exact.subList(0, 1)),
                owner), "wraps missing");
        List<EpochWrap> duplicate = new ArrayList<>(exact);
        duplicate.add(exact.get(1));
        assertMessage(refused(ChainException.Rule.class, log, new Rekey(ws, 2, duplicate), owner),
                "two wraps");
        add(log, new Rekey(ws, 2, List.of(exact.get(1), exact.get(0))), owner); // any order
    }

    @Test
    void rekey_byNonOwner_isWrongAuthor() throws Exception {
        MembershipLog log = join(created(), alice, Role.EDITOR);
        assertMessage(refused(ChainException.WrongAuthor.class, log, rekey(log), alice),
                "only a current owner");
        refused(ChainException.WrongAuthor.class, log, rekey(log), mallory);
    }

    // Remove

    /** Class 16: a removed member gets no key of any later epoch. */
    @Test
    void remove_byOwner_startsAnEpochWithoutTheMember() throws Exception {
        MembershipLog log = join(join(created(), alice, Role.EDITOR), bob, Role.VIEWER);
        log = add(log, rekey(log), owner);
        assertEquals(Map.of(3L, List.of(owner.identity(), bob.identity())),
                log.wrapsNeededForNewEpoch(Optional.of(alice.account())));
        log = add(log, remove(log, alice), owner);
        long removedAt = log.head().sequence();
        assertEquals(3, log.currentEpoch());
        assertEquals(List.of(owner.account(), bob.account()), accounts(log));
        assertTrue(log.member(alice.account()).isEmpty());
        assertEquals(Optional.of(Role.EDITOR), log.roleAt(alice.account(), removedAt - 1));
        assertEquals(Optional.empty(), log.roleAt(alice.account(), removedAt));
        assertEquals(3, log.epochAt(removedAt));
        log = add(log, rekey(log), owner);
        assertEquals(List.of(2L), log.wrapsFor(alice.account(), alice.device()).stream()
                .map(EpochWrap::epoch).toList());
        assertEquals(List.of(2L, 3L, 4L), log.wrapsFor(bob.account(), bob.device()).stream()
                .map(EpochWrap::epoch).toList());
        // A wrap to her in any later epoch is refused.
        List<EpochWrap> withAlice = new ArrayList<>(wraps(log, Optional.empty()));
        withAlice.add(wrap(5, alice));
        assertMessage(refused(ChainException.Rule.class, log, new Rekey(ws, 5, withAlice), owner),
                "no member who needs them");
    }

    @Test
    void remove_wrapToTheRemovedMemberOrWrongEpochOrMissingWrap_isRule() throws Exception {
        MembershipLog log = join(join(created(), alice, Role.EDITOR), bob, Role.VIEWER);
        List<EpochWrap> withAlice = wraps(log, Optional.empty());
        assertMessage(refused(ChainException.Rule.class, log,
                new Remove(ws, alice.account(), 2, withAlice), owner), "no member who needs them");
        List<EpochWrap> right = wraps(log, Optional.of(alice.account()));
        refused(ChainException.Rule.class, log, new Remove(ws, alice.account(), 3, right), owner);
        refused(ChainException.Rule.class, log, new Remove(ws, alice.account(), 1, right), owner);
        refused(ChainException.Rule.class, log,
                new Remove(ws, alice.account(), 2, right.subList(0, 1)), owner);
    }

    @Test
    void remove_nonMemberOrPendingInviteeOrLastOwner_isRule() throws Exception {
        MembershipLog log = add(join(created(), alice, Role.EDITOR),
                invite(owner, bob, Role.VIEWER), owner);
        assertMessage(refused(ChainException.Rule.class, log, remove(log, bob), owner),
                "not a current member");
        refused(ChainException.Rule.class, log, remove(log, mallory), owner);
        assertMessage(refused(ChainException.Rule.class, log, remove(log, owner), owner),
                "last owner");
    }

    @Test
    void remove_ownerRemovesSelfWithACoOwner_allowed_byNonOwner_isWrongAuthor() throws Exception {
        MembershipLog log = join(join(created(), alice, Role.OWNER), bob, Role.EDITOR);
        assertMessage(refused(ChainException.WrongAuthor.class, log, remove(log, alice), bob),
                "only a current owner");
        refused(ChainException.WrongAuthor.class, log, remove(log, bob), mallory);
        log = add(log, remove(log, owner), owner);
        assertEquals(List.of(alice.account(), bob.account()), accounts(log));
        // The former owner's key is known to the log but no longer allowed.
        refused(ChainException.WrongAuthor.class, log, remove(log, bob), owner);
        add(log, remove(log, bob), alice);
    }

    // ChangeRole

    @Test
    void changeRole_byOwner_changesTheRoleAndKeepsJoinOrder() throws Exception {
        MembershipLog log = join(join(created(), alice, Role.VIEWER), bob, Role.EDITOR);
        log = add(log, new ChangeRole(ws, alice.account(), Role.OWNER), owner);
        long at = log.head().sequence();
        assertEquals(Role.OWNER, log.member(alice.account()).orElseThrow().role());
        assertEquals(2, log.member(alice.account()).orElseThrow().joinedAtSequence());
        assertEquals(List.of(owner.account(), alice.account(), bob.account()), accounts(log));
        assertEquals(Optional.of(Role.VIEWER), log.roleAt(alice.account(), at - 1));
        assertEquals(Optional.of(Role.OWNER), log.roleAt(alice.account(), at));
        // The new owner may now manage members; the first owner may step down.
        log = add(log, new ChangeRole(ws, owner.account(), Role.EDITOR), owner);
        log = add(log, invite(alice, mallory, Role.VIEWER), alice);
        assertEquals(Role.EDITOR, log.member(owner.account()).orElseThrow().role());
        refused(ChainException.WrongAuthor.class, log, rekey(log), owner);
    }

    @Test
    void changeRole_lastOwnerStepsDownOrNonMember_isRule_byNonOwner_isWrongAuthor()
            throws Exception {
        MembershipLog log = add(join(created(), alice, Role.EDITOR),
                invite(owner, bob, Role.VIEWER), owner);
        assertMessage(refused(ChainException.Rule.class, log,
                new ChangeRole(ws, owner.account(), Role.EDITOR), owner), "without an owner");
        assertMessage(refused(ChainException.Rule.class, log,
                new ChangeRole(ws, bob.account(), Role.EDITOR), owner), "not a current member");
        assertMessage(refused(ChainException.WrongAuthor.class, log,
                new ChangeRole(ws, alice.account(), Role.OWNER), alice), "only a current owner");
        refused(ChainException.WrongAuthor.class, log,
                new ChangeRole(ws, alice.account(), Role.OWNER), mallory);
        add(log, new ChangeRole(ws, owner.account(), Role.OWNER), owner); // no change: allowed
    }

    // Leave

    @Test
    void leave_byMember_removesThemAndAsksForARekey() throws Exception {
        MembershipLog log = join(join(created(), alice, Role.EDITOR), bob, Role.VIEWER);
        log = add(log, rekey(log), owner);
        assertFalse(log.needsRekey());
        log = add(log, new Leave(ws), alice);
        assertTrue(log.needsRekey());
        assertEquals(List.of(owner.account(), bob.account()), accounts(log));
        assertEquals(Map.of(3L, List.of(owner.identity(), bob.identity())),
                log.wrapsNeededForNewEpoch(Optional.empty()));
        log = add(log, rekey(log), owner);
        assertFalse(log.needsRekey());
        assertTrue(log.wrapFor(3, alice.account(), alice.device()).isEmpty());
    }

    @Test
    void leave_lastOwner_isRule_nonMember_isWrongAuthor() throws Exception {
        MembershipLog log = add(join(created(), alice, Role.EDITOR),
                invite(owner, bob, Role.VIEWER), owner);
        assertMessage(refused(ChainException.Rule.class, log, new Leave(ws), owner),
                "last owner");
        assertMessage(refused(ChainException.WrongAuthor.class, log, new Leave(ws), bob),
                "only a current member");
        refused(ChainException.WrongAuthor.class, log, new Leave(ws), mallory);
        MembershipLog left = add(log, new Leave(ws), alice);
        refused(ChainException.WrongAuthor.class, left, new Leave(ws), alice);
        MembershipLog twoOwners = join(created(), alice, Role.OWNER);
        add(twoOwners, new Leave(ws), owner);
    }

    // The chain underneath

    /** Class 15: a server serving an older log than the client pinned. */
    @Test
    void verify_olderThanPinnedHead_isRollback_differentAtPinnedHead_isFork() throws Exception {
        MembershipLog log = join(join(created(), alice, Role.EDITOR), bob, Role.VIEWER);
        ChainHead pinned = log.head();
        assertThrows(ChainException.Rollback.class,
                () -> MembershipLog.verify(ws, log.entries().subList(0, 3), pinned));
        // A split view: the same first three entries, then the server's own history.
        MembershipLog common = MembershipLog.verify(ws, log.entries().subList(0, 3), null);
        MembershipLog split = join(common, mallory, Role.VIEWER);
        assertThrows(ChainException.Fork.class,
                () -> MembershipLog.verify(ws, split.entries(), pinned));
        assertEquals(pinned, MembershipLog.verify(ws, log.entries(), pinned).head());
        ChainHead earlier = ChainHead.of(log.entries().get(2));
        assertEquals(pinned, MembershipLog.verify(ws, log.entries(), earlier).head());
    }

    @Test
    void extendStepByStep_andVerifyWhole_agree() throws Exception {
        MembershipLog log = join(join(created(HistoryRule.FULL_HISTORY), alice, Role.EDITOR), bob,
                Role.VIEWER);
        log = add(log, rekey(log), owner);
        log = add(log, new ChangeRole(ws, bob.account(), Role.CONTRIBUTOR), owner);
        log = add(log, remove(log, alice), owner);
        MembershipLog again = MembershipLog.verify(ws, log.entries(), null);
        assertEquals(log.head(), again.head());
        assertEquals(log.members(), again.members());
        assertEquals(log.currentEpoch(), again.currentEpoch());
        assertEquals(log.wrapsFor(bob.account(), bob.device()),
                again.wrapsFor(bob.account(), bob.device()));
        assertEquals(log.wrapsNeededForNewEpoch(Optional.empty()),
                again.wrapsNeededForNewEpoch(Optional.empty()));
        // Decoded entries verify the same.
        List<ChainEntry> decoded = new ArrayList<>();
        for (ChainEntry e : log.entries()) {
            decoded.add(ChainEntry.decode(e.encode()));
        }
        assertEquals(log.head(), MembershipLog.verify(ws, decoded, log.head()).head());
    }

    @Test
    void extendAndAppend_leaveTheLogUnchanged() throws Exception {
        MembershipLog log = created();
        ChainEntry next = log.append(invite(owner, alice, Role.EDITOR), owner.signing());
        MembershipLog longer = log.extend(next);
        assertEquals(1, log.entries().size());
        assertEquals(2, longer.entries().size());
        assertTrue(log.openInvitations().isEmpty());
        assertEquals(1, longer.openInvitations().size());
        assertThrows(UnsupportedOperationException.class, () -> longer.entries().add(next));
        assertThrows(ChainException.Fork.class, () -> longer.extend(next));
    }

    @Test
    void queries_outOfRangeSequence_refused() throws Exception {
        MembershipLog log = created();
        assertThrows(IllegalArgumentException.class, () -> log.epochAt(1));
        assertThrows(IllegalArgumentException.class, () -> log.epochAt(-1));
        assertThrows(IllegalArgumentException.class, () -> log.roleAt(owner.account(), 1));
        assertEquals(Optional.empty(), log.roleAt(alice.account(), 0));
        assertTrue(log.wrapsFor(alice.account(), alice.device()).isEmpty());
        assertTrue(log.invitation(InvitationId.random()).isEmpty());
        byte[] name = log.sealedName();
        name[0] ^= 1;
        assertEquals("Evidence archive", WorkspaceName.open(log.sealedName(), epochKey(1), ws));
    }
}
