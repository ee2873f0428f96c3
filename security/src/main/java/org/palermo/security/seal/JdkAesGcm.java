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
    private static final int WARM_UP_ROUNDS = 5000;

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
     * Runs AES-GCM a few thousand times on 16-byte inputs under a throwaway random key, so that
     * the JIT compiles this class's hot path with the processor's AES-GCM instructions before bulk
     * data arrives. Without it, the first 50-100 MiB of a short-lived process run at about
     * 80 MB/s (measured on this machine); it costs about 0.1-0.3 s of CPU per direction, once per
     * process. Encryption and decryption are separate code paths, so a process that only seals
     * (or only opens) warms only that one.
     */
    static void warmUp(boolean sealing, boolean opening) {
        JdkAesGcm gcm = new JdkAesGcm(Rng.bytes(32));
        byte[] plain = new byte[16];
        // The JDK refuses to encrypt twice under one key and nonce, so every sealing below has its
        // own nonce: the one opened alone is marked in byte 0, the loop counts in bytes 8..11.
        byte[] openNonce = new byte[NONCE_LENGTH];
        openNonce[0] = 1;
        byte[] toOpen = new byte[16 + TAG_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        byte[] sealed = new byte[16 + TAG_LENGTH];
        try {
            gcm.seal(openNonce, null, plain, 0, plain.length, toOpen, 0);
            for (int i = 0; i < WARM_UP_ROUNDS; i++) {
                if (sealing) {
                    nonce[8] = (byte) (i >>> 24);
                    nonce[9] = (byte) (i >>> 16);
                    nonce[10] = (byte) (i >>> 8);
                    nonce[11] = (byte) i;
                    gcm.seal(nonce, null, plain, 0, plain.length, sealed, 0);
                }
                if (opening) {
                    gcm.open(openNonce, null, toOpen, 0, toOpen.length, plain, 0);
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
