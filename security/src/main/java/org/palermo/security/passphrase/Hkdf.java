package org.palermo.security.passphrase;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF-SHA256 (RFC 5869, extract then expand) from Bouncy Castle, splitting the Argon2id output.
 * Package-private: it takes raw key material, so only this package's derivations may call it.
 */
final class Hkdf {
    private Hkdf() {
    }

    /** HKDF-SHA256 extract-then-expand. An empty or null salt means a zero-filled salt. */
    static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        return derive(new SHA256Digest(), new HKDFParameters(ikm, salt, info), length);
    }

    private static byte[] derive(Digest digest, HKDFParameters params, int length) {
        if (length < 1 || length > 255 * digest.getDigestSize()) {
            throw new IllegalArgumentException("HKDF output length out of range");
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(digest);
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
