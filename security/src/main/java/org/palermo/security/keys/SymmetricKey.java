package org.palermo.security.keys;

import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.internal.Rng;

/**
 * An opaque 256-bit secret key: the input key of one sealed document version, or an epoch key.
 * Its bytes leave the handle only through {@link #toBytes(InsecureSecretKeyAccess)}.
 */
public final class SymmetricKey {
    /** Key length in bytes. */
    public static final int LENGTH = 32;

    private final byte[] key;

    private SymmetricKey(byte[] key) {
        this.key = key;
    }

    /** A fresh key from the platform's {@link java.security.SecureRandom}. */
    public static SymmetricKey generate() {
        return new SymmetricKey(Rng.bytes(LENGTH));
    }

    /** The key with these bytes; refuses any length but 32. */
    public static SymmetricKey fromBytes(byte[] key, InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a symmetric key is " + LENGTH + " bytes");
        }
        return new SymmetricKey(key.clone());
    }

    /** The key's bytes (a copy). */
    public byte[] toBytes(InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        return key.clone();
    }

    @Override
    public String toString() {
        return "SymmetricKey(256 bits, hidden)";
    }
}
