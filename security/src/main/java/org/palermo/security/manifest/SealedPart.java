package org.palermo.security.manifest;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.palermo.security.seal.ContentSeal;

/**
 * What a document manifest binds of one sealed stream (content, metadata or original): its
 * length and its 56-byte header, the Cobblestone salt and key commitment. The commitment fixes
 * the key and context the stream opens under, and the chunks authenticate under that key, so a
 * stream served with another header or length is refused.
 */
public final class SealedPart {
    /** Bytes of the header: salt (24), then commitment (32). */
    public static final int HEADER_LENGTH = ContentSeal.HEADER_LENGTH;
    private static final int TAG_LENGTH = 16;
    /** Cobblestone's chunk counter stays below 2^38 (FORMAT.md). */
    private static final long MAX_CHUNKS = 1L << 38;

    private final long sealedLength;
    private final byte[] header;

    /**
     * @param sealedLength the sealed stream's length, one that some plaintext seals to
     * @param header the stream's first 56 bytes
     * @throws IllegalArgumentException if the header is not 56 bytes or no plaintext seals to
     *     {@code sealedLength}
     */
    public SealedPart(long sealedLength, byte[] header) {
        if (header == null || header.length != HEADER_LENGTH) {
            throw new IllegalArgumentException("a sealed header is " + HEADER_LENGTH + " bytes");
        }
        if (plaintextLength(sealedLength) < 0) {
            throw new IllegalArgumentException(
                    "no sealed stream is " + sealedLength + " bytes long");
        }
        this.sealedLength = sealedLength;
        this.header = header.clone();
    }

    /** Plaintext length of a sealed stream of this length, or -1 when none has that length. */
    static long plaintextLength(long sealedLength) {
        if (sealedLength < HEADER_LENGTH + TAG_LENGTH) {
            return -1;
        }
        long body = sealedLength - HEADER_LENGTH;
        long fullChunks = body / ContentSeal.SEALED_CHUNK_SIZE;
        long rest = body % ContentSeal.SEALED_CHUNK_SIZE;
        if (rest < TAG_LENGTH || fullChunks >= MAX_CHUNKS) {
            return -1;
        }
        return fullChunks * ContentSeal.CHUNK_SIZE + rest - TAG_LENGTH;
    }

    public long sealedLength() {
        return sealedLength;
    }

    /** The plaintext length this sealed length implies. */
    public long plaintextLength() {
        return plaintextLength(sealedLength);
    }

    /** The 56-byte header (a copy). */
    public byte[] header() {
        return header.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedPart p && p.sealedLength == sealedLength
                && MessageDigest.isEqual(p.header, header);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sealedLength) * 31 + Arrays.hashCode(header);
    }

    @Override
    public String toString() {
        return "SealedPart(" + sealedLength + " bytes, header " + HexFormat.of().formatHex(header)
                + ")";
    }
}
