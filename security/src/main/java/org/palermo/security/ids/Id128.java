package org.palermo.security.ids;

import java.util.Arrays;
import java.util.HexFormat;
import org.palermo.security.internal.Rng;

/**
 * A random 128-bit identifier. Subclasses name what is identified, so a document id cannot be
 * passed where a workspace id is expected; ids of different kinds are never equal.
 */
public abstract class Id128 {
    /** Length of every id in bytes. */
    public static final int LENGTH = 16;

    private final byte[] value;

    protected Id128(byte[] value) {
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("an id is " + LENGTH + " bytes");
        }
        this.value = value.clone();
    }

    protected static byte[] randomBytes() {
        return Rng.bytes(LENGTH);
    }

    protected static byte[] parseHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an id is " + 2 * LENGTH + " hex digits");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** The id's 16 bytes (a copy). */
    public final byte[] toBytes() {
        return value.clone();
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Arrays.equals(value, ((Id128) other).value);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(value) * 31 + getClass().hashCode();
    }

    /** Lower-case hex, 32 digits. */
    @Override
    public final String toString() {
        return HexFormat.of().formatHex(value);
    }
}
