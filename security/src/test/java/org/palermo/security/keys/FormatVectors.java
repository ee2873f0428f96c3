package org.palermo.security.keys;

import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.InvitationId;

/** Fixed inputs of the identity vectors printed in FORMAT.md. */
final class FormatVectors {
    static final InvitationId INVITATION = InvitationId.parse("30313233343536373839303132333435");
    static final String FINGERPRINT_HEX = "6a0f4c945180bf7113992a9f2c3746c2d3b5d3b17fbc33314684c05767669a9c";
    static final String FINGERPRINT_DIGITS = "10321 72729 01510 64209 18150 36646";
    static final String VERIFICATION_CODE = "81811 18021 67604 41170 23427 75089 55712 30569";

    private FormatVectors() {
    }

    static Identity identity() {
        return new Identity(AccountId.parse("000102030405060708090a0b0c0d0e0f"),
                DeviceId.parse("101112131415161718191a1b1c1d1e1f"),
                SigningKeyPair.fromSeed(seed(0x01), InsecureSecretKeyAccess.get()).publicKey(),
                AgreementKeyPair.fromBytes(seed(0x02), InsecureSecretKeyAccess.get()).publicKey());
    }

    static Identity identity2() {
        return new Identity(AccountId.parse("202122232425262728292a2b2c2d2e2f"),
                DeviceId.parse("303132333435363738393a3b3c3d3e3f"),
                SigningKeyPair.fromSeed(seed(0x03), InsecureSecretKeyAccess.get()).publicKey(),
                AgreementKeyPair.fromBytes(seed(0x04), InsecureSecretKeyAccess.get()).publicKey());
    }

    static byte[] seed(int b) {
        byte[] s = new byte[32];
        java.util.Arrays.fill(s, (byte) b);
        return s;
    }
}
