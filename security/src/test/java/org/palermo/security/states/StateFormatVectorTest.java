package org.palermo.security.states;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;

/**
 * The State certificate vectors printed in FORMAT.md, computed with Python's
 * {@code cryptography} 48 from the layouts alone (payloads, the operator-signed entries and
 * their hashes) and pinned against the module.
 */
class StateFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String OPEN = "0101" + "0101"
            + "34b4d9043156cb6dcf0beb0a2949b7559c940d2bcb6dbe8c53a9b30278e3a746"
            + "000000006955b900";
    static final String CERTIFY = "0102"
            + "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
            + "01018a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"
            + "0201ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59"
            + "00000006" + "66702d6d6578" + "4d4558" + "01"
            + "000000006955b900" + "000000006b36ec80";
    static final String REVOKE = "0103" + "0000000000000001" + "000000006955c710";
    static final List<String> HASHES = List.of(
            "18bae37dc5b6ca6b03d204fd71ae554e1e13bd3fca942685b87752f6896caef6",
            "cc019b58ec075340cdafbf29cc11e186121ad6f5c7b72e5b02045acd8935cf6e",
            "cd9b9ade980489ad311ae0495ad807d0c64ed1b59a66ef310ba2b95d0e2bce40");

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void payloadsAndEntries_fixedInputs_matchFormatVectors() throws Exception {
        SigningKeyPair operator = SigningKeyPair.fromSeed(filled(32, 0x66),
                InsecureSecretKeyAccess.get());
        Identity mexico = new Identity(AccountId.parse("000102030405060708090a0b0c0d0e0f"),
                DeviceId.parse("101112131415161718191a1b1c1d1e1f"),
                SigningKeyPair.fromSeed(filled(32, 0x01), InsecureSecretKeyAccess.get())
                        .publicKey(),
                AgreementKeyPair.fromBytes(filled(32, 0x02), InsecureSecretKeyAccess.get())
                        .publicKey());
        Instant opened = Instant.ofEpochSecond(1767225600);
        StateRegistryChange.Certify certify = new StateRegistryChange.Certify(
                new StateCertificate(mexico, "fp-mex", new StateCode("MEX"),
                        StateFunction.FOCAL_POINT, opened, Instant.ofEpochSecond(1798761600)));
        StateRegistryChange.Revoke revoke = new StateRegistryChange.Revoke(1,
                Instant.ofEpochSecond(1767229200));

        ChainEntry first = StateRegistry.genesis(operator, opened);
        assertEquals(OPEN, HEX.formatHex(first.payload()));
        StateRegistry registry = StateRegistry.verify(List.of(first), null);
        ChainEntry second = registry.append(operator, certify);
        registry = registry.extend(second);
        ChainEntry third = registry.append(operator, revoke);
        assertEquals(CERTIFY, HEX.formatHex(certify.encode()));
        assertEquals(REVOKE, HEX.formatHex(revoke.encode()));
        assertEquals(HASHES, List.of(HEX.formatHex(first.hash()), HEX.formatHex(second.hash()),
                HEX.formatHex(third.hash())));
        assertEquals(certify, StateRegistryChange.decode(HEX.parseHex(CERTIFY)));
        assertEquals(revoke, StateRegistryChange.decode(HEX.parseHex(REVOKE)));
        assertEquals(ChainKind.STATE_CERTIFICATES.purpose(),
                org.palermo.security.sign.SignaturePurpose.STATE_CERTIFICATE);
    }
}
