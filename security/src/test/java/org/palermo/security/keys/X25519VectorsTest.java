package org.palermo.security.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.palermo.security.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.palermo.security.testing.Vectors;

/** Wycheproof x25519_test.json; ATTACKS.md class 25: an all-zero shared secret aborts. */
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
            } else {
                assertArrayEquals(shared, X25519.agree(priv, pub));
                assertArrayEquals(pub, AgreementPublicKey.fromRaw(pub).raw());
            }
        }));
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
