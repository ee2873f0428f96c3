package org.palermo.security.keys;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 fingerprint of an {@link Identity}, shown to people as six groups of five digits
 * (group g is bytes 5g..5g+4 read as a big-endian 40-bit number, reduced modulo 100000, as in
 * Signal's safety numbers). Comparing the digits compares about 99 bits; {@link #matches}
 * compares all 256.
 */
public final class Fingerprint {
    /** Number of five-digit groups in {@link #toDigits()}. */
    public static final int GROUPS = 6;

    private final byte[] hash;

    Fingerprint(byte[] hash) {
        this.hash = hash;
    }

    /** The 32-byte hash (a copy). */
    public byte[] toBytes() {
        return hash.clone();
    }

    /** Six groups of five digits separated by single spaces. */
    public String toDigits() {
        return digitGroups(hash, GROUPS, 5);
    }

    /** Constant-time comparison. */
    public boolean matches(Fingerprint other) {
        return MessageDigest.isEqual(hash, other.hash);
    }

    /**
     * Groups of five digits: group g is bytes {@code g*bytesPerGroup ..} of {@code hash} read as a
     * big-endian number, reduced modulo 100000 (4 bytes give about 16.6 bits per group, with a bias
     * below 2^-15; 5 bytes, as in Signal's safety numbers, leave it below 2^-23).
     */
    static String digitGroups(byte[] hash, int groups, int bytesPerGroup) {
        if (bytesPerGroup < 3 || bytesPerGroup > 7 || groups * bytesPerGroup > hash.length) {
            throw new IllegalArgumentException("not enough hash bytes for " + groups + " groups");
        }
        StringBuilder out = new StringBuilder(groups * 6);
        for (int g = 0; g < groups; g++) {
            long v = 0;
            int base = g * bytesPerGroup;
            for (int i = 0; i < bytesPerGroup; i++) {
                v = (v << 8) | (hash[base + i] & 0xff);
            }
            if (g > 0) {
                out.append(' ');
            }
            out.append(String.format("%05d", v % 100_000L));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Fingerprint && matches((Fingerprint) other);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(hash);
    }
}
