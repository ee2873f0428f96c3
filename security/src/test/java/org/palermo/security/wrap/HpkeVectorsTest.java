package org.palermo.security.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.palermo.security.testing.Vectors.hex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.palermo.security.testing.Vectors;

/**
 * RFC 9180 test vectors (vectors/hpke/test-vectors.json) for the suite KeyWrap uses: mode 0
 * (base), KEM 0x0020 DHKEM(X25519, HKDF-SHA256), KDF 0x0001 HKDF-SHA256, AEAD 0x0002 AES-256-GCM.
 */
class HpkeVectorsTest {

    static JsonNode suiteVector() {
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode v : Vectors.json("hpke/test-vectors.json")) {
            if (v.get("mode").asInt() == 0 && v.get("kem_id").asInt() == 0x20
                    && v.get("kdf_id").asInt() == 1 && v.get("aead_id").asInt() == 2) {
                matches.add(v);
            }
        }
        assertEquals(1, matches.size(), "the file holds exactly one vector for this suite and mode");
        return matches.get(0);
    }

    static byte[] clamp(byte[] scalar) {
        byte[] k = scalar.clone();
        k[0] &= (byte) 0xf8;
        k[31] &= 0x7f;
        k[31] |= 0x40;
        return k;
    }

    @TestFactory
    Stream<DynamicTest> hpke_rfc9180BaseX25519Sha256Aes256_matchesEveryValue() {
        JsonNode v = suiteVector();
        List<DynamicTest> tests = new ArrayList<>();
        HPKE hpke = Hpke.suite();
        AsymmetricCipherKeyPair kpR = hpke.deriveKeyPair(hex(v.get("ikmR")));
        AsymmetricCipherKeyPair kpE = hpke.deriveKeyPair(hex(v.get("ikmE")));
        byte[] info = hex(v.get("info"));
        tests.add(dynamicTest("DeriveKeyPair(ikmR), DeriveKeyPair(ikmE)", () -> {
            // Bouncy Castle serialises the clamped scalar (RFC 7748 section 5); X25519 clamps on use.
            assertArrayEquals(clamp(hex(v.get("skRm"))), hpke.serializePrivateKey(kpR.getPrivate()));
            assertArrayEquals(hex(v.get("pkRm")), hpke.serializePublicKey(kpR.getPublic()));
            assertArrayEquals(clamp(hex(v.get("skEm"))), hpke.serializePrivateKey(kpE.getPrivate()));
            assertArrayEquals(hex(v.get("pkEm")), hpke.serializePublicKey(kpE.getPublic()));
        }));
        tests.add(dynamicTest("first encryption through Hpke.seal / Hpke.open (the KeyWrap path)", () -> {
            JsonNode first = v.get("encryptions").get(0);
            byte[][] encAndCt = Hpke.seal(hex(v.get("pkRm")), info, hex(first.get("aad")), hex(first.get("pt")), kpE);
            assertArrayEquals(hex(v.get("enc")), encAndCt[0]);
            assertArrayEquals(hex(first.get("ct")), encAndCt[1]);
            assertArrayEquals(hex(first.get("pt")), Hpke.open(hex(v.get("enc")), hex(v.get("skRm")), hex(v.get("pkRm")),
                    info, hex(first.get("aad")), hex(first.get("ct"))));
        }));
        HPKEContextWithEncapsulation sender = hpke.setupBaseS(kpR.getPublic(), info, kpE);
        HPKEContext receiver = hpke.setupBaseR(hex(v.get("enc")), kpR, info);
        int i = 0;
        for (JsonNode e : v.get("encryptions")) {
            int seq = i++;
            // Sequence numbers advance per message, so these run in order.
            tests.add(dynamicTest("encryption " + seq, () -> {
                assertArrayEquals(hex(e.get("ct")), sender.seal(hex(e.get("aad")), hex(e.get("pt"))));
                assertArrayEquals(hex(e.get("pt")), receiver.open(hex(e.get("aad")), hex(e.get("ct"))));
            }));
        }
        for (JsonNode x : v.get("exports")) {
            tests.add(dynamicTest("export L=" + x.get("L").asInt() + " ctx=" + x.get("exporter_context").asText(), () ->
                    assertArrayEquals(hex(x.get("exported_value")),
                            receiver.export(hex(x.get("exporter_context")), x.get("L").asInt()))));
        }
        assertEquals(257, v.get("encryptions").size());
        return tests.stream();
    }
}
