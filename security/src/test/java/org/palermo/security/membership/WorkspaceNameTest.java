package org.palermo.security.membership;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.Labels;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.wrap.KeyUnwrapException;

/** The sealed workspace name: round trip, bounds, bindings, one error (ATTACKS.md 2, 8, 11). */
class WorkspaceNameTest {
    final WorkspaceId ws = WorkspaceId.random();
    final SymmetricKey key = SymmetricKey.generate();
    static final String MESSAGE = new KeyUnwrapException().getMessage();

    @Test
    void sealAndOpen_trimmedUtf8Name_roundTrips() throws Exception {
        assertEquals("Palermo",
                WorkspaceName.open(WorkspaceName.seal("Palermo", key, ws), key, ws));
        assertEquals("Società civile — Ñ 🌍", WorkspaceName.open(
                WorkspaceName.seal("  Società civile — Ñ 🌍 \t", key, ws), key, ws));
        String longest = "é".repeat(100); // 200 bytes of UTF-8
        byte[] sealed = WorkspaceName.seal(longest, key, ws);
        assertEquals(1 + 12 + 200 + 16, sealed.length);
        assertEquals(longest, WorkspaceName.open(sealed, key, ws));
        assertEquals("x", WorkspaceName.open(WorkspaceName.seal("x", key, ws), key, ws));
    }

    @Test
    void seal_emptyBlankOrTooLong_refused() {
        for (String bad : List.of("", "   ", "\n\t", "a".repeat(201), "é".repeat(100) + "a")) {
            assertThrows(IllegalArgumentException.class, () -> WorkspaceName.seal(bad, key, ws),
                    bad);
        }
        assertThrows(NullPointerException.class, () -> WorkspaceName.seal(null, key, ws));
    }

    @Test
    void seal_twice_freshNonce() {
        assertNotEquals(HexFormat.of().formatHex(WorkspaceName.seal("Palermo", key, ws)),
                HexFormat.of().formatHex(WorkspaceName.seal("Palermo", key, ws)));
    }

    /** Class 11: a name moved to another workspace, or opened with another key, fails. */
    @Test
    void open_otherKeyOrWorkspace_failsWithOneError() {
        byte[] sealed = WorkspaceName.seal("Palermo", key, ws);
        KeyUnwrapException e = assertThrows(KeyUnwrapException.class,
                () -> WorkspaceName.open(sealed, SymmetricKey.generate(), ws));
        assertEquals(MESSAGE, e.getMessage());
        assertThrows(KeyUnwrapException.class,
                () -> WorkspaceName.open(sealed, key, WorkspaceId.random()));
    }

    @Test
    void open_anyFlippedBitOrBadLengthOrVersion_failsWithOneError() {
        byte[] sealed = WorkspaceName.seal("Palermo", key, ws);
        List<byte[]> bad = new ArrayList<>();
        for (int bit = 0; bit < sealed.length * 8; bit++) {
            byte[] b = sealed.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            bad.add(b);
        }
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(sealed, sealed.length - 1));
        bad.add(Arrays.copyOf(sealed, sealed.length + 1));
        bad.add(Arrays.copyOf(sealed, 29));
        bad.add(new byte[1 + 12 + 201 + 16]);
        bad.add(null);
        for (byte[] b : bad) {
            KeyUnwrapException e = assertThrows(KeyUnwrapException.class,
                    () -> WorkspaceName.open(b, key, ws));
            assertEquals(MESSAGE, e.getMessage());
            assertNull(e.getCause());
        }
    }

    @Test
    void associatedData_isLabelThenWorkspace() {
        WorkspaceId fixed = WorkspaceId.parse("404142434445464748494a4b4c4d4e4f");
        String label = Labels.SEAL_WORKSPACE_NAME;
        assertEquals(String.format("%02x", label.length())
                + HexFormat.of().formatHex(label.getBytes(StandardCharsets.US_ASCII))
                + "404142434445464748494a4b4c4d4e4f",
                HexFormat.of().formatHex(WorkspaceName.associatedData(fixed)));
    }
}
