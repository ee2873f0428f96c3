package org.palermo.security.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.membership.MembershipChange.Accept;
import org.palermo.security.membership.MembershipChange.ChangeRole;
import org.palermo.security.membership.MembershipChange.Create;
import org.palermo.security.membership.MembershipChange.Invite;
import org.palermo.security.membership.MembershipChange.Leave;
import org.palermo.security.membership.MembershipChange.Rekey;
import org.palermo.security.membership.MembershipChange.Remove;
import org.palermo.security.wrap.KeyUnwrapException;

/** Membership payloads (strict, canonical), roles, history rules and epoch wraps. */
class MembershipChangeTest {
    final WorkspaceId ws = WorkspaceId.random();
    final IdentityKeys owner = IdentityKeys.generate(AccountId.random(), DeviceId.random());
    final IdentityKeys alice = IdentityKeys.generate(AccountId.random(), DeviceId.random());
    final SymmetricKey epochKey = SymmetricKey.generate();

    List<MembershipChange> oneOfEach() {
        EpochWrap w1 = EpochWrap.make(epochKey, ws, 1, owner.identity());
        EpochWrap w2 = EpochWrap.make(epochKey, ws, 2, alice.identity());
        return List.of(
                new Create(ws, HistoryRule.FULL_HISTORY, owner.identity(),
                        WorkspaceName.seal("Palermo", epochKey, ws), List.of(w1)),
                new Invite(ws, InvitationId.random(), owner.identity(), alice.identity(),
                        Role.CONTRIBUTOR),
                new Accept(ws, InvitationId.random()),
                new Rekey(ws, 2, List.of(w1, w2)),
                new Remove(ws, alice.account(), 3, List.of(w1)),
                new Rekey(ws, 4, List.of()),
                new ChangeRole(ws, alice.account(), Role.OWNER),
                new Leave(ws));
    }

    @Test
    void encodeAndDecode_everyKind_roundTripsCanonically() throws Exception {
        for (MembershipChange change : oneOfEach()) {
            byte[] encoded = change.encode();
            MembershipChange back = MembershipChange.decode(encoded);
            assertEquals(change, back);
            assertEquals(change.hashCode(), back.hashCode());
            assertArrayEquals(encoded, back.encode());
            assertEquals(ws, back.workspace());
            assertEquals(1, encoded[0]);
        }
    }

    @Test
    void decode_truncatedExtendedOrGarbage_refusedWithOneExceptionType() {
        List<byte[]> bad = new ArrayList<>();
        for (MembershipChange change : oneOfEach()) {
            byte[] good = change.encode();
            for (int n = 0; n < good.length; n++) {
                bad.add(Arrays.copyOf(good, n));
            }
            bad.add(Arrays.copyOf(good, good.length + 1));
        }
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            byte[] garbage = new byte[random.nextInt(400)];
            random.nextBytes(garbage);
            bad.add(garbage);
        }
        bad.add(null);
        for (byte[] b : bad) {
            assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(b));
        }
    }

    @Test
    void decode_unknownVersionKindCodesOrBadKey_refused() {
        byte[] invite = oneOfEach().get(1).encode();
        int roleOffset = invite.length - 1;
        int[][] edits = {{0, 0}, {0, 2}, {1, 0}, {1, 8}, {roleOffset, 0}, {roleOffset, 5}};
        for (int[] edit : edits) {
            byte[] b = invite.clone();
            b[edit[0]] = (byte) edit[1];
            assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(b),
                    edit[0] + "=" + edit[1]);
        }
        byte[] create = oneOfEach().get(0).encode();
        byte[] badRule = create.clone();
        badRule[18] = 2; // history rule code
        assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(badRule));
        byte[] badKeyType = create.clone();
        badKeyType[19 + 32] = 2; // the owner's signing key tagged as X25519
        assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(badKeyType));
        byte[] smallOrder = create.clone();
        Arrays.fill(smallOrder, 19 + 32 + 34 + 2, 19 + 32 + 34 + 34, (byte) 0); // X25519 zero
        assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(smallOrder));
        byte[] zeroEpoch = oneOfEach().get(3).encode();
        Arrays.fill(zeroEpoch, 18, 26, (byte) 0);
        assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(zeroEpoch));
        byte[] hugeCount = oneOfEach().get(5).encode();
        Arrays.fill(hugeCount, hugeCount.length - 4, hugeCount.length, (byte) 0xff);
        assertThrows(MalformedEntryException.class, () -> MembershipChange.decode(hugeCount));
    }

    @Test
    void records_validateAndCopy() {
        byte[] name = WorkspaceName.seal("Palermo", epochKey, ws);
        List<EpochWrap> wraps = new ArrayList<>(List.of(EpochWrap.make(epochKey, ws, 1,
                owner.identity())));
        Create c = new Create(ws, HistoryRule.JOIN_ONWARD, owner.identity(), name, wraps);
        name[0] ^= 1;
        wraps.clear();
        assertEquals(1, c.wraps().size());
        assertEquals(1, c.sealedName()[0]);
        c.sealedName()[0] = 9;
        assertEquals(1, c.sealedName()[0]);
        assertThrows(UnsupportedOperationException.class, () -> c.wraps().clear());
        assertTrue(c.toString().contains(ws.toString()));
        assertThrows(IllegalArgumentException.class, () -> new Create(ws, HistoryRule.JOIN_ONWARD,
                owner.identity(), new byte[0], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Create(ws, HistoryRule.JOIN_ONWARD,
                owner.identity(), new byte[1025], List.of()));
        new Create(ws, HistoryRule.JOIN_ONWARD, owner.identity(), new byte[1024], List.of());
        assertThrows(NullPointerException.class, () -> new Create(null, HistoryRule.JOIN_ONWARD,
                owner.identity(), name, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Rekey(ws, 0, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Remove(ws, alice.account(), 0, List.of()));
        assertThrows(NullPointerException.class, () -> new Rekey(ws, 2, null));
        assertThrows(NullPointerException.class, () -> new Leave(null));
        assertThrows(NullPointerException.class, () -> new Accept(ws, null));
        assertThrows(NullPointerException.class,
                () -> new Invite(ws, InvitationId.random(), owner.identity(), null, Role.VIEWER));
        assertThrows(NullPointerException.class, () -> new ChangeRole(ws, alice.account(), null));
        assertNotEquals(c, new Create(ws, HistoryRule.FULL_HISTORY, owner.identity(),
                c.sealedName(), c.wraps()));
        assertEquals(c, new Create(ws, HistoryRule.JOIN_ONWARD, owner.identity(), c.sealedName(),
                c.wraps()));
    }

    @Test
    void role_codesNamesAndPermissions() {
        assertEquals(List.of(1, 2, 3, 4), Arrays.stream(Role.values()).map(Role::code).toList());
        for (Role r : Role.values()) {
            assertEquals(r, Role.fromCode(r.code()));
            assertEquals(r, Role.parse(r.name()));
            assertEquals(r, Role.parse(" " + r.label() + " "));
        }
        assertEquals(Role.EDITOR, Role.parse("Editor"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Role.parse("admin"));
        assertTrue(e.getMessage().contains("owner, editor, contributor, viewer"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Role.parse(null));
        assertThrows(IllegalArgumentException.class, () -> Role.fromCode(0));
        assertThrows(IllegalArgumentException.class, () -> Role.fromCode(5));
        assertEquals(List.of(true, false, false, false), perm(Role::managesMembers));
        assertEquals(List.of(true, true, true, false), perm(Role::writesDocuments));
        assertEquals(List.of(true, true, false, false), perm(Role::changesOthersDocuments));
    }

    static List<Boolean> perm(java.util.function.Predicate<Role> p) {
        return Arrays.stream(Role.values()).map(p::test).toList();
    }

    @Test
    void historyRule_codesAndNames() {
        assertEquals(0, HistoryRule.JOIN_ONWARD.code());
        assertEquals(1, HistoryRule.FULL_HISTORY.code());
        for (HistoryRule r : HistoryRule.values()) {
            assertEquals(r, HistoryRule.fromCode(r.code()));
            assertEquals(r, HistoryRule.parse(r.label().toUpperCase()));
        }
        assertThrows(IllegalArgumentException.class, () -> HistoryRule.fromCode(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HistoryRule.parse("all"));
        assertTrue(e.getMessage().contains("join-onward, full-history"), e.getMessage());
    }

    @Test
    void epochWrap_makeAndOpen_onlyByThatDeviceForThatWorkspace() throws Exception {
        EpochWrap w = EpochWrap.make(epochKey, ws, 3, alice.identity());
        assertEquals(3, w.epoch());
        assertEquals(alice.account(), w.account());
        assertEquals(alice.device(), w.device());
        assertEquals(81, w.wrapped().length);
        assertArrayEquals(epochKey.toBytes(InsecureSecretKeyAccess.get()),
                w.open(alice.agreement(), ws).toBytes(InsecureSecretKeyAccess.get()));
        assertThrows(KeyUnwrapException.class, () -> w.open(owner.agreement(), ws));
        assertThrows(KeyUnwrapException.class,
                () -> w.open(alice.agreement(), WorkspaceId.random()));
        // Moved to another epoch, account or device, the same bytes do not open.
        List<EpochWrap> moved = List.of(
                new EpochWrap(4, alice.account(), alice.device(), w.wrapped()),
                new EpochWrap(3, owner.account(), alice.device(), w.wrapped()),
                new EpochWrap(3, alice.account(), DeviceId.random(), w.wrapped()));
        for (EpochWrap m : moved) {
            assertThrows(KeyUnwrapException.class, () -> m.open(alice.agreement(), ws));
        }
        byte[] bytes = w.wrapped();
        bytes[0] ^= 1;
        assertArrayEquals(w.wrapped(), new EpochWrap(3, alice.account(), alice.device(),
                w.wrapped()).wrapped());
        assertEquals(w, new EpochWrap(3, alice.account(), alice.device(), w.wrapped()));
        assertEquals(w.hashCode(),
                new EpochWrap(3, alice.account(), alice.device(), w.wrapped()).hashCode());
        assertNotEquals(w, new EpochWrap(3, alice.account(), alice.device(), bytes));
        assertFalse(w.toString().contains(java.util.HexFormat.of().formatHex(w.wrapped())));
        assertThrows(IllegalArgumentException.class,
                () -> new EpochWrap(0, alice.account(), alice.device(), w.wrapped()));
        assertThrows(IllegalArgumentException.class,
                () -> new EpochWrap(1, alice.account(), alice.device(), new byte[80]));
        assertThrows(NullPointerException.class,
                () -> new EpochWrap(1, null, alice.device(), w.wrapped()));
    }

    @Test
    void memberAndInvitation_valueEquality() {
        Member m = new Member(alice.identity(), Role.EDITOR, 2);
        assertEquals(m, new Member(alice.identity(), Role.EDITOR, 2));
        assertEquals(m.hashCode(), new Member(alice.identity(), Role.EDITOR, 2).hashCode());
        assertNotEquals(m, m.withRole(Role.VIEWER));
        assertEquals(alice.account(), m.account());
        assertTrue(m.toString().contains("editor"));
        InvitationId id = InvitationId.random();
        Invitation i =
                new Invitation(id, owner.identity(), alice.identity(), Role.VIEWER, 1, false);
        assertEquals(i,
                new Invitation(id, owner.identity(), alice.identity(), Role.VIEWER, 1, false));
        assertNotEquals(i, i.asAccepted());
        assertTrue(i.asAccepted().accepted());
        assertTrue(i.toString().contains("open"));
    }
}
