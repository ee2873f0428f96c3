package org.palermo.security.passphrase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.palermo.security.testing.Vectors.hex;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.palermo.security.testing.Vectors;

/** Wycheproof hkdf_sha256_test.json against {@link Hkdf#sha256}. */
class HkdfVectorsTest {
    @TestFactory
    Stream<DynamicTest> sha256_everyVector_matchesOrRefusesOversizedOutput() {
        return Vectors.wycheproofTests("hkdf_sha256_test.json").stream().map(t -> dynamicTest(Vectors.name(t), () -> {
            byte[] ikm = hex(t.get("ikm"));
            byte[] salt = hex(t.get("salt"));
            byte[] info = hex(t.get("info"));
            int size = t.get("size").asInt();
            if (t.get("result").asText().equals("valid")) {
                assertArrayEquals(hex(t.get("okm")), Hkdf.sha256(ikm, salt, info, size));
            } else {
                assertThrows(IllegalArgumentException.class, () -> Hkdf.sha256(ikm, salt, info, size));
            }
        }));
    }

    @Test
    void sha256_outputLengthOutOfRange_refused() {
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha256(new byte[32], null, new byte[0], 0));
        assertEquals(1, Hkdf.sha256(new byte[32], null, new byte[0], 1).length);
        assertEquals(255 * 32, Hkdf.sha256(new byte[32], null, new byte[0], 255 * 32).length);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.sha256(new byte[32], null, new byte[0], 255 * 32 + 1));
    }
}
