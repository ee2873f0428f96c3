package org.palermo.security.wrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.AgreementKeyPair;

/** The key-wrap vector printed in FORMAT.md: a fixed ephemeral key (ikmE) makes HPKE deterministic. */
class WrapFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final WrapInfo INFO = WrapInfo.epochKey(WorkspaceId.parse("000102030405060708090a0b0c0d0e0f"), 7,
            AccountId.parse("101112131415161718191a1b1c1d1e1f"), DeviceId.parse("202122232425262728292a2b2c2d2e2f"));
    static final byte[] RECIPIENT_PRIVATE = filled(32, 0x33);
    static final byte[] IKM_E = filled(32, 0x44);
    static final byte[] WRAPPED_KEY = filled(32, 0x55);
    static final String RECIPIENT_PUBLIC_HEX = "7b0d47d93427f8311160781c7c733fd89f88970aef490d8aa0ee19a4cb8a1b14";
    static final String WRAPPED_HEX = "0186e76b8dd088dabf46d94d4820a251861376de69c3a36f2e53f8bffcdb519e00070a8e5c7f4808b1a04a658891aadeac63961f523e27b0dbe2c1814a673d3185d82946fcaa0f9f314a3d458c300e8c20";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void wrap_fixedEphemeral_matchesFormatVectorAndUnwraps() throws Exception {
        AgreementKeyPair recipient = AgreementKeyPair.fromBytes(RECIPIENT_PRIVATE, InsecureSecretKeyAccess.get());
        assertEquals(RECIPIENT_PUBLIC_HEX, HEX.formatHex(recipient.publicKey().raw()));
        AsymmetricCipherKeyPair ephemeral = Hpke.suite().deriveKeyPair(IKM_E);
        byte[][] encAndCt = Hpke.seal(recipient.publicKey().raw(), INFO.encode(), new byte[] {KeyWrap.VERSION},
                WRAPPED_KEY, ephemeral);
        String wrapped = "01" + HEX.formatHex(encAndCt[0]) + HEX.formatHex(encAndCt[1]);
        assertEquals(WRAPPED_HEX, wrapped);
        assertArrayEquals(WRAPPED_KEY, KeyWrap.unwrap(HEX.parseHex(WRAPPED_HEX), recipient, INFO)
                .toBytes(InsecureSecretKeyAccess.get()));
    }
}
