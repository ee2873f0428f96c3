package org.palermo.security.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.InvitationId;

class IdentityTest {
    static Identity identity() {
        return new Identity(AccountId.random(), DeviceId.random(), SigningKeyPair.generate().publicKey(),
                AgreementKeyPair.generate().publicKey());
    }

    @Test
    void encodeDecode_roundTrip_sameIdentityAndFingerprint() throws Exception {
        Identity id = identity();
        byte[] enc = id.encode();
        assertEquals(100, enc.length);
        Identity back = Identity.decode(enc);
        assertEquals(id, back);
        assertEquals(id.hashCode(), back.hashCode());
        assertTrue(id.fingerprint().matches(back.fingerprint()));
        assertEquals(id.fingerprint(), back.fingerprint());
    }

    @Test
    void publicKeyEncoding_typeAndVersionTag_checked() throws Exception {
        SigningPublicKey sk = SigningKeyPair.generate().publicKey();
        AgreementPublicKey ak = AgreementKeyPair.generate().publicKey();
        byte[] s = sk.encode();
        byte[] a = ak.encode();
        assertEquals(0x01, s[0]);
        assertEquals(0x01, s[1]);
        assertEquals(0x02, a[0]);
        assertEquals(0x01, a[1]);
        assertEquals(sk, SigningPublicKey.decode(s));
        assertEquals(ak, AgreementPublicKey.decode(a));
        // A key of one type offered as the other, a future version, a bad length: refused.
        assertThrows(InvalidKeyEncodingException.class, () -> SigningPublicKey.decode(a));
        assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.decode(s));
        byte[] v2 = s.clone();
        v2[1] = 2;
        assertThrows(InvalidKeyEncodingException.class, () -> SigningPublicKey.decode(v2));
        assertThrows(InvalidKeyEncodingException.class, () -> SigningPublicKey.decode(java.util.Arrays.copyOf(s, 33)));
        assertThrows(InvalidKeyEncodingException.class, () -> AgreementPublicKey.fromRaw(new byte[31]));
        assertThrows(InvalidKeyEncodingException.class, () -> SigningPublicKey.fromRaw(new byte[33]));
        assertThrows(InvalidKeyEncodingException.class, () -> Identity.decode(new byte[99]));
    }

    /** ATTACKS.md class 5: the same keys under another account or device have another fingerprint. */
    @Test
    void fingerprint_sameKeysUnderOtherAccountOrDevice_differs() {
        Identity id = identity();
        Identity otherAccount = new Identity(AccountId.random(), id.device(), id.signingKey(), id.agreementKey());
        Identity otherDevice = new Identity(id.account(), DeviceId.random(), id.signingKey(), id.agreementKey());
        Identity otherSigning = new Identity(id.account(), id.device(), SigningKeyPair.generate().publicKey(), id.agreementKey());
        Identity otherAgreement = new Identity(id.account(), id.device(), id.signingKey(), AgreementKeyPair.generate().publicKey());
        for (Identity other : new Identity[] {otherAccount, otherDevice, otherSigning, otherAgreement}) {
            assertFalse(id.fingerprint().matches(other.fingerprint()));
            assertNotEquals(id.fingerprint().toDigits(), other.fingerprint().toDigits());
            assertNotEquals(id, other);
        }
    }

    @Test
    void fingerprintDigits_format_sixGroupsOfFiveDigits() {
        String digits = identity().fingerprint().toDigits();
        assertTrue(digits.matches("\\d{5}( \\d{5}){5}"), digits);
    }

    @Test
    void fingerprint_fixedIdentity_matchesFormatVector() throws Exception {
        // The vector printed in FORMAT.md; a change to the encoding or label changes it.
        Identity id = FormatVectors.identity();
        assertEquals(FormatVectors.FINGERPRINT_HEX, id.fingerprint().toString());
        assertEquals(FormatVectors.FINGERPRINT_DIGITS, id.fingerprint().toDigits());
    }

    @Test
    void verificationCode_bothSides_agreeAndDependOnEverything() {
        Identity inviter = identity();
        Identity invitee = identity();
        InvitationId inv = InvitationId.random();
        String code = VerificationCode.of(inv, inviter, invitee);
        assertTrue(code.matches("\\d{5}( \\d{5}){7}"), code);
        assertEquals(code, VerificationCode.of(inv, inviter, invitee));
        assertNotEquals(code, VerificationCode.of(InvitationId.random(), inviter, invitee));
        assertNotEquals(code, VerificationCode.of(inv, invitee, inviter));
        Identity substituted = new Identity(invitee.account(), invitee.device(), invitee.signingKey(),
                AgreementKeyPair.generate().publicKey());
        assertNotEquals(code, VerificationCode.of(inv, inviter, substituted));
    }

    /** A server choosing both fake identities searches for a collision: half the code's bits. */
    @Test
    void verificationCode_length_resistsCollisionSearchOf64Bits() {
        String code = VerificationCode.of(InvitationId.random(), identity(), identity());
        double bits = code.replace(" ", "").length() * Math.log(10) / Math.log(2);
        assertTrue(bits >= 128, "a code of " + bits + " bits falls to a 2^" + bits / 2 + " collision search");
        assertEquals(8, VerificationCode.GROUPS);
    }

    @Test
    void digitGroups_fourBytesPerGroup_readsEveryByteOfTheHash() {
        byte[] hash = new byte[32];
        String zero = Fingerprint.digitGroups(hash, 8, 4);
        assertEquals("00000 00000 00000 00000 00000 00000 00000 00000", zero);
        hash[31] = 1; // the last byte lands in the last group
        assertEquals("00000 00000 00000 00000 00000 00000 00000 00001", Fingerprint.digitGroups(hash, 8, 4));
        hash[28] = 1; // 2^24 + 1 = 16777217, modulo 100000
        assertEquals("77217", Fingerprint.digitGroups(hash, 8, 4).substring(42));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.digitGroups(hash, 8, 5));
    }

    @Test
    void verificationCode_fixedInputs_matchesFormatVector() throws Exception {
        assertEquals(FormatVectors.VERIFICATION_CODE,
                VerificationCode.of(FormatVectors.INVITATION, FormatVectors.identity(), FormatVectors.identity2()));
    }

    @Test
    void keyHandles_toString_hidePrivateParts() {
        SigningKeyPair s = SigningKeyPair.generate();
        AgreementKeyPair a = AgreementKeyPair.generate();
        SymmetricKey k = SymmetricKey.generate();
        String seedHex = HexFormat.of().formatHex(s.toSeed(InsecureSecretKeyAccess.get()));
        String privHex = HexFormat.of().formatHex(a.toBytes(InsecureSecretKeyAccess.get()));
        String keyHex = HexFormat.of().formatHex(k.toBytes(InsecureSecretKeyAccess.get()));
        assertFalse(s.toString().contains(seedHex));
        assertFalse(a.toString().contains(privHex));
        assertFalse(k.toString().contains(keyHex));
        assertTrue(s.toString().contains(HexFormat.of().formatHex(s.publicKey().raw())));
    }

    @Test
    void keyHandles_rawBytes_needAccessTokenAndRightLength() {
        assertThrows(NullPointerException.class, () -> SymmetricKey.fromBytes(new byte[32], null));
        assertThrows(NullPointerException.class, () -> SymmetricKey.generate().toBytes(null));
        assertThrows(NullPointerException.class, () -> SigningKeyPair.generate().toSeed(null));
        assertThrows(NullPointerException.class, () -> AgreementKeyPair.generate().toBytes(null));
        assertThrows(IllegalArgumentException.class, () -> SigningKeyPair.fromSeed(new byte[31], InsecureSecretKeyAccess.get()));
        assertThrows(IllegalArgumentException.class, () -> AgreementKeyPair.fromBytes(new byte[33], InsecureSecretKeyAccess.get()));
        AgreementKeyPair a = AgreementKeyPair.generate();
        assertEquals(a.publicKey(), AgreementKeyPair.fromBytes(a.toBytes(InsecureSecretKeyAccess.get()),
                InsecureSecretKeyAccess.get()).publicKey());
        assertArrayEquals(a.toBytes(InsecureSecretKeyAccess.get()), a.toBytes(InsecureSecretKeyAccess.get()));
    }
}
