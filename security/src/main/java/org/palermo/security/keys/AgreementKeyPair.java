package org.palermo.security.keys;

import java.util.Objects;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.internal.Rng;

/**
 * An X25519 private key with its public key: the key that HPKE-wrapped keys are sealed to
 * ({@link org.palermo.security.wrap.KeyWrap}). The private part leaves the handle only through
 * {@link #toBytes(InsecureSecretKeyAccess)}.
 */
public final class AgreementKeyPair {
    private final byte[] privateKey;
    private final AgreementPublicKey publicKey;

    private AgreementKeyPair(byte[] privateKey) {
        this.privateKey = privateKey;
        try {
            this.publicKey = AgreementPublicKey.fromRaw(
                    new X25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded());
        } catch (InvalidKeyEncodingException e) {
            throw new IllegalStateException("the X25519 base point multiple is never of small order", e);
        }
    }

    public static AgreementKeyPair generate() {
        return new AgreementKeyPair(new X25519PrivateKeyParameters(Rng.secureRandom()).getEncoded());
    }

    /** The key pair with this 32-byte private scalar (RFC 7748 encoding). */
    public static AgreementKeyPair fromBytes(byte[] privateKey, InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        if (privateKey.length != X25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an X25519 private key is 32 bytes");
        }
        return new AgreementKeyPair(privateKey.clone());
    }

    /** The 32-byte private scalar (a copy). */
    public byte[] toBytes(InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        return privateKey.clone();
    }

    public AgreementPublicKey publicKey() {
        return publicKey;
    }

    @Override
    public String toString() {
        return "AgreementKeyPair(" + publicKey + ", private part hidden)";
    }
}
