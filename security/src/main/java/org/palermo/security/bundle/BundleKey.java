package org.palermo.security.bundle;

import java.util.Objects;
import org.palermo.security.InsecureSecretKeyAccess;

/**
 * A 256-bit key that opens one slot of a {@link KeyBundle}: the passphrase slot (made by
 * {@link org.palermo.security.passphrase.PassphraseKeys}) or the recovery slot (made by
 * {@link org.palermo.security.recovery.RecoveryKey}).
 */
public final class BundleKey {
    /** Which slot of the bundle a key opens. */
    public enum Slot {
        PASSPHRASE,
        RECOVERY
    }

    private final byte[] key;
    private final Slot slot;

    private BundleKey(byte[] key, Slot slot) {
        this.key = key;
        this.slot = slot;
    }

    /** A key with these 32 bytes for this slot; the derivations call this, applications do not need to. */
    public static BundleKey fromBytes(byte[] key, Slot slot, InsecureSecretKeyAccess access) {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(slot, "slot");
        if (key.length != 32) {
            throw new IllegalArgumentException("a bundle key is 32 bytes");
        }
        return new BundleKey(key.clone(), slot);
    }

    public Slot slot() {
        return slot;
    }

    byte[] bytes() {
        return key;
    }

    @Override
    public String toString() {
        return "BundleKey(" + slot + ", hidden)";
    }
}
