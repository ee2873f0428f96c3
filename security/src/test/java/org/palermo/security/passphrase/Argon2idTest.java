package org.palermo.security.passphrase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.bundle.BundleKey;
import org.palermo.security.bundle.KeyBundle;
import org.palermo.security.bundle.KeyBundleException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.recovery.RecoveryKey;
import org.palermo.security.testing.Vectors;

class Argon2idTest {
    static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] hexBytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", "").trim());
    }

    /** RFC 9106 section 5.3 / the reference implementation's kats/argon2id, parsed from the file. */
    @Test
    void argon2id_rfc9106KnownAnswer_matches() throws IOException {
        List<String> lines = Files.readAllLines(Vectors.file("argon2/argon2id"));
        assertTrue(lines.stream().anyMatch(l -> l.equals("Argon2id version number 19")));
        Matcher m = Pattern.compile("Memory: (\\d+) KiB, Iterations: (\\d+), Parallelism: (\\d+) lanes, Tag length: (\\d+) bytes")
                .matcher(lines.stream().filter(l -> l.startsWith("Memory:")).findFirst().orElseThrow());
        assertTrue(m.matches());
        byte[] password = field(lines, "Password[32]: ");
        byte[] salt = field(lines, "Salt[16]: ");
        byte[] secret = field(lines, "Secret[8]: ");
        byte[] ad = field(lines, "Associated data[12]: ");
        String tagLine = lines.stream().filter(l -> l.startsWith("Tag: ")).reduce((a, b) -> b).orElseThrow();
        byte[] tag = hexBytes(tagLine.substring(5));
        assertArrayEquals(filled(32, 1), password);
        assertArrayEquals(filled(16, 2), salt);
        assertEquals("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659", HexFormat.of().formatHex(tag));
        byte[] out = Argon2id.hash(password, salt, secret, ad, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        assertArrayEquals(tag, out);
    }

    static byte[] field(List<String> lines, String prefix) {
        return hexBytes(lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length()));
    }

    /** ATTACKS.md classes 7 and 22: the server advertises weak parameters; the client refuses. */
    @Test
    void parameters_weakerThanPinnedMinimum_refused() {
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(2, 65536, 1, SALT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(3, 65535, 1, SALT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(3, 65536, 0, SALT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(3, 65536, 1, new byte[15]));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(1, 32, 4, SALT));
    }

    @Test
    void parameters_excessive_refused() {
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(21, 65536, 1, SALT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(3, 1024 * 1024 + 1, 1, SALT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(3, 65536, 9, SALT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.of(3, 65536, 1, new byte[65]));
    }

    @Test
    void parameters_atBoundsAndStronger_accepted() throws RefusedParametersException {
        Argon2idParameters min = Argon2idParameters.of(3, 65536, 1, SALT);
        assertEquals(3, min.iterations());
        assertEquals(65536, min.memoryKiB());
        assertEquals(1, min.parallelism());
        assertArrayEquals(SALT, min.salt());
        Argon2idParameters max = Argon2idParameters.of(20, 1024 * 1024, 8, new byte[64]);
        assertEquals(20, max.iterations());
        Argon2idParameters rec = Argon2idParameters.recommended();
        assertEquals(3, rec.iterations());
        assertEquals(65536, rec.memoryKiB());
        assertEquals(16, rec.salt().length);
        assertFalse(Arrays.equals(rec.salt(), Argon2idParameters.recommended().salt()));
    }

    @Test
    void parametersEncoding_roundTripAndStrictDecode() throws RefusedParametersException {
        Argon2idParameters p = Argon2idParameters.of(4, 131072, 2, SALT);
        byte[] enc = p.encode();
        assertEquals("13" + "00000004" + "00020000" + "02" + "10" + "000102030405060708090a0b0c0d0e0f",
                HexFormat.of().formatHex(enc));
        assertEquals(p, Argon2idParameters.decode(enc));
        byte[] oldVersion = enc.clone();
        oldVersion[0] = 0x10; // Argon2 version 1.0
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.decode(oldVersion));
        byte[] weak = enc.clone();
        weak[4] = 2; // t = 2
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.decode(weak));
        byte[] hugeT = enc.clone();
        hugeT[1] = (byte) 0xff; // t = 4278190084, beyond int
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.decode(hugeT));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.decode(Arrays.copyOf(enc, enc.length - 1)));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.decode(Arrays.copyOf(enc, enc.length + 1)));
        assertThrows(RefusedParametersException.class, () -> Argon2idParameters.decode(new byte[0]));
    }

    @Test
    void derive_samePassphraseAndParameters_sameKeys_otherwiseDifferent() throws RefusedParametersException {
        Argon2idParameters p = Argon2idParameters.of(3, 65536, 1, SALT);
        PassphraseKeys a = PassphraseKeys.derive("correct horse".toCharArray(), p);
        PassphraseKeys b = PassphraseKeys.derive("correct horse".toCharArray(), p);
        PassphraseKeys c = PassphraseKeys.derive("correct hors".toCharArray(), p);
        assertArrayEquals(a.authenticationKey(InsecureSecretKeyAccess.get()), b.authenticationKey(InsecureSecretKeyAccess.get()));
        assertEquals(AUTH_KEY_OF_CORRECT_HORSE, HexFormat.of().formatHex(a.authenticationKey(InsecureSecretKeyAccess.get())));
        assertFalse(Arrays.equals(a.authenticationKey(InsecureSecretKeyAccess.get()), c.authenticationKey(InsecureSecretKeyAccess.get())));
        assertEquals(BundleKey.Slot.PASSPHRASE, a.bundleKey().slot());
        assertEquals(32, a.authenticationKey(InsecureSecretKeyAccess.get()).length);
        assertEquals("PassphraseKeys(hidden)", a.toString());
    }

    @Test
    void authenticationKey_withoutAccessToken_refused() {
        PassphraseKeys keys = PassphraseKeys.split(filled(32, 0x42));
        assertThrows(NullPointerException.class, () -> keys.authenticationKey(null));
        assertEquals(AUTH_KEY_OF_0x42, HexFormat.of().formatHex(keys.authenticationKey(InsecureSecretKeyAccess.get())));
    }

    /** The authentication key the server sees and the bundle key are HKDF outputs under distinct labels. */
    @Test
    void split_authAndBundleKeys_areHkdfUnderTheirOwnLabels() throws Exception {
        byte[] master = filled(32, 0x42);
        PassphraseKeys keys = PassphraseKeys.split(master);
        byte[] auth = Hkdf.sha256(master, null, Canonical.start().label(Labels.PASSPHRASE_AUTH_KEY).toByteArray(), 32);
        byte[] bundle = Hkdf.sha256(master, null, Canonical.start().label(Labels.PASSPHRASE_BUNDLE_KEY).toByteArray(), 32);
        assertArrayEquals(auth, keys.authenticationKey(InsecureSecretKeyAccess.get()));
        assertEquals(AUTH_KEY_OF_0x42, HexFormat.of().formatHex(keys.authenticationKey(InsecureSecretKeyAccess.get())));
        assertFalse(Arrays.equals(auth, bundle));
        // The bundle key is the bundle-label output: a bundle sealed with it opens with those bytes.
        IdentityKeys id = IdentityKeys.generate(AccountId.random(), DeviceId.random());
        byte[] sealed = KeyBundle.seal(id, keys.bundleKey(), RecoveryKey.generate().bundleKey());
        BundleKey expected = BundleKey.fromBytes(bundle, BundleKey.Slot.PASSPHRASE, InsecureSecretKeyAccess.get());
        assertEquals(id.identity(), KeyBundle.open(sealed, expected).identity());
        BundleKey authAsBundleKey = BundleKey.fromBytes(auth, BundleKey.Slot.PASSPHRASE, InsecureSecretKeyAccess.get());
        assertThrows(KeyBundleException.class, () -> KeyBundle.open(sealed, authAsBundleKey));
    }

    static final String AUTH_KEY_OF_0x42 = "347608b9dfb9a9c63331b391ce74b905a00f971e06079ded53771899abae10ad";
    static final String AUTH_KEY_OF_CORRECT_HORSE = "da67f413c9abf1a681c9bed86f59699989fc37846f5580c5e7d0f620b52093e4";

    @Test
    void derive_nfcAndNfdSpellings_sameKeys() throws RefusedParametersException {
        Argon2idParameters p = Argon2idParameters.of(3, 65536, 1, SALT);
        PassphraseKeys composed = PassphraseKeys.derive("caf\u00e9".toCharArray(), p);
        PassphraseKeys decomposed = PassphraseKeys.derive("cafe\u0301".toCharArray(), p);
        assertArrayEquals(composed.authenticationKey(InsecureSecretKeyAccess.get()), decomposed.authenticationKey(InsecureSecretKeyAccess.get()));
    }
}
