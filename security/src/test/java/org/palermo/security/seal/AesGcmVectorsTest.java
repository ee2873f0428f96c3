package org.palermo.security.seal;

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
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.palermo.security.testing.Vectors;

/**
 * Wycheproof aes_gcm_test.json against {@link JdkAesGcm}, the JDK path all bulk content takes.
 * It supports 12-byte nonces and 16-byte tags only; vectors with other sizes must be refused.
 */
class AesGcmVectorsTest {

    static boolean supported(JsonNode t) {
        return t.get("group").path("ivSize").asInt() == 96 && t.get("group").path("tagSize").asInt() == 128;
    }

    @TestFactory
    Stream<DynamicTest> jdkAesGcm_everySupportedVector_matches() {
        List<JsonNode> tests = Vectors.wycheproofTests("aes_gcm_test.json").stream().filter(AesGcmVectorsTest::supported).toList();
        assertTrue(tests.size() > 100, "too few 96-bit-nonce vectors: " + tests.size());
        assertTrue(tests.stream().anyMatch(t -> t.get("group").path("keySize").asInt() == 256));
        return tests.stream().map(t -> dynamicTest(Vectors.name(t), () -> {
            JdkAesGcm gcm = new JdkAesGcm(hex(t.get("key")));
            byte[] iv = hex(t.get("iv"));
            byte[] aad = hex(t.get("aad"));
            byte[] msg = hex(t.get("msg"));
            byte[] sealed = concat(hex(t.get("ct")), hex(t.get("tag")));
            if (t.get("result").asText().equals("valid")) {
                assertArrayEquals(sealed, gcm.seal(iv, aad, msg));
                assertArrayEquals(msg, gcm.open(iv, aad, sealed));
            } else {
                assertThrows(AEADBadTagException.class, () -> gcm.open(iv, aad, sealed));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> jdkAesGcm_otherNonceSizes_refused() {
        List<JsonNode> tests = Vectors.wycheproofTests("aes_gcm_test.json").stream().filter(t -> !supported(t)).toList();
        assertTrue(tests.size() > 10, "too few vectors with other nonce or tag sizes: " + tests.size());
        return tests.stream()
                .map(t -> dynamicTest(Vectors.name(t), () -> {
                    JdkAesGcm gcm = new JdkAesGcm(hex(t.get("key")));
                    byte[] iv = hex(t.get("iv"));
                    byte[] sealed = concat(hex(t.get("ct")), hex(t.get("tag")));
                    assertThrows(IllegalArgumentException.class, () -> gcm.open(iv, hex(t.get("aad")), sealed));
                    assertThrows(IllegalArgumentException.class, () -> gcm.seal(iv, hex(t.get("aad")), hex(t.get("msg"))));
                }));
    }

    @Test
    void warmUp_runsWithoutSideEffects_andTheCipherStillMatchesVectors() throws GeneralSecurityException {
        JdkAesGcm.warmUp(true, true);
        JsonNode first = Vectors.wycheproofTests("aes_gcm_test.json").stream().filter(AesGcmVectorsTest::supported)
                .filter(t -> t.get("result").asText().equals("valid")).findFirst().orElseThrow();
        assertArrayEquals(concat(hex(first.get("ct")), hex(first.get("tag"))),
                new JdkAesGcm(hex(first.get("key"))).seal(hex(first.get("iv")), hex(first.get("aad")), hex(first.get("msg"))));
    }

    @Test
    void jdkAesGcm_provider_isSunJce() {
        assertEquals("SunJCE", new JdkAesGcm(new byte[32]).providerName());
    }

    @Test
    void jdkAesGcm_badKeyLengthOrShortCiphertext_refused() throws GeneralSecurityException {
        assertThrows(IllegalArgumentException.class, () -> new JdkAesGcm(new byte[31]));
        JdkAesGcm gcm = new JdkAesGcm(new byte[32]);
        assertThrows(AEADBadTagException.class, () -> gcm.open(new byte[12], null, new byte[15]));
        assertThrows(AEADBadTagException.class, () -> gcm.open(new byte[12], null, new byte[15], 0, 15, new byte[16], 0));
        byte[] sealed = gcm.seal(new byte[12], new byte[] {1}, new byte[] {9});
        assertThrows(AEADBadTagException.class, () -> gcm.open(new byte[12], new byte[] {2}, sealed));
        assertArrayEquals(new byte[] {9}, gcm.open(new byte[12], new byte[] {1}, sealed));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
