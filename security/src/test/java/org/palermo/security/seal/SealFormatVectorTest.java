package org.palermo.security.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;

/** The sealed-content vector printed in FORMAT.md, made by this module and pinned here. */
class SealFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final SealContext CONTEXT = SealContext.content(WorkspaceId.parse("000102030405060708090a0b0c0d0e0f"),
            DocumentId.parse("101112131415161718191a1b1c1d1e1f"), 1);
    static final byte[] KEY = filled(32, 0x11);
    static final byte[] SALT = filled(24, 0x22);
    static final byte[] PLAINTEXT = "Palermo".getBytes(StandardCharsets.US_ASCII);
    static final String CONTEXT_HEX = "2070616c65726d6f2f7365616c2f646f63756d656e742d636f6e74656e742f7631000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f0000000000000001";
    static final String CIPHERTEXT_HEX = "222222222222222222222222222222222222222222222222923df88b259947f399309be7ecb9254966fe05570db0d71a3468051c376a13296fef00389d18c23690219f17a5e74b43c3289403a9be8f";

    static final String ORIGINAL_CONTEXT_HEX = "2170616c65726d6f2f7365616c2f646f63756d656e742d6f72"
            + "6967696e616c2f7631000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "0000000000000001";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void context_fixedIds_matchesFormatVector() {
        assertEquals(CONTEXT_HEX, HEX.formatHex(CONTEXT.encode()));
        SealContext original = SealContext.original(CONTEXT.workspace(), CONTEXT.document(), 1);
        assertEquals(SealPurpose.DOCUMENT_ORIGINAL, original.purpose());
        assertEquals(ORIGINAL_CONTEXT_HEX, HEX.formatHex(original.encode()));
    }

    @Test
    void seal_fixedKeySaltAndContext_matchesFormatVectorAndOpens() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream s = ContentSeal.sealingStream(KEY, CONTEXT.encode(), SALT, out)) {
            s.write(PLAINTEXT);
        }
        assertEquals(CIPHERTEXT_HEX, HEX.formatHex(out.toByteArray()));
        SymmetricKey key = SymmetricKey.fromBytes(KEY, InsecureSecretKeyAccess.get());
        assertArrayEquals(PLAINTEXT, ContentSeal.newOpeningStream(key, CONTEXT,
                new ByteArrayInputStream(HEX.parseHex(CIPHERTEXT_HEX))).readAllBytes());
    }
}
