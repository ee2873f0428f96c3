package org.palermo.security.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.palermo.security.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.palermo.security.testing.Vectors;

/**
 * Wycheproof x25519_test.json; ATTACKS.md class 25: an all-zero shared secret aborts, and a
 * public key that is not canonically encoded is refused as an encoding (Wycheproof's
 * "acceptable" NonCanonicalPublic vectors still agree, but {@link AgreementPublicKey} refuses them).
 */
class X25519VectorsTest {

    static boolean allZero(byte[] b) {
        return Arrays.equals(b, new byte[b.length]);
    }

    @TestFactory
    Stream<DynamicTest> agree_everyVector_matchesSharedSecretOrAbortsOnZero() {
        List<JsonNode> tests = Vectors.wycheproofTests("x25519_test.json");
        assertTrue(tests.stream().anyMatch(t -> allZero(hex(t.get("shared")))), "no zero-shared-secret vectors");
        return tests.stream().map(t -> dynamicTest(Vectors.name(t), () -> {
            assertEquals("curve25519", t.get("group").path("curve").asText());
            byte[] priv = hex(t.get("private"));
            byte[] pub = hex(t.get("public"));
            byte[] shared = hex(t.get("shared"));
            String result = t.get("result").asText();
            if (result.equals("invalid")) {
                assertThrows(GeneralSecurityException.class, () -> X25519.agree(priv, pub));
            } else if (allZero(shared)) {
                assertThrows(GeneralSecurityException.class, () -> X25519.agree(priv, pub));
                assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(pub));
            } else if (nonCanonical(pub)) {
                // RFC 7748 agreement reduces the value, so Wycheproof calls these acceptable;
                // as a public key encoding they are refused: one key, one encoding.
                assertArrayEquals(shared, X25519.agree(priv, pub));
                assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(pub));
            } else {
                assertArrayEquals(shared, X25519.agree(priv, pub));
                assertArrayEquals(pub, AgreementPublicKey.fromRaw(pub).raw());
            }
        }));
    }

    /** Top bit set, or the value (top bit cleared) at least 2^255 - 19; computed apart from the module's check. */
    static boolean nonCanonical(byte[] raw) {
        byte[] bigEndian = new byte[raw.length];
        for (int i = 0; i < raw.length; i++) {
            bigEndian[i] = raw[raw.length - 1 - i];
        }
        BigInteger u = new BigInteger(1, bigEndian);
        return u.compareTo(BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19))) >= 0;
    }

    @TestFactory
    Stream<DynamicTest> fromRaw_nonCanonicalVectorPublicKeys_refused() {
        List<JsonNode> tests = Vectors.wycheproofTests("x25519_test.json").stream()
                .filter(t -> nonCanonical(hex(t.get("public")))).toList();
        assertTrue(tests.size() >= 19, "too few non-canonical public keys: " + tests.size());
        assertTrue(Vectors.wycheproofTests("x25519_test.json").stream()
                .filter(t -> t.get("flags").toString().contains("NonCanonicalPublic"))
                .allMatch(t -> nonCanonical(hex(t.get("public")))), "a NonCanonicalPublic vector the test misses");
        return tests.stream().map(t -> dynamicTest(Vectors.name(t), () ->
                assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(hex(t.get("public"))))));
    }

    @Test
    void fromRaw_boundaryValues_refusedFromPUpward() throws InvalidKeyEncodingException {
        byte[] p = new byte[32];
        Arrays.fill(p, (byte) 0xff);
        p[0] = (byte) 0xed;
        p[31] = 0x7f; // p = 2^255 - 19, little-endian
        assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(p));
        byte[] pMinus1 = p.clone();
        pMinus1[0] = (byte) 0xec; // p - 1: canonical (and of small order, so refused for that reason)
        assertTrue(X25519.isCanonical(pMinus1));
        byte[] topBit = AgreementKeyPair.generate().publicKey().raw();
        topBit[31] |= (byte) 0x80;
        assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(topBit));
        byte[] pPlus9 = p.clone();
        pPlus9[0] = (byte) 0xf6; // p + 9, which RFC 7748 reads as 9, the base point
        assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(pPlus9));
        byte[] nine = new byte[32];
        nine[0] = 9;
        assertArrayEquals(nine, AgreementPublicKey.fromRaw(nine).raw());
    }

    @TestFactory
    Stream<DynamicTest> agreementKeyPair_validVectors_derivesPublicKeyThatAgrees() {
        // For valid vectors, our key pair built from the private scalar agrees with the peer.
        return Vectors.wycheproofTests("x25519_test.json").stream()
                .filter(t -> t.get("result").asText().equals("valid")).limit(40)
                .map(t -> dynamicTest(Vectors.name(t), () -> {
                    AgreementKeyPair mine = AgreementKeyPair.fromBytes(hex(t.get("private")),
                            org.palermo.security.InsecureSecretKeyAccess.get());
                    AgreementKeyPair peer = AgreementKeyPair.generate();
                    assertArrayEquals(X25519.agree(mine.toBytes(org.palermo.security.InsecureSecretKeyAccess.get()),
                                    peer.publicKey().raw()),
                            X25519.agree(peer.toBytes(org.palermo.security.InsecureSecretKeyAccess.get()),
                                    mine.publicKey().raw()));
                }));
    }
}
