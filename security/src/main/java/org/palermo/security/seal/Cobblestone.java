package org.palermo.security.seal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

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
        // HKDF-Expand only (the input key is the pseudorandom key), SHA-512, 76 bytes.
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA512Digest());
        hkdf.init(HKDFParameters.skipExtractParameters(inputKey, info));
        byte[] okm = new byte[KEY_LENGTH + NONCE_LENGTH + COMMITMENT_LENGTH];
        hkdf.generateBytes(okm, 0, okm.length);
        return new Derived(okm);
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
