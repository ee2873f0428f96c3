package org.palermo.security.internal;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * HKDF (RFC 5869) from Bouncy Castle: HKDF-SHA256 (extract and expand) for key splitting and
 * HKDF-Expand-SHA512 for Cobblestone. Internal: not part of the module's API.
 */
public final class Hkdf {
    private Hkdf() {
    }

    /** HKDF-SHA256 extract-then-expand. An empty or null salt means a zero-filled salt. */
    public static byte[] sha256(byte[] ikm, byte[] salt, byte[] info, int length) {
        return derive(new SHA256Digest(), new HKDFParameters(ikm, salt, info), length);
    }

    /** HKDF-Expand with SHA-512 only, the input key being the pseudorandom key. */
    public static byte[] expandSha512(byte[] prk, byte[] info, int length) {
        return derive(new SHA512Digest(), HKDFParameters.skipExtractParameters(prk, info), length);
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
