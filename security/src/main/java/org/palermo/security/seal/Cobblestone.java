package org.palermo.security.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cobblestone-256 (c2sp.org/chunked-encryption with HKDF-Expand-SHA512 and AES-256-GCM):
 * the key schedule and the chunk arithmetic. The streams in this package do the I/O.
 */
final class Cobblestone {
    static final int KEY_LENGTH = 32;
    static final int SALT_LENGTH = 24;
    static final int COMMITMENT_LENGTH = 32;
    static final int HEADER_LENGTH = SALT_LENGTH + COMMITMENT_LENGTH;
    static final int CHUNK_SIZE = 16 * 1024;
    static final int TAG_LENGTH = JdkAesGcm.TAG_LENGTH;
    static final int SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_LENGTH;
    static final int NONCE_LENGTH = JdkAesGcm.NONCE_LENGTH;
    /** The spec's limit: the chunk counter must stay below 2^38. */
    static final long MAX_CHUNKS = 1L << 38;
    private static final byte[] INFO_PREFIX =
            "c2sp.org/chunked-encryption@v1+AEAD_AES_256_GCM\0".getBytes(StandardCharsets.US_ASCII);

    private Cobblestone() {
    }

    /** The per-message AEAD key, base nonce and commitment derived from input key, salt and context. */
    static final class Derived implements AutoCloseable {
        final byte[] aeadKey;
        final byte[] baseNonce;
        final byte[] commitment;

        private Derived(byte[] okm) {
            aeadKey = java.util.Arrays.copyOfRange(okm, 0, KEY_LENGTH);
            baseNonce = java.util.Arrays.copyOfRange(okm, KEY_LENGTH, KEY_LENGTH + NONCE_LENGTH);
            commitment = java.util.Arrays.copyOfRange(okm, KEY_LENGTH + NONCE_LENGTH, okm.length);
            java.util.Arrays.fill(okm, (byte) 0);
        }

        /** Zeroes the AEAD key once a cipher holds its own copy. */
        void wipeAeadKey() {
            java.util.Arrays.fill(aeadKey, (byte) 0);
        }

        /** Zeroes the AEAD key and the base nonce; the streams call it when they close or fail. */
        @Override
        public void close() {
            java.util.Arrays.fill(aeadKey, (byte) 0);
            java.util.Arrays.fill(baseNonce, (byte) 0);
        }

        /** Constant-time check of a header's commitment. */
        boolean commitmentMatches(byte[] header) {
            byte[] given = java.util.Arrays.copyOfRange(header, SALT_LENGTH, HEADER_LENGTH);
            return MessageDigest.isEqual(commitment, given);
        }

        /** The nonce of chunk {@code index}: the base nonce XOR the index, big-endian, in its last 5 bytes. */
        void nonce(long index, byte[] out) {
            if (index < 0 || index >= MAX_CHUNKS) {
                throw new IllegalStateException("chunk counter out of range");
            }
            System.arraycopy(baseNonce, 0, out, 0, NONCE_LENGTH);
            for (int i = 0; i < 5; i++) {
                out[NONCE_LENGTH - 1 - i] ^= (byte) (index >>> (8 * i));
            }
        }
    }

    static Derived derive(byte[] inputKey, byte[] salt, byte[] context) {
        if (inputKey.length != KEY_LENGTH) {
            throw new IllegalArgumentException("Cobblestone-256 input key must be 32 bytes");
        }
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("salt must be 24 bytes");
        }
        byte[] info = new byte[INFO_PREFIX.length + SALT_LENGTH + context.length];
        System.arraycopy(INFO_PREFIX, 0, info, 0, INFO_PREFIX.length);
        System.arraycopy(salt, 0, info, INFO_PREFIX.length, SALT_LENGTH);
        System.arraycopy(context, 0, info, INFO_PREFIX.length + SALT_LENGTH, context.length);
        return new Derived(hkdfExpandSha512(inputKey, info, KEY_LENGTH + NONCE_LENGTH + COMMITMENT_LENGTH));
    }

    /**
     * HKDF-Expand (RFC 5869 section 2.3) with HMAC-SHA512 from the JDK: {@code T(i) = HMAC(prk,
     * T(i-1) || info || i)}, output the first {@code length} bytes of {@code T(1) || T(2) ...}.
     * The JDK's HMAC rather than Bouncy Castle's keeps the sealing path free of Bouncy Castle,
     * whose signed jar costs a cold process about 0.2 s to open; the Wycheproof Cobblestone
     * vectors and FORMAT.md's vector pin the result.
     */
    static byte[] hkdfExpandSha512(byte[] prk, byte[] info, int length) {
        if (length < 1 || length > 255 * 64) {
            throw new IllegalArgumentException("HKDF output length out of range");
        }
        try {
            Mac hmac = Mac.getInstance("HmacSHA512");
            hmac.init(new SecretKeySpec(prk, "HmacSHA512"));
            byte[] okm = new byte[length];
            byte[] t = new byte[0];
            for (int i = 1, off = 0; off < length; i++) {
                hmac.update(t);
                hmac.update(info);
                hmac.update((byte) i);
                java.util.Arrays.fill(t, (byte) 0);
                t = hmac.doFinal();
                int n = Math.min(t.length, length - off);
                System.arraycopy(t, 0, okm, off, n);
                off += n;
            }
            java.util.Arrays.fill(t, (byte) 0);
            return okm;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA512", e);
        }
    }

    /** Ciphertext length of a message of {@code plaintextLength} bytes. */
    static long ciphertextLength(long plaintextLength) {
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        long chunks = plaintextLength / CHUNK_SIZE + 1;
        return Math.addExact(Math.addExact(HEADER_LENGTH, plaintextLength), Math.multiplyExact(chunks, TAG_LENGTH));
    }

    /** Plaintext length of a ciphertext of this length, or -1 when no message has that length. */
    static long plaintextLength(long ciphertextLength) {
        long body = ciphertextLength - HEADER_LENGTH;
        if (body < TAG_LENGTH) {
            return -1;
        }
        long fullChunks = body / SEALED_CHUNK_SIZE;
        long rest = body % SEALED_CHUNK_SIZE;
        if (rest < TAG_LENGTH) {
            return -1;
        }
        return fullChunks * CHUNK_SIZE + rest - TAG_LENGTH;
    }
}
