package org.palermo.security.keys;

import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.internal.Rng;
import org.palermo.security.sign.SignaturePurpose;

/**
 * An Ed25519 signing key (RFC 8032, pure Ed25519) with its public key. The private part is the
 * 32-byte seed and leaves the handle only through {@link #toSeed(InsecureSecretKeyAccess)}.
 *
 * <p>Guarantee: {@link #sign} makes a deterministic signature that verifies only under
 * {@link #publicKey()} for the same purpose and message ({@link SignaturePurpose}).
 */
public final class SigningKeyPair {
    private final Ed25519PrivateKeyParameters privateKey;
    private final SigningPublicKey publicKey;

    private SigningKeyPair(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        try {
            this.publicKey = SigningPublicKey.fromRaw(privateKey.generatePublicKey().getEncoded());
        } catch (InvalidKeyEncodingException e) {
            throw new IllegalStateException("a generated Ed25519 public key is valid", e);
        }
    }

    public static SigningKeyPair generate() {
        return new SigningKeyPair(new Ed25519PrivateKeyParameters(Rng.secureRandom()));
    }

    /** The key pair with this 32-byte seed. */
    public static SigningKeyPair fromSeed(byte[] seed, InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
        }
        return new SigningKeyPair(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /** The 32-byte seed (a copy). */
    public byte[] toSeed(InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        return privateKey.getEncoded();
    }

    public SigningPublicKey publicKey() {
        return publicKey;
    }

    /** Signs {@code len(label) || label || message} with pure Ed25519; returns 64 bytes. */
    public byte[] sign(SignaturePurpose purpose, byte[] canonicalMessage) {
        byte[] signed = purpose.signedBytes(canonicalMessage);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(signed, 0, signed.length);
        return signer.generateSignature();
    }

    @Override
    public String toString() {
        return "SigningKeyPair(" + publicKey + ", private part hidden)";
    }
}
