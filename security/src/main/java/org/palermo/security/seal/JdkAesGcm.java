package org.palermo.security.seal;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.palermo.security.internal.Rng;

/**
 * AES-GCM with 12-byte nonces and 16-byte tags through the JDK's SunJCE provider, which uses
 * the processor's AES instructions (about 35x faster here than Bouncy Castle's pure-Java GCM,
 * see STACK.md). One instance holds one {@link Cipher} and is not thread-safe.
 *
 * <p>Package-private, with package-private methods: callers choose nonces, so only the sealing
 * streams of this package (which derive them from the chunk index) may use it; on the class path
 * as on the module path nothing outside {@code seal} can reach it.
 */
final class JdkAesGcm {
    static final int NONCE_LENGTH = 12;
    static final int TAG_LENGTH = 16;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    static final int WARM_UP_CHECK_EVERY = 128;
    static final int WARM_UP_FAST_CHECKS = 3;
    static final long WARM_UP_FAST_NANOS = 30_000;
    static final int WARM_UP_MIN_ROUNDS = 2000;
    static final int WARM_UP_MAX_ROUNDS = 20_000;

    private final Cipher cipher;
    private final SecretKeySpec key;

    JdkAesGcm(byte[] key) {
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.cipher = newCipher();
    }

    static Cipher newCipher() {
        Provider sunJce = Security.getProvider("SunJCE");
        try {
            return sunJce != null ? Cipher.getInstance(TRANSFORMATION, sunJce) : Cipher.getInstance(TRANSFORMATION);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException("the JDK provides AES/GCM/NoPadding", e);
        }
    }

    /**
     * Runs AES-GCM until the JIT has compiled its bulk path with the processor's AES-GCM
     * instructions, so that a short-lived process seals or opens at hardware speed from its first
     * chunks. Mostly 16-byte messages (cheap calls that bring the methods to the compiler's
     * attention), and every {@value #WARM_UP_CHECK_EVERY}th round one whole 16 KiB chunk, timed:
     * the whole chunk puts the large-input branches in the profile (a warm-up of small messages
     * alone had the compiled code thrown away on the first real chunk, and the first 100 MiB ran
     * at a few MB/s), and its time says when compiled code runs it. It stops after
     * {@value #WARM_UP_FAST_CHECKS} chunks in a row took less than {@value #WARM_UP_FAST_NANOS} ns
     * (about 550 MB/s; the compiled path does a chunk in about 4 µs here, the interpreter in
     * milliseconds), after at least {@value #WARM_UP_MIN_ROUNDS} rounds, or at
     * {@value #WARM_UP_MAX_ROUNDS} rounds on a processor without AES instructions. About 0.2 s
     * per direction on this machine. Encryption and decryption are separate code paths, so a
     * process that only seals (or only opens) warms only that one.
     */
    static void warmUp(boolean sealing, boolean opening) {
        JdkAesGcm gcm = new JdkAesGcm(Rng.bytes(32));
        byte[] small = new byte[16];
        byte[] chunk = new byte[Cobblestone.CHUNK_SIZE];
        byte[] smallOut = new byte[small.length + TAG_LENGTH];
        byte[] chunkOut = new byte[chunk.length + TAG_LENGTH];
        // The JDK refuses to encrypt twice under one key and nonce: byte 0 of the nonce tells the
        // kinds apart (1 and 2 the messages opened over and over, 3 sealed chunks, 0 the rest),
        // bytes 8..11 count.
        byte[] smallSealed = new byte[small.length + TAG_LENGTH];
        byte[] chunkSealed = new byte[chunk.length + TAG_LENGTH];
        byte[] smallNonce = new byte[NONCE_LENGTH];
        smallNonce[0] = 1;
        byte[] chunkNonce = new byte[NONCE_LENGTH];
        chunkNonce[0] = 2;
        byte[] nonce = new byte[NONCE_LENGTH];
        try {
            gcm.seal(smallNonce, null, small, 0, small.length, smallSealed, 0);
            gcm.seal(chunkNonce, null, chunk, 0, chunk.length, chunkSealed, 0);
            int fast = 0;
            for (int i = 0; i < WARM_UP_MAX_ROUNDS; i++) {
                nonce[8] = (byte) (i >>> 24);
                nonce[9] = (byte) (i >>> 16);
                nonce[10] = (byte) (i >>> 8);
                nonce[11] = (byte) i;
                if (i % WARM_UP_CHECK_EVERY != 0) {
                    if (sealing) {
                        nonce[0] = 0;
                        gcm.seal(nonce, null, small, 0, small.length, smallOut, 0);
                    }
                    if (opening) {
                        gcm.open(smallNonce, null, smallSealed, 0, smallSealed.length, small, 0);
                    }
                    continue;
                }
                long started = System.nanoTime();
                if (sealing) {
                    nonce[0] = 3;
                    gcm.seal(nonce, null, chunk, 0, chunk.length, chunkOut, 0);
                }
                if (opening) {
                    gcm.open(chunkNonce, null, chunkSealed, 0, chunkSealed.length, chunk, 0);
                }
                long perDirection = (System.nanoTime() - started) / (sealing && opening ? 2 : 1);
                fast = perDirection < WARM_UP_FAST_NANOS ? fast + 1 : 0;
                if (fast >= WARM_UP_FAST_CHECKS && i >= WARM_UP_MIN_ROUNDS) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed on its own output", e);
        }
    }

    /** The name of the provider doing the work (for the provider test and FORMAT.md). */
    String providerName() {
        return cipher.getProvider().getName();
    }

    /** Encrypts {@code in[inOff, inOff+len)} into {@code out} at {@code outOff}; returns bytes written (len + 16). */
    int seal(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        init(Cipher.ENCRYPT_MODE, nonce, aad);
        return cipher.doFinal(in, inOff, len, out, outOff);
    }

    /** Decrypts and authenticates; throws {@link javax.crypto.AEADBadTagException} when not authentic. */
    int open(byte[] nonce, byte[] aad, byte[] in, int inOff, int len, byte[] out, int outOff)
            throws GeneralSecurityException {
        if (len < TAG_LENGTH) {
            throw new javax.crypto.AEADBadTagException("ciphertext shorter than the tag");
        }
        init(Cipher.DECRYPT_MODE, nonce, aad);
        return cipher.doFinal(in, inOff, len, out, outOff);
    }

    byte[] seal(byte[] nonce, byte[] aad, byte[] plaintext) throws GeneralSecurityException {
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        seal(nonce, aad, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    byte[] open(byte[] nonce, byte[] aad, byte[] ciphertext) throws GeneralSecurityException {
        if (ciphertext.length < TAG_LENGTH) {
            throw new javax.crypto.AEADBadTagException("ciphertext shorter than the tag");
        }
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        open(nonce, aad, ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    private void init(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("AES-GCM nonce must be 12 bytes");
        }
        cipher.init(mode, key, new GCMParameterSpec(TAG_LENGTH * 8, nonce));
        if (aad != null && aad.length > 0) {
            cipher.updateAAD(aad);
        }
    }
}
