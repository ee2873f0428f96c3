package org.palermo.security.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.recovery.RecoveryKey;

/**
 * The key-bundle vector printed in FORMAT.md: a bundle sealed once by this module (nonces are
 * random, so it is pinned as bytes) that must keep opening under both slots' keys.
 */
class BundleFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String BUNDLE_HEX = "01d3d71a68246c0aca3558f9f4238fef17d3483b2a8b41d79e0ab2c177b27b58485bbc1a3af10e077d08af79c049f9a3029ec44cc37bc11ff2d6ca46fa3d260482b273a1e9ddc0d693efb41e9967b11340e3800208df6972c0926330c724b4eb79044438ca526acfb416f816b9c603bd3e5aa4bde62c543e3737283692a2dc939da9067882234f76d39e86466c227858b4b1feaccdb175482d98b32281245149c90bcb755c6c0ce811e8e65513febac181b89f94439a6ced966444341eb9dc7f70f7853bb488a801a0b01f6245255d03f01cd3e79d048d7ac865e0d21d077e65c6412fc16fd67f20e56ab98e89613ba356c9a1f0b5";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static IdentityKeys keys() {
        InsecureSecretKeyAccess a = InsecureSecretKeyAccess.get();
        return new IdentityKeys(AccountId.parse("000102030405060708090a0b0c0d0e0f"), DeviceId.parse("101112131415161718191a1b1c1d1e1f"),
                SigningKeyPair.fromSeed(filled(32, 0x01), a), AgreementKeyPair.fromBytes(filled(32, 0x02), a));
    }

    static BundleKey passphraseKey() {
        return BundleKey.fromBytes(filled(32, 0x77), BundleKey.Slot.PASSPHRASE, InsecureSecretKeyAccess.get());
    }

    static RecoveryKey recoveryKey() {
        return RecoveryKey.fromBytes(filled(32, 0x88), InsecureSecretKeyAccess.get());
    }

    @Test
    void open_pinnedBundle_opensUnderBothSlots() throws Exception {
        byte[] bundle = HEX.parseHex(BUNDLE_HEX);
        assertEquals(keys().identity(), KeyBundle.open(bundle, passphraseKey()).identity());
        assertEquals(keys().identity(), KeyBundle.open(bundle, recoveryKey().bundleKey()).identity());
    }
}
