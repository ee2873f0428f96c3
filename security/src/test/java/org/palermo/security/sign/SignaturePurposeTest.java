package org.palermo.security.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.Labels;
import org.palermo.security.keys.SigningKeyPair;

/** ATTACKS.md class 6: one label per purpose; a signature for one purpose fails for every other. */
class SignaturePurposeTest {
    final SigningKeyPair key = SigningKeyPair.generate();
    final byte[] message = "add member 42".getBytes(StandardCharsets.UTF_8);

    @Test
    void verify_signatureReplayedUnderEveryOtherPurpose_rejected() throws SignatureException {
        for (SignaturePurpose signedFor : SignaturePurpose.values()) {
            byte[] sig = key.sign(signedFor, message);
            key.publicKey().verify(signedFor, message, sig);
            for (SignaturePurpose other : SignaturePurpose.values()) {
                if (other != signedFor) {
                    assertThrows(SignatureException.class, () -> key.publicKey().verify(other, message, sig),
                            signedFor + " as " + other);
                }
            }
        }
    }

    @Test
    void verify_otherKeyMessageOrTamperedSignature_rejected() {
        byte[] sig = key.sign(SignaturePurpose.AUDIT_ENTRY, message);
        assertThrows(SignatureException.class,
                () -> SigningKeyPair.generate().publicKey().verify(SignaturePurpose.AUDIT_ENTRY, message, sig));
        assertThrows(SignatureException.class,
                () -> key.publicKey().verify(SignaturePurpose.AUDIT_ENTRY, "add member 43".getBytes(StandardCharsets.UTF_8), sig));
        for (int i = 0; i < sig.length; i++) {
            byte[] bad = sig.clone();
            bad[i] ^= 0x01;
            assertThrows(SignatureException.class, () -> key.publicKey().verify(SignaturePurpose.AUDIT_ENTRY, message, bad));
        }
        assertThrows(SignatureException.class,
                () -> key.publicKey().verify(SignaturePurpose.AUDIT_ENTRY, message, java.util.Arrays.copyOf(sig, 63)));
    }

    @Test
    void labels_everyLabel_distinctVersionedAndOfThisModule() {
        Set<String> seen = new HashSet<>();
        for (String label : Labels.ALL) {
            assertTrue(seen.add(label), "duplicate label " + label);
            assertTrue(label.startsWith("palermo/") && label.matches(".*/v[1-9][0-9]*"), label);
        }
        for (SignaturePurpose p : SignaturePurpose.values()) {
            assertTrue(Labels.ALL.contains(p.label()));
        }
        Set<String> purposeLabels = new HashSet<>();
        for (SignaturePurpose p : SignaturePurpose.values()) {
            purposeLabels.add(p.label());
        }
        assertEquals(SignaturePurpose.values().length, purposeLabels.size());
    }

    @Test
    void signedBytes_layout_isLengthPrefixedLabelThenMessage() {
        byte[] signed = SignaturePurpose.LOGIN_CHALLENGE.signedBytes(new byte[] {1, 2});
        String label = Labels.SIGN_LOGIN_CHALLENGE;
        assertEquals(String.format("%02x", label.length()) + HexFormat.of().formatHex(label.getBytes(StandardCharsets.US_ASCII)) + "0102",
                HexFormat.of().formatHex(signed));
    }

    /** RFC 8032 section 7.1 test 1 through our key handle: the empty message under the raw seed. */
    @Test
    void signingKeyPair_rfc8032Seed_derivesKnownPublicKey() {
        SigningKeyPair k = SigningKeyPair.fromSeed(HexFormat.of().parseHex(
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"), InsecureSecretKeyAccess.get());
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", HexFormat.of().formatHex(k.publicKey().raw()));
        assertArrayEquals(HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
                k.toSeed(InsecureSecretKeyAccess.get()));
        byte[] sig1 = k.sign(SignaturePurpose.AUDIT_ENTRY, message);
        assertArrayEquals(sig1, k.sign(SignaturePurpose.AUDIT_ENTRY, message), "Ed25519 is deterministic");
    }
}
