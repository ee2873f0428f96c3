package org.palermo.security.disclosure;

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
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.membership.EpochWrap;
import org.palermo.security.membership.HistoryRule;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.security.membership.WorkspaceName;
import org.palermo.security.states.StateCode;

/**
 * A document's disclosure log: levels are members' signed decisions under the membership log,
 * publishing in a workspace of two or more owners waits for another owner's approval of that
 * version, and rewritten, replayed or rolled-back entries are refused.
 */
class DisclosureLogTest {
    static final Instant AT = Instant.ofEpochSecond(1767225600);
    static final ChainHead LIST = new ChainHead(3, new byte[32]);
    final WorkspaceId ws = WorkspaceId.random();
    final DocumentId doc = DocumentId.random();
    final IdentityKeys owner = person();
    final IdentityKeys second = person();
    final IdentityKeys editor = person();
    final IdentityKeys viewer = person();
    final Map<Long, SymmetricKey> epochKeys = new HashMap<>();

    static IdentityKeys person() {
        return IdentityKeys.generate(AccountId.random(), DeviceId.random());
    }

    SymmetricKey epochKey(long epoch) {
        return epochKeys.computeIfAbsent(epoch, e -> SymmetricKey.generate());
    }

    MembershipLog add(MembershipLog log, MembershipChange change, IdentityKeys author)
            throws ChainException {
        return log.extend(log.append(change, author.signing()));
    }

    MembershipLog join(MembershipLog log, IdentityKeys who, Role role) throws ChainException {
        MembershipChange.Invite invite = new MembershipChange.Invite(ws, InvitationId.random(),
                owner.identity(), who.identity(), role);
        return add(add(log, invite, owner), new MembershipChange.Accept(ws, invite.invitation()),
                who);
    }

    /** Owner, editor and viewer; with {@code twoOwners}, a second owner too. */
    MembershipLog workspace(boolean twoOwners) throws ChainException {
        MembershipChange.Create create = new MembershipChange.Create(ws, HistoryRule.FULL_HISTORY,
                owner.identity(), WorkspaceName.seal("Coalition", epochKey(1), ws),
                List.of(EpochWrap.make(epochKey(1), ws, 1, owner.identity())));
        MembershipLog log = MembershipLog.verify(ws,
                List.of(MembershipLog.genesis(create, owner.signing())), null);
        log = join(log, editor, Role.EDITOR);
        log = join(log, viewer, Role.VIEWER);
        return twoOwners ? join(log, second, Role.OWNER) : log;
    }

    static long last(MembershipLog log) {
        return log.head().sequence();
    }

    DisclosureChange.SetLevel set(MembershipLog log, long version, DisclosureLevel level,
            String... states) {
        return new DisclosureChange.SetLevel(ws, doc, version, last(log), AT, level,
                java.util.Arrays.stream(states).map(StateCode::new).toList(), LIST);
    }

    DisclosureChange.Approve approve(MembershipLog log, long version) {
        return new DisclosureChange.Approve(ws, doc, version, last(log), AT);
    }

    static DisclosureLog add(DisclosureLog log, DisclosureChange change, IdentityKeys author)
            throws ChainException {
        return log.extend(log.append(change, author.signing()));
    }

    /** Signed without append's checks: what a malicious server or member could store. */
    static ChainEntry forge(DisclosureLog log, DisclosureChange change, IdentityKeys author) {
        List<ChainEntry> entries = log.entries();
        return entries.isEmpty()
                ? ChainEntry.genesis(ChainKind.DISCLOSURE, author.signing(), change.encode())
                : ChainEntry.next(ChainKind.DISCLOSURE, entries.get(entries.size() - 1),
                        author.signing(), change.encode());
    }

    <T extends ChainException> T refused(Class<T> type, DisclosureLog log,
            DisclosureChange change, IdentityKeys author, MembershipLog membership) {
        ChainEntry entry = forge(log, change, author);
        T e = assertThrows(type, () -> log.extend(entry));
        List<ChainEntry> all = new ArrayList<>(log.entries());
        all.add(entry);
        T whole = assertThrows(type, () -> DisclosureLog.verify(ws, doc, membership, all, null));
        assertEquals(e.getMessage(), whole.getMessage());
        assertThrows(IllegalArgumentException.class, () -> log.append(change, author.signing()));
        return e;
    }

    @Test
    void aDocumentIsConfidential_untilAMemberSetsAnotherLevel() throws Exception {
        MembershipLog m = workspace(false);
        DisclosureLog log = DisclosureLog.empty(ws, doc, m);
        assertEquals(DisclosureLevel.CONFIDENTIAL, log.level());
        assertTrue(log.head().isEmpty());
        log = add(log, set(m, 1, DisclosureLevel.STATES_ONLY, "MEX", "ZWE"), editor);
        assertEquals(DisclosureLevel.STATES_ONLY, log.level());
        assertEquals(List.of(new StateCode("MEX"), new StateCode("ZWE")),
                log.current().orElseThrow().states());
        DisclosureLog verified = DisclosureLog.verify(ws, doc, m, log.entries(), null);
        assertEquals(log.head(), verified.head());
        log = add(log, set(m, 2, DisclosureLevel.PUBLIC), owner);
        assertEquals(DisclosureLevel.PUBLIC, log.level(), "a lone owner publishes alone");
        log = add(log, set(m, 2, DisclosureLevel.CONFIDENTIAL), owner);
        assertEquals(DisclosureLevel.CONFIDENTIAL, log.level(), "un-published");
    }

    @Test
    void roles_viewersDiscloseNothing_editorsDoNotPublish_outsidersSignNothing()
            throws Exception {
        MembershipLog m = workspace(false);
        DisclosureLog log = DisclosureLog.empty(ws, doc, m);
        refused(ChainException.WrongAuthor.class, log, set(m, 1, DisclosureLevel.STATES_ONLY),
                viewer, m);
        refused(ChainException.WrongAuthor.class, log, set(m, 1, DisclosureLevel.PUBLIC), editor,
                m);
        refused(ChainException.WrongAuthor.class, log, approve(m, 1), editor, m);
        refused(ChainException.WrongAuthor.class, log, set(m, 1, DisclosureLevel.STATES_ONLY),
                person(), m);
    }

    @Test
    void fourEyes_aLoneOwnerOfTwoCannotPublish_anApprovalCountsForItsVersionOnly()
            throws Exception {
        MembershipLog m = workspace(true);
        DisclosureLog log = DisclosureLog.empty(ws, doc, m);
        refused(ChainException.Rule.class, log, set(m, 1, DisclosureLevel.PUBLIC), owner, m);
        DisclosureLog selfApproved = add(log, approve(m, 1), owner);
        refused(ChainException.Rule.class, selfApproved, set(m, 1, DisclosureLevel.PUBLIC), owner,
                m);
        DisclosureLog approved = add(log, approve(m, 1), second);
        refused(ChainException.Rule.class, approved, set(m, 2, DisclosureLevel.PUBLIC), owner, m);
        DisclosureLog published = add(approved, set(m, 1, DisclosureLevel.PUBLIC), owner);
        assertEquals(DisclosureLevel.PUBLIC, published.level());
    }

    @Test
    void fourEyes_theApprovalOfARemovedOwnerDoesNotCount() throws Exception {
        MembershipLog m = workspace(true);
        DisclosureLog approved = add(DisclosureLog.empty(ws, doc, m), approve(m, 1), second);
        List<EpochWrap> wraps = new ArrayList<>();
        m.wrapsNeededForNewEpoch(Optional.of(second.identity().account())).forEach(
                (epoch, ids) -> ids.forEach(id -> wraps.add(EpochWrap.make(epochKey(epoch), ws,
                        epoch, id))));
        MembershipLog after = add(m, new MembershipChange.Remove(ws,
                second.identity().account(), m.currentEpoch() + 1, wraps), owner);
        // Owner alone now: the rule no longer asks for an approval, so bring a third owner in.
        IdentityKeys third = person();
        MembershipLog three = join(after, third, Role.OWNER);
        DisclosureLog sameLog = DisclosureLog.verify(ws, doc, three, approved.entries(), null);
        refused(ChainException.Rule.class, sameLog, set(three, 1, DisclosureLevel.PUBLIC), owner,
                three);
    }

    @Test
    void replayedRewrittenOrOlderEntries_areRefused_classes12_15_18() throws Exception {
        MembershipLog m = workspace(false);
        DisclosureLog log = add(DisclosureLog.empty(ws, doc, m),
                set(m, 1, DisclosureLevel.STATES_ONLY), owner);
        ChainHead pinned = log.head().orElseThrow();
        DisclosureLog longer = add(log, set(m, 1, DisclosureLevel.CONFIDENTIAL), owner);

        // Class 18: a change of another document (or workspace) replayed into this log.
        DisclosureChange other = new DisclosureChange.SetLevel(ws, DocumentId.random(), 1,
                last(m), AT, DisclosureLevel.PUBLIC, List.of(), LIST);
        refused(ChainException.Rule.class, longer, other, owner, m);
        // Class 12: the level rewritten in storage.
        byte[] encoded = longer.entries().get(1).encode();
        encoded[encoded.length - 64 - 4 - 32 - 8 - 1] = (byte) DisclosureLevel.PUBLIC.code();
        List<ChainEntry> rewritten = List.of(longer.entries().get(0), ChainEntry.decode(encoded));
        assertThrows(ChainException.BadSignature.class,
                () -> DisclosureLog.verify(ws, doc, m, rewritten, null));
        // Class 15: an older log than the one pinned.
        assertThrows(ChainException.Rollback.class, () -> DisclosureLog.verify(ws, doc, m,
                List.of(), pinned));
        DisclosureLog fine = DisclosureLog.verify(ws, doc, m, longer.entries(), pinned);
        assertEquals(DisclosureLevel.CONFIDENTIAL, fine.level());
        // An entry may not name a membership entry older than the one before it, nor one the log
        // does not have.
        refused(ChainException.Rule.class, longer, new DisclosureChange.Approve(ws, doc, 1,
                last(m) - 1, AT), owner, m);
        refused(ChainException.Rule.class, longer, new DisclosureChange.Approve(ws, doc, 1,
                last(m) + 1, AT), owner, m);
    }

    @Test
    void aReaderOutsideTheWorkspace_checksOneEntry_itsAuthorItsDocumentAndItsState()
            throws Exception {
        MembershipLog m = workspace(false);
        DisclosureLog log = add(DisclosureLog.empty(ws, doc, m),
                set(m, 3, DisclosureLevel.STATES_ONLY, "MEX"), editor);
        ChainEntry entry = log.entries().get(0);
        StateCode mex = new StateCode("MEX");
        assertEquals(DisclosureLevel.STATES_ONLY, DisclosureLog.verifyForReader(entry,
                editor.identity(), ws, doc, 3, mex).level());
        assertThrows(ChainException.BadSignature.class, () -> DisclosureLog.verifyForReader(
                entry, owner.identity(), ws, doc, 3, mex), "another member's keys");
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyForReader(entry,
                editor.identity(), ws, doc, 2, mex), "an earlier version");
        assertEquals(3, DisclosureLog.verifyForReader(entry, editor.identity(), ws, doc, 4, mex)
                .version(), "the level holds for later versions");
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyForReader(entry,
                editor.identity(), ws, DocumentId.random(), 3, mex), "another document");
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyForReader(entry,
                editor.identity(), ws, doc, 3, new StateCode("ZWE")), "another State");
        DisclosureLog all = add(log, set(m, 3, DisclosureLevel.STATES_ONLY), owner);
        assertEquals(List.of(), DisclosureLog.verifyForReader(all.entries().get(1),
                owner.identity(), ws, doc, 3, new StateCode("ZWE")).states(), "every State");
        DisclosureLog back = add(all, set(m, 3, DisclosureLevel.CONFIDENTIAL), owner);
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyForReader(
                back.entries().get(2), owner.identity(), ws, doc, 3, mex), "confidential");
        DisclosureLog approved = add(back, approve(m, 3), owner);
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyForReader(
                approved.entries().get(3), owner.identity(), ws, doc, 3, mex), "an approval");
    }

    @Test
    void aPublicReader_checksThePublishingEntry_andOnlyTheVersionPublishedIsPublic()
            throws Exception {
        MembershipLog m = workspace(true);
        DisclosureLog approved = add(DisclosureLog.empty(ws, doc, m), approve(m, 2), second);
        assertEquals(Optional.empty(), approved.publishedVersion());
        DisclosureLog published = add(approved, set(m, 2, DisclosureLevel.PUBLIC), owner);
        assertEquals(Optional.of(2L), published.publishedVersion());
        ChainEntry entry = published.entries().get(1);
        assertEquals(DisclosureLevel.PUBLIC, DisclosureLog.verifyPublication(entry,
                owner.identity(), ws, doc, 2).level());
        assertThrows(ChainException.BadSignature.class, () -> DisclosureLog.verifyPublication(
                entry, second.identity(), ws, doc, 2), "another member's keys");
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyPublication(entry,
                owner.identity(), ws, doc, 3), "a later version");
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyPublication(entry,
                owner.identity(), WorkspaceId.random(), doc, 2), "another workspace");
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyPublication(
                approved.entries().get(0), second.identity(), ws, doc, 2), "an approval");
        DisclosureLog withdrawn = add(published, set(m, 2, DisclosureLevel.CONFIDENTIAL), owner);
        assertEquals(Optional.empty(), withdrawn.publishedVersion());
        assertThrows(ChainException.Rule.class, () -> DisclosureLog.verifyPublication(
                withdrawn.entries().get(2), owner.identity(), ws, doc, 2), "withdrawn");
    }

    @Test
    void payloads_roundTrip_andDecodeStrictly() throws Exception {
        MembershipLog m = workspace(false);
        DisclosureChange.SetLevel states = set(m, 4, DisclosureLevel.STATES_ONLY, "MEX");
        assertEquals(states, DisclosureChange.decode(states.encode()));
        DisclosureChange.Approve approve = approve(m, 2);
        assertEquals(approve, DisclosureChange.decode(approve.encode()));
        byte[] longer = java.util.Arrays.copyOf(approve.encode(), approve.encode().length + 1);
        assertThrows(MalformedEntryException.class, () -> DisclosureChange.decode(longer));
        byte[] version = approve.encode();
        version[0] = 9;
        assertThrows(MalformedEntryException.class, () -> DisclosureChange.decode(version));
        assertThrows(MalformedEntryException.class, () -> DisclosureChange.decode(null));
        // A time past what Instant holds (at is bytes 50..57: after version, kind, ids, numbers).
        byte[] far = approve.encode();
        java.util.Arrays.fill(far, 50, 58, (byte) 0x7f);
        assertThrows(MalformedEntryException.class, () -> DisclosureChange.decode(far));
        assertThrows(IllegalArgumentException.class, () -> set(m, 1, DisclosureLevel.PUBLIC,
                "MEX"));
        assertThrows(IllegalArgumentException.class, () -> set(m, 1,
                DisclosureLevel.STATES_ONLY, "MEX", "MEX"));
        assertThrows(IllegalArgumentException.class, () -> set(m, 0,
                DisclosureLevel.CONFIDENTIAL));
    }
}
