package org.palermo.security.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.SymmetricKey;

class KeyWrapTest {
    static final WorkspaceId WS = WorkspaceId.random();
    static final DocumentId DOC = DocumentId.random();
    static final AccountId ALICE = AccountId.random();
    static final DeviceId PHONE = DeviceId.random();
    final AgreementKeyPair alice = AgreementKeyPair.generate();
    final SymmetricKey key = SymmetricKey.generate();

    static byte[] raw(SymmetricKey k) {
        return k.toBytes(InsecureSecretKeyAccess.get());
    }

    @Test
    void wrapAndUnwrap_sameRecipientAndInfo_returnsKey() throws Exception {
        WrapInfo info = WrapInfo.epochKey(WS, 4, ALICE, PHONE);
        byte[] wrapped = KeyWrap.wrap(key, alice.publicKey(), info);
        assertEquals(KeyWrap.WRAPPED_LENGTH, wrapped.length);
        assertEquals(81, wrapped.length);
        assertEquals(1, wrapped[0]);
        assertArrayEquals(raw(key), raw(KeyWrap.unwrap(wrapped, alice, WrapInfo.epochKey(WS, 4, ALICE, PHONE))));
        WrapInfo docInfo = WrapInfo.documentKey(WS, DOC, 2, 4, ALICE, PHONE);
        assertArrayEquals(raw(key), raw(KeyWrap.unwrap(KeyWrap.wrap(key, alice.publicKey(), docInfo), alice, docInfo)));
    }

    @Test
    void wrap_twice_differentEphemeralKeys() {
        WrapInfo info = WrapInfo.epochKey(WS, 1, ALICE, PHONE);
        assertNotEquals(HexFormat.of().formatHex(KeyWrap.wrap(key, alice.publicKey(), info)),
                HexFormat.of().formatHex(KeyWrap.wrap(key, alice.publicKey(), info)));
    }

    @Test
    void unwrap_otherRecipientKey_fails() {
        WrapInfo info = WrapInfo.epochKey(WS, 1, ALICE, PHONE);
        byte[] wrapped = KeyWrap.wrap(key, alice.publicKey(), info);
        assertThrows(KeyUnwrapException.class, () -> KeyWrap.unwrap(wrapped, AgreementKeyPair.generate(), info));
    }

    /** ATTACKS.md classes 5, 6 and 10: a wrapped key served under any other binding fails. */
    @Test
    void unwrap_underAnyOtherBinding_fails() {
        WrapInfo info = WrapInfo.documentKey(WS, DOC, 2, 4, ALICE, PHONE);
        byte[] wrapped = KeyWrap.wrap(key, alice.publicKey(), info);
        List<WrapInfo> others = List.of(
                WrapInfo.documentKey(WorkspaceId.random(), DOC, 2, 4, ALICE, PHONE),
                WrapInfo.documentKey(WS, DocumentId.random(), 2, 4, ALICE, PHONE),
                WrapInfo.documentKey(WS, DOC, 3, 4, ALICE, PHONE),
                WrapInfo.documentKey(WS, DOC, 2, 5, ALICE, PHONE),
                WrapInfo.documentKey(WS, DOC, 2, 4, AccountId.random(), PHONE),
                WrapInfo.documentKey(WS, DOC, 2, 4, ALICE, DeviceId.random()),
                WrapInfo.epochKey(WS, 4, ALICE, PHONE));
        for (WrapInfo other : others) {
            assertNotEquals(info, other);
            assertThrows(KeyUnwrapException.class, () -> KeyWrap.unwrap(wrapped, alice, other), other.toString());
        }
    }

    /** ATTACKS.md classes 2 and 8: every malformed wrapped key gives one identical error. */
    @Test
    void unwrap_anyFlippedBitOrBadLength_failsWithOneError() {
        WrapInfo info = WrapInfo.epochKey(WS, 1, ALICE, PHONE);
        byte[] wrapped = KeyWrap.wrap(key, alice.publicKey(), info);
        List<byte[]> bad = new ArrayList<>();
        for (int bit = 0; bit < wrapped.length * 8; bit++) {
            byte[] b = wrapped.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            bad.add(b);
        }
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(wrapped, wrapped.length - 1));
        bad.add(Arrays.copyOf(wrapped, wrapped.length + 1));
        for (byte[] b : bad) {
            KeyUnwrapException e = assertThrows(KeyUnwrapException.class, () -> KeyWrap.unwrap(b, alice, info));
            assertEquals(KeyUnwrapException.MESSAGE, e.getMessage());
            assertNull(e.getCause());
        }
    }

    /** ATTACKS.md class 25: an encapsulated key of small order (all-zero shared secret) aborts. */
    @Test
    void unwrap_smallOrderEncapsulatedKey_fails() {
        WrapInfo info = WrapInfo.epochKey(WS, 1, ALICE, PHONE);
        byte[] wrapped = KeyWrap.wrap(key, alice.publicKey(), info);
        String[] smallOrder = {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        };
        for (String hex : smallOrder) {
            byte[] b = wrapped.clone();
            System.arraycopy(HexFormat.of().parseHex(hex), 0, b, 1, 32);
            assertThrows(KeyUnwrapException.class, () -> KeyWrap.unwrap(b, alice, info), hex);
        }
    }

    @Test
    void wrapInfo_invalidNumbers_refused() {
        assertThrows(IllegalArgumentException.class, () -> WrapInfo.epochKey(WS, -1, ALICE, PHONE));
        assertThrows(IllegalArgumentException.class, () -> WrapInfo.documentKey(WS, DOC, 0, 1, ALICE, PHONE));
        assertThrows(IllegalArgumentException.class, () -> WrapInfo.documentKey(WS, DOC, 1, -1, ALICE, PHONE));
        assertThrows(NullPointerException.class, () -> WrapInfo.epochKey(null, 1, ALICE, PHONE));
    }

    @Test
    void wrapInfo_encoding_matchesDocumentedLayout() {
        WorkspaceId ws = WorkspaceId.parse("000102030405060708090a0b0c0d0e0f");
        AccountId acc = AccountId.parse("101112131415161718191a1b1c1d1e1f");
        DeviceId dev = DeviceId.parse("202122232425262728292a2b2c2d2e2f");
        String label = "palermo/wrap/epoch-key/v1";
        String expected = String.format("%02x", label.length()) + HexFormat.of().formatHex(label.getBytes())
                + "000102030405060708090a0b0c0d0e0f" + "0000000000000007"
                + "101112131415161718191a1b1c1d1e1f" + "202122232425262728292a2b2c2d2e2f";
        assertEquals(expected, HexFormat.of().formatHex(WrapInfo.epochKey(ws, 7, acc, dev).encode()));
    }
}
