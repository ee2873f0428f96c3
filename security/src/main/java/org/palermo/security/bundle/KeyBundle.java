package org.palermo.security.bundle;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.Id128;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.internal.Rng;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningKeyPair;

/**
 * The sealed, versioned key bundle: a device's private keys, stored on the server so that a
 * member can log in from a new device, opened by the passphrase or by the recovery key.
 *
 * <p>Layout (245 bytes): {@code version 0x01 || passphrase slot (nonce 12 || AES-256-GCM of the
 * 32-byte data key, 48) || recovery slot (same) || body nonce 12 || AES-256-GCM of the body
 * (96 + 16)}. Body: {@code account (16) || device (16) || Ed25519 seed (32) || X25519 private (32)}.
 * Each slot's AAD is its label and the version byte; the body's AAD is its label and every byte
 * before the body nonce, so a change to either slot also fails the body.
 *
 * <p>Guarantee: a bundle opens only under the key of one of its slots and only if every byte is
 * as sealed; nothing is derived from a bundle that fails, and every failure is the same
 * {@link KeyBundleException} (ATTACKS.md classes 1 and 2).
 */
public final class KeyBundle {
    public static final int VERSION = 1;
    static final int DATA_KEY_LENGTH = 32;
    static final int SLOT_LENGTH = BundleAead.NONCE_LENGTH + DATA_KEY_LENGTH + BundleAead.TAG_LENGTH;
    static final int BODY_LENGTH = 2 * Id128.LENGTH + 32 + 32;
    static final int HEADER_LENGTH = 1 + 2 * SLOT_LENGTH;
    /** Total length of a sealed bundle. */
    public static final int LENGTH = HEADER_LENGTH + BundleAead.NONCE_LENGTH + BODY_LENGTH + BundleAead.TAG_LENGTH;

    private KeyBundle() {
    }

    /** Seals {@code keys} so that either bundle key opens them. */
    public static byte[] seal(IdentityKeys keys, BundleKey passphraseKey, BundleKey recoveryKey) {
        requireSlot(passphraseKey, BundleKey.Slot.PASSPHRASE);
        requireSlot(recoveryKey, BundleKey.Slot.RECOVERY);
        byte[] dataKey = Rng.bytes(DATA_KEY_LENGTH);
        try {
            byte[] header = new byte[HEADER_LENGTH];
            header[0] = VERSION;
            System.arraycopy(sealSlot(passphraseKey, dataKey), 0, header, 1, SLOT_LENGTH);
            System.arraycopy(sealSlot(recoveryKey, dataKey), 0, header, 1 + SLOT_LENGTH, SLOT_LENGTH);
            return sealBody(header, dataKey, encodeBody(keys));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Opens a bundle with the key of either slot. */
    public static IdentityKeys open(byte[] bundle, BundleKey key) throws KeyBundleException {
        byte[] dataKey = openDataKey(bundle, key);
        try {
            return decodeBody(openBody(bundle, dataKey));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same bundle with its passphrase slot re-sealed under a new passphrase key: the recovery
     * slot is kept, so the recovery key still opens it. Fails unless {@code oldKey} opens it.
     */
    public static byte[] changePassphrase(byte[] bundle, BundleKey oldKey, BundleKey newKey) throws KeyBundleException {
        requireSlot(oldKey, BundleKey.Slot.PASSPHRASE);
        requireSlot(newKey, BundleKey.Slot.PASSPHRASE);
        byte[] dataKey = openDataKey(bundle, oldKey);
        try {
            byte[] body = openBody(bundle, dataKey);
            byte[] header = Arrays.copyOf(bundle, HEADER_LENGTH);
            System.arraycopy(sealSlot(newKey, dataKey), 0, header, 1, SLOT_LENGTH);
            return sealBody(header, dataKey, body);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private static void requireSlot(BundleKey key, BundleKey.Slot slot) {
        if (key.slot() != slot) {
            throw new IllegalArgumentException("expected a " + slot + " key, got a " + key.slot() + " key");
        }
    }

    private static byte[] openDataKey(byte[] bundle, BundleKey key) throws KeyBundleException {
        if (bundle.length != LENGTH || bundle[0] != VERSION) {
            throw new KeyBundleException();
        }
        int offset = key.slot() == BundleKey.Slot.PASSPHRASE ? 1 : 1 + SLOT_LENGTH;
        byte[] nonce = Arrays.copyOfRange(bundle, offset, offset + BundleAead.NONCE_LENGTH);
        byte[] sealed = Arrays.copyOfRange(bundle, offset + BundleAead.NONCE_LENGTH, offset + SLOT_LENGTH);
        try {
            return BundleAead.open(key.bytes(), nonce, slotAad(key.slot()), sealed);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyBundleException();
        }
    }

    private static byte[] openBody(byte[] bundle, byte[] dataKey) throws KeyBundleException {
        try {
            return BundleAead.open(dataKey, bodyNonce(bundle), bodyAad(bundle),
                    Arrays.copyOfRange(bundle, HEADER_LENGTH + BundleAead.NONCE_LENGTH, LENGTH));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new KeyBundleException();
        }
    }

    private static byte[] sealSlot(BundleKey key, byte[] dataKey) {
        byte[] nonce = Rng.bytes(BundleAead.NONCE_LENGTH);
        try {
            byte[] sealed = BundleAead.seal(key.bytes(), nonce, slotAad(key.slot()), dataKey);
            byte[] slot = Arrays.copyOf(nonce, SLOT_LENGTH);
            System.arraycopy(sealed, 0, slot, BundleAead.NONCE_LENGTH, sealed.length);
            return slot;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        }
    }

    private static byte[] sealBody(byte[] header, byte[] dataKey, byte[] body) {
        byte[] nonce = Rng.bytes(BundleAead.NONCE_LENGTH);
        byte[] out = Arrays.copyOf(header, LENGTH);
        System.arraycopy(nonce, 0, out, HEADER_LENGTH, BundleAead.NONCE_LENGTH);
        try {
            byte[] sealed = BundleAead.seal(dataKey, nonce, bodyAad(out), body);
            System.arraycopy(sealed, 0, out, HEADER_LENGTH + BundleAead.NONCE_LENGTH, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private static byte[] slotAad(BundleKey.Slot slot) {
        String label = slot == BundleKey.Slot.PASSPHRASE ? Labels.BUNDLE_SLOT_PASSPHRASE : Labels.BUNDLE_SLOT_RECOVERY;
        return Canonical.start().label(label).u8(VERSION).toByteArray();
    }

    private static byte[] bodyAad(byte[] bundle) {
        return Canonical.start().label(Labels.BUNDLE_BODY).fixed(Arrays.copyOf(bundle, HEADER_LENGTH), HEADER_LENGTH)
                .toByteArray();
    }

    private static byte[] bodyNonce(byte[] bundle) {
        return Arrays.copyOfRange(bundle, HEADER_LENGTH, HEADER_LENGTH + BundleAead.NONCE_LENGTH);
    }

    private static byte[] encodeBody(IdentityKeys keys) {
        InsecureSecretKeyAccess access = InsecureSecretKeyAccess.get();
        return Canonical.start()
                .fixed(keys.account().toBytes(), Id128.LENGTH)
                .fixed(keys.device().toBytes(), Id128.LENGTH)
                .fixed(keys.signing().toSeed(access), 32)
                .fixed(keys.agreement().toBytes(access), 32)
                .toByteArray();
    }

    private static IdentityKeys decodeBody(byte[] body) {
        CanonicalReader in = new CanonicalReader(body);
        InsecureSecretKeyAccess access = InsecureSecretKeyAccess.get();
        IdentityKeys keys = new IdentityKeys(AccountId.of(in.fixed(Id128.LENGTH)), DeviceId.of(in.fixed(Id128.LENGTH)),
                SigningKeyPair.fromSeed(in.fixed(32), access), AgreementKeyPair.fromBytes(in.fixed(32), access));
        in.end();
        Arrays.fill(body, (byte) 0);
        return keys;
    }
}
