package org.palermo.security.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.seal.ContentSeal;

/**
 * The manifest vectors printed in FORMAT.md: encodings and Ed25519 signatures (seed 32 x 66)
 * computed with Python's {@code cryptography} 48 from the layout alone, pinned against the module.
 */
class ManifestFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String VERSION_HEX =
            "0101000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00000000000000"
            + "020000000000000001202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
            + "0000000000000003000000000000000502000000006955b90000000000000000070100000000000000"
            + "4f222222222222222222222222222222222222222222222222923df88b259947f399309be7ecb92549"
            + "66fe05570db0d71a3468051c376a13290100000000000000acaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa01"
            + "000000000000005cbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
            + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb000000000000001401019999999999999999"
            + "999999993934916f98c22dd11030c0073716b5d79fbe8184c80b71bc11e1d05cea82af69aef4d454ab"
            + "b1a870da555030cd153a1f";
    static final String VERSION_SIGNATURE_HEX =
            "8c2349c4d99cbb656054b64ad1247a9c3622ed0b0fa233fac12695c128987b527e5debb5012e07f72c"
            + "bc53f4cf3cb000c1f1ddc1d06b0108f9f4b571b8e37b07";
    static final String TOMBSTONE_HEX =
            "0102000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00000000000000"
            + "030000000000000002202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
            + "0000000000000003000000000000000601000000006955b93c00000000000000000000000000000000"
            + "00000000";
    static final String TOMBSTONE_SIGNATURE_HEX =
            "f6c81e1fee960233311734d4c68a11d2f4993e1ff51e6f6825731342b5db0c350718295266a00548db"
            + "ef5e345fd50f92e99eff8360906a61c015a7af859e410c";
    /** The sealed-content vector of FORMAT.md (ASCII "Palermo"): its header and length. */
    static final String SEALED_CONTENT_HEX = "222222222222222222222222222222222222222222222222"
            + "923df88b259947f399309be7ecb9254966fe05570db0d71a3468051c376a1329"
            + "6fef00389d18c23690219f17a5e74b43c3289403a9be8f";
    /** The document-key-under-epoch vector of FORMAT.md. */
    static final String WRAPPED_KEY_HEX = "019999999999999999999999993934916f98c22dd11030c007"
            + "3716b5d79fbe8184c80b71bc11e1d05cea82af69aef4d454abb1a870da555030cd153a1f";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static DocumentManifest.Builder common() {
        return DocumentManifest.builder()
                .workspace(WorkspaceId.parse("000102030405060708090a0b0c0d0e0f"))
                .document(DocumentId.parse("101112131415161718191a1b1c1d1e1f"))
                .author(AccountId.parse("202122232425262728292a2b2c2d2e2f"))
                .authorDevice(DeviceId.parse("303132333435363738393a3b3c3d3e3f"))
                .epoch(3);
    }

    static DocumentManifest versionVector() {
        byte[] sealed = HEX.parseHex(SEALED_CONTENT_HEX);
        return common().version(2).kind(ManifestKind.VERSION).membershipSequence(5)
                .disclosure(DisclosureLevel.STATES_ONLY).createdAt(1767225600L).contentLength(7)
                .content(new SealedPart(sealed.length, Arrays.copyOf(sealed, 56)))
                .metadata(new SealedPart(ContentSeal.ciphertextLength(100), filled(56, 0xaa)))
                .original(new SealedPart(ContentSeal.ciphertextLength(20), filled(56, 0xbb)))
                .originalLength(20)
                .wrappedKey(HEX.parseHex(WRAPPED_KEY_HEX))
                .build();
    }

    static DocumentManifest tombstoneVector() {
        return common().version(3).kind(ManifestKind.TOMBSTONE).membershipSequence(6)
                .disclosure(DisclosureLevel.CONFIDENTIAL).createdAt(1767225660L).build();
    }

    @Test
    void manifest_fixedFields_matchesFormatVectorsAndSignatures() throws Exception {
        SigningKeyPair author =
                SigningKeyPair.fromSeed(filled(32, 0x66), InsecureSecretKeyAccess.get());
        DocumentManifest version = versionVector();
        assertEquals(VERSION_HEX, HEX.formatHex(version.encode()));
        assertEquals(VERSION_SIGNATURE_HEX, HEX.formatHex(version.sign(author)));
        assertEquals(version, DocumentManifest.decode(HEX.parseHex(VERSION_HEX)));
        version.verify(author.publicKey(), HEX.parseHex(VERSION_SIGNATURE_HEX));
        DocumentManifest tombstone = tombstoneVector();
        assertEquals(TOMBSTONE_HEX, HEX.formatHex(tombstone.encode()));
        assertEquals(TOMBSTONE_SIGNATURE_HEX, HEX.formatHex(tombstone.sign(author)));
        assertEquals(tombstone, DocumentManifest.decode(HEX.parseHex(TOMBSTONE_HEX)));
    }
}
