package org.palermo.security.wrap;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * RFC 9180 HPKE, base mode, suite DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM,
 * from Bouncy Castle. Single-shot: one message per encapsulation.
 */
final class Hpke {
    static final int ENC_LENGTH = 32;

    private Hpke() {
    }

    static HPKE suite() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM256);
    }

    /** Returns {enc, ciphertext}; {@code ephemeral} null means a fresh random ephemeral key. */
    static byte[][] seal(byte[] recipientPublic, byte[] info, byte[] aad, byte[] plaintext, AsymmetricCipherKeyPair ephemeral)
            throws InvalidCipherTextException {
        HPKE hpke = suite();
        AsymmetricKeyParameter pkR = hpke.deserializePublicKey(recipientPublic);
        HPKEContextWithEncapsulation ctx = ephemeral == null
                ? hpke.setupBaseS(pkR, info)
                : hpke.setupBaseS(pkR, info, ephemeral);
        byte[] ct = ctx.seal(aad, plaintext);
        return new byte[][] {ctx.getEncapsulation(), ct};
    }

    static byte[] open(byte[] enc, byte[] recipientPrivate, byte[] recipientPublic, byte[] info, byte[] aad, byte[] ct)
            throws InvalidCipherTextException {
        HPKE hpke = suite();
        AsymmetricCipherKeyPair kpR = hpke.deserializePrivateKey(recipientPrivate, recipientPublic);
        return hpke.setupBaseR(enc, kpR, info).open(aad, ct);
    }
}
