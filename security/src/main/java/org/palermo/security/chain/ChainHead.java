package org.palermo.security.chain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/** The last verified entry of a chain, by sequence number and hash: what a client pins. */
public final class ChainHead {
    private final long sequence;
    private final byte[] hash;

    public ChainHead(long sequence, byte[] hash) {
        if (sequence < 0 || hash.length != ChainEntry.HASH_LENGTH) {
            throw new IllegalArgumentException("a head is a non-negative sequence and a 32-byte hash");
        }
        this.sequence = sequence;
        this.hash = hash.clone();
    }

    public static ChainHead of(ChainEntry entry) {
        return new ChainHead(entry.sequence(), entry.hash());
    }

    public long sequence() {
        return sequence;
    }

    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChainHead && ((ChainHead) other).sequence == sequence
                && MessageDigest.isEqual(((ChainHead) other).hash, hash);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return sequence + ":" + HexFormat.of().formatHex(hash);
    }
}
