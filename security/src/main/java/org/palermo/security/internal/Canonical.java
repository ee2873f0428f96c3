package org.palermo.security.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the module's canonical binary encoding: big-endian fixed-width integers, fixed-length
 * fields written as they are, variable-length fields prefixed with a 4-byte length, labels
 * prefixed with a 1-byte length. One value has exactly one encoding.
 *
 * <p>Internal: not part of the module's API.
 */
public final class Canonical {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static Canonical start() {
        return new Canonical();
    }

    /** A label: one length byte, then ASCII (1..255 bytes). */
    public Canonical label(String label) {
        byte[] ascii = label.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length == 0 || ascii.length > 255 || !StandardCharsets.US_ASCII.newEncoder().canEncode(label)) {
            throw new IllegalArgumentException("label must be 1..255 ASCII characters");
        }
        out.write(ascii.length);
        out.writeBytes(ascii);
        return this;
    }

    public Canonical u8(int value) {
        if (value < 0 || value > 0xff) {
            throw new IllegalArgumentException("u8 out of range");
        }
        out.write(value);
        return this;
    }

    public Canonical u32(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("u32 out of range");
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    public Canonical u64(long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift));
        }
        return this;
    }

    /** A field whose length the format fixes; written without a prefix. */
    public Canonical fixed(byte[] value, int expectedLength) {
        if (value.length != expectedLength) {
            throw new IllegalArgumentException("field must be " + expectedLength + " bytes");
        }
        out.writeBytes(value);
        return this;
    }

    /** A variable-length field: 4-byte length, then the bytes. */
    public Canonical bytes(byte[] value) {
        u32(value.length);
        out.writeBytes(value);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
