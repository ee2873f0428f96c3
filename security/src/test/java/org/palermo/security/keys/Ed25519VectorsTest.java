package org.palermo.security.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.palermo.security.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.palermo.security.testing.Vectors;

/** Wycheproof ed25519_test.json; ATTACKS.md class 25: non-canonical encodings are rejected. */
class Ed25519VectorsTest {

    @TestFactory
    Stream<DynamicTest> verify_everyVector_acceptsExactlyTheValidOnes() {
        List<JsonNode> tests = Vectors.wycheproofTests("ed25519_test.json");
        assertTrue(tests.stream().anyMatch(t -> Vectors.hasFlag(t, "SignatureMalleability")));
        return tests.stream().map(t -> dynamicTest(Vectors.name(t), () -> {
            byte[] pk = hex(t.get("group").path("publicKey").path("pk"));
            byte[] msg = hex(t.get("msg"));
            byte[] sig = hex(t.get("sig"));
            boolean valid = t.get("result").asText().equals("valid");
            assertEquals(valid, SigningPublicKey.verifyRaw(pk, msg, sig));
            if (valid) {
                assertEquals(32, SigningPublicKey.fromRaw(pk).raw().length);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> fromRaw_nonCanonicalOrSmallOrderKeys_rejected() {
        // y >= p (non-canonical), the identity and other small-order points, a point off the curve.
        String[] bad = {
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1
            "0100000000000000000000000000000000000000000000000000000000000000", // identity
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
            "0000000000000000000000000000000000000000000000000000000000000080", // order 4
            "0200000000000000000000000000000000000000000000000000000000000000", // not on the curve
        };
        return Stream.of(bad).map(h -> dynamicTest(h, () -> {
            byte[] raw = java.util.HexFormat.of().parseHex(h);
            assertThrows(InvalidKeyEncodingException.class, () -> SigningPublicKey.fromRaw(raw));
            assertThrows(InvalidKeyEncodingException.class, () -> SigningPublicKey.decode(KeyType.ED25519.encode(raw)));
        }));
    }
}
