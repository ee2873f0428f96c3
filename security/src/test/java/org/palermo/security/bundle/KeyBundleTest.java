package org.palermo.security.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.internal.Rng;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.passphrase.Argon2idParameters;
import org.palermo.security.passphrase.PassphraseKeys;
import org.palermo.security.recovery.RecoveryKey;

class KeyBundleTest {
    static PassphraseKeys passphrase;
    static PassphraseKeys wrongPassphrase;
    static final RecoveryKey RECOVERY = RecoveryKey.generate();
    static final IdentityKeys KEYS = IdentityKeys.generate(AccountId.random(), DeviceId.random());

    @BeforeAll
    static void derive() throws Exception {
        Argon2idParameters params = Argon2idParameters.recommended();
        passphrase = PassphraseKeys.derive("a long passphrase".toCharArray(), params);
        wrongPassphrase = PassphraseKeys.derive("a long passphrasf".toCharArray(), params);
    }

    static BundleKey randomKey(BundleKey.Slot slot) {
        return BundleKey.fromBytes(Rng.bytes(32), slot, InsecureSecretKeyAccess.get());
    }

    static void assertSameKeys(IdentityKeys expected, IdentityKeys actual) {
        assertEquals(expected.identity(), actual.identity());
        assertEquals(expected.identity().fingerprint(), actual.identity().fingerprint());
        assertArrayEquals(expected.signing().toSeed(InsecureSecretKeyAccess.get()), actual.signing().toSeed(InsecureSecretKeyAccess.get()));
        assertArrayEquals(expected.agreement().toBytes(InsecureSecretKeyAccess.get()),
                actual.agreement().toBytes(InsecureSecretKeyAccess.get()));
    }

    @Test
    void open_withPassphraseOrRecoveryKey_returnsKeys() throws Exception {
        byte[] bundle = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        assertEquals(KeyBundle.LENGTH, bundle.length);
        assertEquals(245, bundle.length);
        assertEquals(1, bundle[0]);
        assertSameKeys(KEYS, KeyBundle.open(bundle, passphrase.bundleKey()));
        assertSameKeys(KEYS, KeyBundle.open(bundle, RECOVERY.bundleKey()));
        // The recovery key as printed and typed back opens it too.
        RecoveryKey typed = RecoveryKey.parse(RECOVERY.toPrintable(InsecureSecretKeyAccess.get()));
        assertSameKeys(KEYS, KeyBundle.open(bundle, typed.bundleKey()));
    }

    @Test
    void open_wrongPassphraseOrRecoveryKey_fails() {
        byte[] bundle = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        assertThrows(KeyBundleException.class, () -> KeyBundle.open(bundle, wrongPassphrase.bundleKey()));
        assertThrows(KeyBundleException.class, () -> KeyBundle.open(bundle, RecoveryKey.generate().bundleKey()));
        // The passphrase key's bytes presented for the other slot do not open it either.
        assertThrows(KeyBundleException.class, () -> KeyBundle.open(bundle, randomKey(BundleKey.Slot.RECOVERY)));
    }

    /** ATTACKS.md classes 1 and 2: flip any bit of a stored bundle; refused with one error, nothing derived. */
    @Test
    void open_anyBitFlippedTruncatedOrExtended_failsWithOneError() {
        byte[] bundle = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        List<byte[]> bad = new ArrayList<>();
        for (int bit = 0; bit < bundle.length * 8; bit++) {
            byte[] b = bundle.clone();
            b[bit / 8] ^= (byte) (1 << (bit % 8));
            bad.add(b);
        }
        bad.add(new byte[0]);
        bad.add(Arrays.copyOf(bundle, bundle.length - 1));
        bad.add(Arrays.copyOf(bundle, bundle.length + 1));
        bad.add(new byte[bundle.length]);
        for (byte[] b : bad) {
            for (BundleKey key : List.of(passphrase.bundleKey(), RECOVERY.bundleKey())) {
                KeyBundleException e = assertThrows(KeyBundleException.class, () -> KeyBundle.open(b, key));
                assertEquals(KeyBundleException.MESSAGE, e.getMessage());
                assertNull(e.getCause());
            }
        }
    }

    @Test
    void changePassphrase_newKeyOpens_oldDoesNot_recoveryStillOpens() throws Exception {
        byte[] bundle = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        byte[] changed = KeyBundle.changePassphrase(bundle, passphrase.bundleKey(), wrongPassphrase.bundleKey());
        assertSameKeys(KEYS, KeyBundle.open(changed, wrongPassphrase.bundleKey()));
        assertSameKeys(KEYS, KeyBundle.open(changed, RECOVERY.bundleKey()));
        assertThrows(KeyBundleException.class, () -> KeyBundle.open(changed, passphrase.bundleKey()));
        assertThrows(KeyBundleException.class,
                () -> KeyBundle.changePassphrase(bundle, wrongPassphrase.bundleKey(), passphrase.bundleKey()));
        assertArrayEquals(Arrays.copyOfRange(bundle, 61, 121), Arrays.copyOfRange(changed, 61, 121), "recovery slot kept");
    }

    @Test
    void seal_keysForWrongSlots_refused() {
        assertThrows(IllegalArgumentException.class, () -> KeyBundle.seal(KEYS, RECOVERY.bundleKey(), RECOVERY.bundleKey()));
        assertThrows(IllegalArgumentException.class, () -> KeyBundle.seal(KEYS, passphrase.bundleKey(), passphrase.bundleKey()));
        byte[] bundle = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        assertThrows(IllegalArgumentException.class,
                () -> KeyBundle.changePassphrase(bundle, RECOVERY.bundleKey(), passphrase.bundleKey()));
        assertThrows(IllegalArgumentException.class,
                () -> KeyBundle.changePassphrase(bundle, passphrase.bundleKey(), RECOVERY.bundleKey()));
        assertThrows(IllegalArgumentException.class,
                () -> BundleKey.fromBytes(new byte[31], BundleKey.Slot.RECOVERY, InsecureSecretKeyAccess.get()));
    }

    @Test
    void seal_twice_differentBytes() {
        byte[] a = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        byte[] b = KeyBundle.seal(KEYS, passphrase.bundleKey(), RECOVERY.bundleKey());
        assertEquals(false, Arrays.equals(a, b));
    }
}
