package org.palermo.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.membership.EpochWrap;
import org.palermo.security.membership.HistoryRule;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.security.membership.WorkspaceName;

/**
 * A workspace's audit log: members sign their own events under the membership log, the server
 * signs only what it observed, and rewritten, dropped, forked, rolled-back, misattributed or
 * replayed entries are refused, each with its own error. Every refusal is checked through
 * {@code extend}, {@code verify} of the whole log and {@code append} alike.
 */
class AuditLogTest {
    static final Instant AT = Instant.ofEpochSecond(1767225600);
    static final byte[] HASH = new byte[32];
    final WorkspaceId ws = WorkspaceId.random();
    final DocumentId doc = DocumentId.random();
    final IdentityKeys owner = person();
    final IdentityKeys editor = person();
    final IdentityKeys viewer = person();
    final SigningKeyPair server = SigningKeyPair.generate();
    final Map<Long, SymmetricKey> epochKeys = new HashMap<>();

    static IdentityKeys person() {
        return IdentityKeys.generate(AccountId.random(), DeviceId.random());
    }

    static Instant minute(int n) {
        return AT.plusSeconds(60L * n);
    }

    SymmetricKey epochKey(long epoch) {
        return epochKeys.computeIfAbsent(epoch, e -> SymmetricKey.generate());
    }

    static MembershipLog add(MembershipLog log, MembershipChange change, IdentityKeys author)
            throws ChainException {
        return log.extend(log.append(change, author.signing()));
    }

    MembershipLog invite(MembershipLog log, IdentityKeys who, Role role, InvitationId id)
            throws ChainException {
        return add(log, new MembershipChange.Invite(ws, id, owner.identity(), who.identity(),
                role), owner);
    }

    MembershipLog join(MembershipLog log, IdentityKeys who, Role role) throws ChainException {
        InvitationId id = InvitationId.random();
        return add(invite(log, who, role, id), new MembershipChange.Accept(ws, id), who);
    }

    MembershipLog created() throws ChainException {
        MembershipChange.Create create = new MembershipChange.Create(ws, HistoryRule.JOIN_ONWARD,
                owner.identity(), WorkspaceName.seal("Coalition", epochKey(1), ws),
                List.of(EpochWrap.make(epochKey(1), ws, 1, owner.identity())));
        return MembershipLog.verify(ws,
                List.of(MembershipLog.genesis(create, owner.signing())), null);
    }

    /** Owner (entry 0), editor (joins at 2), viewer (joins at 4). */
    MembershipLog workspace() throws ChainException {
        return join(join(created(), editor, Role.EDITOR), viewer, Role.VIEWER);
    }

    MembershipLog remove(MembershipLog log, IdentityKeys who) throws ChainException {
        List<EpochWrap> wraps = new ArrayList<>();
        log.wrapsNeededForNewEpoch(Optional.of(who.identity().account())).forEach(
                (epoch, ids) -> ids.forEach(id -> wraps.add(EpochWrap.make(epochKey(epoch), ws,
                        epoch, id))));
        return add(log, new MembershipChange.Remove(ws, who.identity().account(),
                log.currentEpoch() + 1, wraps), owner);
    }

    static long last(MembershipLog log) {
        return log.head().sequence();
    }

    AuditLog empty(MembershipLog m) {
        return AuditLog.empty(ws, m, server.publicKey());
    }

    AuditEvent.VersionPut put(Instant at, long membership, long version) {
        return new AuditEvent.VersionPut(ws, at, membership, doc, version, HASH);
    }

    AuditEvent.ServerObserved released(Instant at, long version) {
        return AuditEvent.ServerObserved.publicReleased(ws, at, doc, version);
    }

    static AuditLog add(AuditLog log, AuditEvent event, SigningKeyPair author)
            throws ChainException {
        return log.extend(log.append(event, author));
    }

    static AuditLog add(AuditLog log, AuditEvent event, IdentityKeys author)
            throws ChainException {
        return add(log, event, author.signing());
    }

    /** Signed without append's checks: what a malicious server or member could store. */
    static ChainEntry forge(AuditLog log, AuditEvent event, SigningKeyPair author) {
        return forge(log, event.encode(), author);
    }

    static ChainEntry forge(AuditLog log, byte[] payload, SigningKeyPair author) {
        List<ChainEntry> entries = log.entries();
        return entries.isEmpty()
                ? ChainEntry.genesis(ChainKind.AUDIT, author, payload)
                : ChainEntry.next(ChainKind.AUDIT, entries.get(entries.size() - 1), author,
                        payload);
    }

    /** Refused the same way by extend, by verify of the whole log, and by append. */
    static <T extends ChainException> T refused(Class<T> type, AuditLog log, AuditEvent event,
            SigningKeyPair author) {
        ChainEntry entry = forge(log, event, author);
        T e = assertThrows(type, () -> log.extend(entry));
        List<ChainEntry> all = new ArrayList<>(log.entries());
        all.add(entry);
        T whole = assertThrows(type, () -> AuditLog.verify(log.workspace(), log.membership(),
                log.serverKey(), all, null));
        assertEquals(e.getMessage(), whole.getMessage());
        IllegalArgumentException appended = assertThrows(IllegalArgumentException.class,
                () -> log.append(event, author));
        assertEquals(e.getMessage(), appended.getMessage());
        return e;
    }

    static <T extends ChainException> T refused(Class<T> type, AuditLog log, AuditEvent event,
            IdentityKeys author) {
        return refused(type, log, event, author.signing());
    }

    @Test
    void everyKind_writtenByItsAuthor_verifiesAndSaysWhoWroteEachEntry() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = empty(m);
        assertTrue(log.head().isEmpty());
        long now = last(m);
        // Entry 3 is the owner's invitation of the viewer: the owner logs it.
        ChainHead invitation = ChainHead.of(m.entries().get(3));
        log = add(log, new AuditEvent.MembershipChanged(ws, AT, now, invitation), owner);
        log = add(log, put(AT, now, 1), editor);
        log = add(log, new AuditEvent.DisclosureChanged(ws, minute(1), now, doc,
                new ChainHead(0, HASH)), editor);
        log = add(log, new AuditEvent.KeysGranted(ws, minute(1), now, doc, 1,
                List.of(AccountId.random(), AccountId.random())), viewer);
        log = add(log, new AuditEvent.SignedOff(ws, minute(2), now, doc, 1, HASH), owner);
        log = add(log, AuditEvent.ServerObserved.grantFetched(ws, minute(2), doc, 1,
                AccountId.random()), server);
        log = add(log, released(minute(3), 1), server);

        AccountId ownerAccount = owner.identity().account();
        AccountId editorAccount = editor.identity().account();
        List<AuditAuthor> expected = List.of(new AuditAuthor.Member(ownerAccount),
                new AuditAuthor.Member(editorAccount), new AuditAuthor.Member(editorAccount),
                new AuditAuthor.Member(viewer.identity().account()),
                new AuditAuthor.Member(ownerAccount), new AuditAuthor.Server(),
                new AuditAuthor.Server());
        assertEquals(expected, log.authors());
        AuditLog verified = AuditLog.verify(ws, m, server.publicKey(), log.entries(),
                log.head().orElseThrow());
        assertEquals(log.head(), verified.head());
        assertEquals(log.events(), verified.events());
        assertEquals(expected, verified.authors());
        assertEquals(new AuditAuthor.Server(), verified.authorOf(6));
        assertEquals(7, verified.entries().size());
        assertEquals(List.of(), AuditLog.verify(ws, m, server.publicKey(), List.of(), null)
                .entries());
    }

    @Test
    void pluginAction_anyMemberAnyRole_notTheServer_notAnOutsider_notARemovedMember()
            throws Exception {
        MembershipLog m = workspace();
        long now = last(m);
        AuditLog log = empty(m);
        for (IdentityKeys member : List.of(owner, editor, viewer)) {
            log = add(log, new AuditEvent.PluginAction(ws, AT, now, "cluster-checklist",
                    "cluster-1 convention:2", "status drafting"), member);
        }
        assertEquals(List.of(new AuditAuthor.Member(owner.identity().account()),
                new AuditAuthor.Member(editor.identity().account()),
                new AuditAuthor.Member(viewer.identity().account())), log.authors());
        assertEquals(log.events(), AuditLog.verify(ws, m, server.publicKey(), log.entries(),
                null).events());
        AuditEvent.PluginAction next = new AuditEvent.PluginAction(ws, minute(1), now,
                "cluster-checklist", "cluster-1 convention:2", "status submitted");
        refused(ChainException.WrongAuthor.class, log, next, server);
        refused(ChainException.WrongAuthor.class, log, next, SigningKeyPair.generate());
        MembershipLog after = remove(m, viewer);
        refused(ChainException.WrongAuthor.class, log.withMembership(after),
                new AuditEvent.PluginAction(ws, minute(1), last(after), "cluster-checklist",
                        "cluster-1 convention:2", "status submitted"), viewer);
    }

    @Test
    void changedPayloadByte_isBadSignature() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = add(add(empty(m), put(AT, last(m), 1), editor), released(AT, 1), server);
        for (int i = 0; i < 2; i++) {
            byte[] encoded = log.entries().get(i).encode();
            // A byte of the payload, just before the signature: still a well-formed event.
            encoded[encoded.length - 64 - 32 - 1] ^= 0x03;
            List<ChainEntry> rewritten = new ArrayList<>(log.entries());
            rewritten.set(i, ChainEntry.decode(encoded));
            ChainException e = assertThrows(ChainException.BadSignature.class,
                    () -> AuditLog.verify(ws, m, server.publicKey(), rewritten, null));
            assertEquals(i, e.sequence());
        }
    }

    @Test
    void droppedEntry_isGap_duplicateOrUnlinkedEntry_isFork() throws Exception {
        MembershipLog m = workspace();
        AuditLog two = add(add(empty(m), put(AT, last(m), 1), editor), put(AT, last(m), 2),
                editor);
        AuditLog three = add(two, released(AT, 2), server);
        List<ChainEntry> all = three.entries();
        assertThrows(ChainException.Gap.class, () -> AuditLog.verify(ws, m, server.publicKey(),
                List.of(all.get(0), all.get(2)), null));
        assertThrows(ChainException.Gap.class, () -> AuditLog.verify(ws, m, server.publicKey(),
                List.of(all.get(1), all.get(2)), null));
        ChainEntry otherThird = forge(two, released(AT, 1), server);
        assertThrows(ChainException.Fork.class, () -> AuditLog.verify(ws, m, server.publicKey(),
                List.of(all.get(0), all.get(1), all.get(2), otherThird), null));
        AuditLog otherBranch = add(empty(m), put(AT, last(m), 5), editor);
        ChainEntry unlinked = forge(otherBranch, put(AT, last(m), 6), editor.signing());
        assertThrows(ChainException.Fork.class, () -> AuditLog.verify(ws, m, server.publicKey(),
                List.of(all.get(0), unlinked), null));
    }

    @Test
    void olderThanPinnedHead_isRollback_otherAtPinnedHead_isFork() throws Exception {
        MembershipLog m = workspace();
        AuditLog one = add(empty(m), put(AT, last(m), 1), editor);
        AuditLog two = add(one, released(AT, 1), server);
        ChainHead pinned = two.head().orElseThrow();
        assertThrows(ChainException.Rollback.class, () -> AuditLog.verify(ws, m,
                server.publicKey(), one.entries(), pinned));
        assertThrows(ChainException.Rollback.class, () -> AuditLog.verify(ws, m,
                server.publicKey(), List.of(), pinned));
        AuditLog other = add(one, AuditEvent.ServerObserved.publicWithdrawn(ws, AT, doc, 1),
                server);
        assertThrows(ChainException.Fork.class, () -> AuditLog.verify(ws, m, server.publicKey(),
                other.entries(), pinned));
        AuditLog longer = add(two, released(minute(1), 2), server);
        assertEquals(longer.head(), AuditLog.verify(ws, m, server.publicKey(), longer.entries(),
                pinned).head());
    }

    @Test
    void serverKeySigningAMemberEvent_isWrongAuthor_memberSigningAnObservation_too()
            throws Exception {
        MembershipLog m = workspace();
        AuditLog log = empty(m);
        refused(ChainException.WrongAuthor.class, log, put(AT, last(m), 1), server);
        refused(ChainException.WrongAuthor.class, log, new AuditEvent.MembershipChanged(ws, AT,
                0, ChainHead.of(m.entries().get(0))), server);
        refused(ChainException.WrongAuthor.class, log, released(AT, 1), owner);
        refused(ChainException.WrongAuthor.class, log, released(AT, 1), editor);
    }

    @Test
    void unknownKeyOrOtherServerKey_isWrongAuthor() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = empty(m);
        refused(ChainException.WrongAuthor.class, log, put(AT, last(m), 1), person());
        refused(ChainException.WrongAuthor.class, log, released(AT, 1),
                SigningKeyPair.generate());
        AuditLog written = add(log, released(AT, 1), server);
        assertThrows(ChainException.WrongAuthor.class, () -> AuditLog.verify(ws, m,
                SigningKeyPair.generate().publicKey(), written.entries(), null),
                "verified against another server key");
    }

    @Test
    void outsider_anInviteeWhoNeverJoined_isWrongAuthor() throws Exception {
        IdentityKeys invitee = person();
        MembershipLog m = invite(workspace(), invitee, Role.EDITOR, InvitationId.random());
        assertTrue(m.identityByKeyId(invitee.signing().publicKey().keyId()).isPresent());
        ChainException e = refused(ChainException.WrongAuthor.class, empty(m),
                put(AT, last(m), 1), invitee);
        assertTrue(e.getMessage().contains("not a member"), e.getMessage());
    }

    @Test
    void authorNotYetAMemberAtTheNamedMembershipEntry_isWrongAuthor() throws Exception {
        MembershipLog m = workspace();
        // The viewer is invited at entry 3 and joins at entry 4.
        assertEquals(Optional.empty(), m.roleAt(viewer.identity().account(), 3));
        refused(ChainException.WrongAuthor.class, empty(m), put(AT, 3, 1), viewer);
        assertEquals(1, add(empty(m), put(AT, 4, 1), viewer).entries().size());
    }

    @Test
    void membershipEntryTheLogDoesNotHave_isRule() throws Exception {
        MembershipLog m = workspace();
        ChainException e = refused(ChainException.Rule.class, empty(m),
                put(AT, last(m) + 1, 1), owner);
        assertTrue(e.getMessage().contains("does not have"), e.getMessage());
    }

    @Test
    void removedMember_earlierEntriesStayValid_laterOnesRefused() throws Exception {
        MembershipLog m = workspace();
        AuditLog before = add(empty(m), put(AT, last(m), 1), editor);
        MembershipLog after = remove(m, editor);
        // Verified against the later membership log, the editor's entry still stands.
        AuditLog reverified = AuditLog.verify(ws, after, server.publicKey(), before.entries(),
                null);
        assertEquals(new AuditAuthor.Member(editor.identity().account()),
                reverified.authorOf(0));
        assertEquals(reverified.head(), before.withMembership(after).head());
        // Not a member at the removal: refused.
        refused(ChainException.WrongAuthor.class, reverified, put(minute(1), last(after), 2),
                editor);
        // Naming an entry from before the removal passes until the removal is logged ...
        AuditLog stale = add(reverified, put(minute(1), last(m), 2), editor);
        assertEquals(2, stale.entries().size());
        // ... and is refused once it is: no member may name an older membership entry.
        AuditLog logged = add(reverified, new AuditEvent.MembershipChanged(ws, minute(1),
                last(after), after.head()), owner);
        ChainException e = refused(ChainException.Rule.class, logged,
                put(minute(2), last(m), 2), editor);
        assertTrue(e.getMessage().contains("older"), e.getMessage());
    }

    @Test
    void olderMembershipEntryThanOneNamedBefore_isRule() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = add(empty(m), put(AT, last(m), 1), owner);
        refused(ChainException.Rule.class, log, put(AT, last(m) - 1, 2), owner);
        assertEquals(2, add(log, put(AT, last(m), 2), editor).entries().size());
    }

    @Test
    void timeGoingBackwards_isRule_theSameMinuteIsFine() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = add(empty(m), put(minute(5), last(m), 1), editor);
        refused(ChainException.Rule.class, log, put(minute(4), last(m), 2), editor);
        refused(ChainException.Rule.class, log, released(minute(4), 1), server);
        AuditLog same = add(log, released(minute(5), 1), server);
        assertEquals(3, add(same, put(minute(6), last(m), 2), editor).entries().size());
    }

    @Test
    void notAWholeMinute_isRefusedWhenBuiltAndAsAPayload() throws Exception {
        MembershipLog m = workspace();
        assertThrows(IllegalArgumentException.class, () -> put(AT.plusSeconds(1), last(m), 1));
        assertThrows(IllegalArgumentException.class, () -> released(AT.plusMillis(1), 1));
        byte[] payload = put(AT, last(m), 1).encode();
        payload[2 + 16 + 7] = 1; // at + 1 second
        ChainException e = assertThrows(ChainException.Rule.class,
                () -> empty(m).extend(forge(empty(m), payload, editor.signing())));
        assertTrue(e.getMessage().contains("not an audit event"), e.getMessage());
    }

    @Test
    void anotherWorkspacesEntry_replayedHere_isRule() throws Exception {
        MembershipLog m = workspace();
        // The owner is a member of a second workspace too; its audit log's first entry is
        // signed by the owner's key and links like a first entry.
        WorkspaceId otherWs = WorkspaceId.random();
        MembershipChange.Create create = new MembershipChange.Create(otherWs,
                HistoryRule.JOIN_ONWARD, owner.identity(),
                WorkspaceName.seal("Other", epochKey(1), otherWs),
                List.of(EpochWrap.make(epochKey(1), otherWs, 1, owner.identity())));
        MembershipLog otherM = MembershipLog.verify(otherWs,
                List.of(MembershipLog.genesis(create, owner.signing())), null);
        AuditLog otherLog = add(AuditLog.empty(otherWs, otherM, server.publicKey()),
                new AuditEvent.VersionPut(otherWs, AT, 0, doc, 1, HASH), owner);
        ChainEntry replayed = otherLog.entries().get(0);
        ChainException e = assertThrows(ChainException.Rule.class,
                () -> empty(m).extend(replayed));
        assertTrue(e.getMessage().contains("workspace"), e.getMessage());
        refused(ChainException.Rule.class, empty(m),
                new AuditEvent.VersionPut(otherWs, AT, 0, doc, 1, HASH), owner);
        refused(ChainException.Rule.class, empty(m),
                AuditEvent.ServerObserved.publicReleased(otherWs, AT, doc, 1), server);
    }

    @Test
    void membershipChanged_wrongHashOrMissingEntry_isRule_loggedByAnother_isWrongAuthor()
            throws Exception {
        MembershipLog m = workspace();
        AuditLog log = empty(m);
        long head = last(m);
        refused(ChainException.Rule.class, log, new AuditEvent.MembershipChanged(ws, AT, head,
                new ChainHead(head, HASH)), viewer);
        refused(ChainException.Rule.class, log, new AuditEvent.MembershipChanged(ws, AT, head,
                new ChainHead(head - 1, m.head().hash())), viewer);
        refused(ChainException.Rule.class, log, new AuditEvent.MembershipChanged(ws, AT, head,
                new ChainHead(head + 1, m.head().hash())), viewer);
        // Entry 4 is the viewer's Accept: only the viewer logs it.
        refused(ChainException.WrongAuthor.class, log, new AuditEvent.MembershipChanged(ws, AT,
                head, m.head()), owner);
        AuditLog logged = add(log, new AuditEvent.MembershipChanged(ws, AT, head, m.head()),
                viewer);
        assertEquals(new AuditAuthor.Member(viewer.identity().account()), logged.authorOf(0));
    }

    @Test
    void aPayloadThatIsNoAuditEvent_isRule() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = empty(m);
        ChainEntry entry = forge(log, new byte[] {1, 2, 3}, owner.signing());
        assertThrows(ChainException.Rule.class, () -> log.extend(entry));
    }

    @Test
    void withMembership_acceptsOnlyALaterCopyOfTheSameLog() throws Exception {
        MembershipLog m = workspace();
        AuditLog log = add(empty(m), put(AT, last(m), 1), editor);
        IdentityKeys newcomer = person();
        MembershipLog later = join(m, newcomer, Role.CONTRIBUTOR);
        refused(ChainException.Rule.class, log, put(AT, last(later), 2), editor);
        refused(ChainException.WrongAuthor.class, log, put(AT, last(m), 2), newcomer);
        AuditLog moved = log.withMembership(later);
        assertEquals(2, add(moved, put(AT, last(later), 2), newcomer).entries().size());
        assertThrows(IllegalArgumentException.class, () -> moved.withMembership(m),
                "an older copy");
        assertThrows(IllegalArgumentException.class, () -> log.withMembership(created()),
                "another history of the same workspace");
        assertThrows(IllegalArgumentException.class, () -> AuditLog.empty(WorkspaceId.random(),
                m, server.publicKey()), "another workspace's membership log");
    }
}
