package org.palermo.security.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalTest {
    @Test
    void write_fieldsAtTheirBounds_encodeBigEndian() {
        byte[] out = Canonical.start().u8(0).u8(255).u32(0).u32(0xffffffffL).u64(-1L).fixed(new byte[] {7}, 1)
                .bytes(new byte[] {1, 2}).label("a".repeat(255)).toByteArray();
        String hex = HexFormat.of().formatHex(out);
        assertEquals("00ff" + "00000000" + "ffffffff" + "ffffffffffffffff" + "07" + "000000020102" + "ff"
                + "61".repeat(255), hex);
    }

    @Test
    void write_valuesOutOfRange_refused() {
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().u8(256));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().u8(-1));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().u32(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().u32(-1));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().label(""));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().label("a".repeat(256)));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().label("caf\u00e9"));
        assertThrows(IllegalArgumentException.class, () -> Canonical.start().fixed(new byte[2], 3));
    }

    @Test
    void read_exactInput_roundTrips_andTruncationOrTrailingBytesRefused() {
        byte[] enc = Canonical.start().u8(9).u32(0x01020304L).u64(5).bytes(new byte[] {1, 2, 3}).fixed(new byte[] {4, 5}, 2)
                .toByteArray();
        CanonicalReader in = new CanonicalReader(enc);
        assertEquals(9, in.u8());
        assertEquals(0x01020304L, in.u32());
        assertEquals(5, in.u64());
        assertArrayEquals(new byte[] {1, 2, 3}, in.bytes(3));
        assertArrayEquals(new byte[] {4, 5}, in.fixed(2));
        in.end();
        assertThrows(IllegalArgumentException.class, () -> new CanonicalReader(new byte[3]).u32());
        assertThrows(IllegalArgumentException.class, () -> new CanonicalReader(new byte[7]).u64());
        assertThrows(IllegalArgumentException.class, () -> new CanonicalReader(new byte[0]).u8());
        assertThrows(IllegalArgumentException.class, () -> new CanonicalReader(new byte[1]).end());
        assertThrows(IllegalArgumentException.class, () -> new CanonicalReader(new byte[] {0, 0, 0, 4, 1, 2, 3, 4}).bytes(3));
        assertThrows(IllegalArgumentException.class, () -> new CanonicalReader(new byte[] {0, 0, 0, 4, 1, 2, 3}).bytes(4));
        CanonicalReader exact = new CanonicalReader(new byte[] {0, 0, 0, 4, 1, 2, 3, 4});
        assertArrayEquals(new byte[] {1, 2, 3, 4}, exact.bytes(4));
    }
}
