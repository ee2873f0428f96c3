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
import org.junit.jupiter.api.function.Executable;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;

/** A document key wrapped under an epoch key: round trip, every binding, one error (2, 8, 10). */
class DocumentKeyWrapTest {
    static final HexFormat HEX = HexFormat.of();
    static final WorkspaceId WS = WorkspaceId.random();
    static final DocumentId DOC = DocumentId.random();
    final SymmetricKey documentKey = SymmetricKey.generate();
    final SymmetricKey epochKey = SymmetricKey.generate();

    /** FORMAT.md vector: fixed keys and nonce. */
    static final String VECTOR_HEX = "019999999999999999999999993934916f98c22dd11030c0073716b5d7"
            + "9fbe8184c80b71bc11e1d05cea82af69aef4d454abb1a870da555030cd153a1f";

    static byte[] raw(SymmetricKey k) {
        return k.toBytes(InsecureSecretKeyAccess.get());
    }

    static SymmetricKey filledKey(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return SymmetricKey.fromBytes(b, InsecureSecretKeyAccess.get());
    }

    @Test
    void wrapAndUnwrap_sameEpochKeyAndBinding_returnsKey() throws Exception {
        byte[] wrapped = DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 3, 2);
        assertEquals(DocumentKeyWrap.WRAPPED_LENGTH, wrapped.length);
        assertEquals(61, wrapped.length);
        assertEquals(1, wrapped[0]);
        assertArrayEquals(raw(documentKey),
                raw(DocumentKeyWrap.unwrap(wrapped, epochKey, WS, DOC, 3, 2)));
    }

    @Test
    void wrap_twice_freshNonceEachTime() {
        byte[] a = DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 1, 1);
        byte[] b = DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 1, 1);
        assertNotEquals(HEX.formatHex(Arrays.copyOfRange(a, 1, 13)),
                HEX.formatHex(Arrays.copyOfRange(b, 1, 13)));
    }

    /** ATTACKS.md class 10: a wrapped key served under any other binding fails. */
    @Test
    void unwrap_otherEpochKeyWorkspaceDocumentVersionOrEpoch_failsWithOneError() {
        byte[] w = DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 3, 2);
        List<Executable> others = List.of(
                () -> DocumentKeyWrap.unwrap(w, SymmetricKey.generate(), WS, DOC, 3, 2),
                () -> DocumentKeyWrap.unwrap(w, documentKey, WS, DOC, 3, 2),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WorkspaceId.random(), DOC, 3, 2),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DocumentId.random(), 3, 2),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DOC, 4, 2),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DOC, 2, 2),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DOC, 3, 1),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DOC, 3, 3),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DOC, 0, 2),
                () -> DocumentKeyWrap.unwrap(w, epochKey, WS, DOC, 3, 0));
        for (Executable other : others) {
            KeyUnwrapException e = assertThrows(KeyUnwrapException.class, other);
            assertEquals(KeyUnwrapException.MESSAGE, e.getMessage());
            assertNull(e.getCause());
        }
    }

    /** ATTACKS.md classes 2 and 8: every flipped bit, length or version byte is one error. */
    @Test
    void unwrap_anyFlippedBitBadLengthOrVersion_failsWithOneError() {
        byte[] wrapped = DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 1, 1);
        List<byte[]> bad = new ArrayList<>();
        for (int bit = 0; bit < wrapped.length * 8; bit++) {
            byte[] b = wrapped.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            bad.add(b);
        }
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(wrapped, wrapped.length - 1));
        bad.add(Arrays.copyOf(wrapped, wrapped.length + 1));
        byte[] v2 = wrapped.clone();
        v2[0] = 2;
        bad.add(v2);
        bad.add(new byte[DocumentKeyWrap.WRAPPED_LENGTH]);
        bad.add(null);
        for (byte[] b : bad) {
            KeyUnwrapException e = assertThrows(KeyUnwrapException.class,
                    () -> DocumentKeyWrap.unwrap(b, epochKey, WS, DOC, 1, 1));
            assertEquals(KeyUnwrapException.MESSAGE, e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void wrap_versionOrEpochBelowOne_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> DocumentKeyWrap.wrap(documentKey, epochKey, WS, DOC, 1, 0));
        assertThrows(NullPointerException.class,
                () -> DocumentKeyWrap.wrap(documentKey, epochKey, null, DOC, 1, 1));
    }

    @Test
    void associatedData_layout_isLabelVersionIdsVersionEpoch() {
        WorkspaceId ws = WorkspaceId.parse("000102030405060708090a0b0c0d0e0f");
        DocumentId doc = DocumentId.parse("101112131415161718191a1b1c1d1e1f");
        String label = "palermo/wrap/document-key-under-epoch/v1";
        assertEquals(String.format("%02x", label.length())
                + HEX.formatHex(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + "01"
                + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                + "0000000000000003" + "0000000000000002",
                HEX.formatHex(DocumentKeyWrap.associatedData(ws, doc, 3, 2)));
    }

    /** The FORMAT.md vector: key 32 x 55 under epoch key 32 x 77, nonce 12 x 99. */
    @Test
    void wrap_fixedNonce_matchesFormatVectorAndUnwraps() throws Exception {
        WorkspaceId ws = WorkspaceId.parse("000102030405060708090a0b0c0d0e0f");
        DocumentId doc = DocumentId.parse("101112131415161718191a1b1c1d1e1f");
        byte[] nonce = new byte[12];
        Arrays.fill(nonce, (byte) 0x99);
        byte[] w = DocumentKeyWrap.wrap(filledKey(0x55), filledKey(0x77), ws, doc, 3, 2, nonce);
        assertEquals(VECTOR_HEX, HEX.formatHex(w));
        SymmetricKey back = DocumentKeyWrap.unwrap(HEX.parseHex(VECTOR_HEX), filledKey(0x77), ws,
                doc, 3, 2);
        assertArrayEquals(raw(filledKey(0x55)), raw(back));
    }
}
