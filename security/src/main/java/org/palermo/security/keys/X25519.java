package org.palermo.security.keys;

import java.security.GeneralSecurityException;

/** X25519 (RFC 7748) through Bouncy Castle, aborting on an all-zero shared secret. */
final class X25519 {
    /** Any clamped scalar: the product with a small-order point is the all-zero value. */
    private static final byte[] PROBE_SCALAR = new byte[32];

    static {
        PROBE_SCALAR[0] = 8;
        PROBE_SCALAR[31] = 0x40;
    }

    private X25519() {
    }

    /**
     * The shared secret of a private scalar and a public value.
     *
     * @throws GeneralSecurityException if the shared secret is all zero (a small-order public key)
     */
    static byte[] agree(byte[] privateKey, byte[] publicKey) throws GeneralSecurityException {
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new GeneralSecurityException("X25519 values are 32 bytes");
        }
        byte[] shared = new byte[32];
        if (!org.bouncycastle.math.ec.rfc7748.X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
            throw new GeneralSecurityException("X25519 shared secret is all zero");
        }
        return shared;
    }

    /**
     * True when {@code u} (32 bytes, little-endian) is a canonical field element: the top bit is
     * clear and the value is below p = 2^255 - 19. The values at or above p with the top bit
     * clear are p .. 2^255 - 1: byte 31 is 0x7f, bytes 30..1 are 0xff and byte 0 is at least 0xed.
     */
    static boolean isCanonical(byte[] u) {
        if ((u[31] & 0xff) > 0x7f) {
            return false;
        }
        if ((u[31] & 0xff) != 0x7f || (u[0] & 0xff) < 0xed) {
            return true;
        }
        for (int i = 1; i < 31; i++) {
            if ((u[i] & 0xff) != 0xff) {
                return true;
            }
        }
        return false;
    }

    /** True when every shared secret with this public value is all zero (its order divides 8). */
    static boolean isSmallOrder(byte[] publicKey) {
        try {
            agree(PROBE_SCALAR, publicKey);
            return false;
        } catch (GeneralSecurityException e) {
            return true;
        }
    }
}
