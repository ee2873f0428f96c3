package org.palermo.security.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.sign.SignaturePurpose;
import org.palermo.security.wrap.DocumentKeyWrap;

/** Document manifests: encoding, signatures (ATTACKS.md classes 6, 10-14) and validation. */
class DocumentManifestTest {
    final SigningKeyPair author = SigningKeyPair.generate();
    final WorkspaceId ws = WorkspaceId.random();
    final DocumentId doc = DocumentId.random();
    final byte[] wrapped = DocumentKeyWrap.wrap(SymmetricKey.generate(), SymmetricKey.generate(),
            ws, doc, 4, 2);

    static byte[] header(int v) {
        byte[] h = new byte[SealedPart.HEADER_LENGTH];
        Arrays.fill(h, (byte) v);
        return h;
    }

    static SealedPart part(long plaintextLength, int v) {
        return new SealedPart(ContentSeal.ciphertextLength(plaintextLength), header(v));
    }

    DocumentManifest.Builder version() {
        return DocumentManifest.builder().workspace(ws).document(doc).version(4)
                .kind(ManifestKind.VERSION).author(AccountId.random())
                .authorDevice(DeviceId.random())
                .epoch(2).membershipSequence(9).disclosure(DisclosureLevel.CONFIDENTIAL)
                .createdAt(1_767_225_600L).contentLength(100_000).content(part(100_000, 1))
                .metadata(part(300, 2)).original(part(120_000, 3)).originalLength(120_000)
                .wrappedKey(wrapped);
    }

    DocumentManifest.Builder tombstone() {
        return DocumentManifest.builder().workspace(ws).document(doc).version(5)
                .kind(ManifestKind.TOMBSTONE).author(AccountId.random())
                .authorDevice(DeviceId.random())
                .epoch(2).membershipSequence(10).disclosure(DisclosureLevel.CONFIDENTIAL)
                .createdAt(1_767_225_601L);
    }

    @Test
    void encodeAndDecode_versionWithAndWithoutOriginalAndTombstone_roundTrip() throws Exception {
        List<DocumentManifest> manifests = List.of(version().build(),
                version().original(null).originalLength(0).build(),
                version().contentLength(0).content(part(0, 1)).build(),
                tombstone().build());
        for (DocumentManifest m : manifests) {
            DocumentManifest back = DocumentManifest.decode(m.encode());
            assertEquals(m, back);
            assertEquals(m.hashCode(), back.hashCode());
            assertArrayEquals(m.encode(), back.encode());
            assertEquals(m, m.toBuilder().build());
        }
        DocumentManifest m = version().build();
        assertEquals(3, m.parentVersion());
        assertEquals(100_000, m.content().orElseThrow().plaintextLength());
        assertArrayEquals(wrapped, m.wrappedKey().orElseThrow());
        assertTrue(m.toString().contains(doc.toString()));
        DocumentManifest t = tombstone().build();
        assertTrue(t.content().isEmpty() && t.metadata().isEmpty() && t.original().isEmpty()
                && t.wrappedKey().isEmpty());
        assertEquals(0, t.contentLength());
    }

    @Test
    void accessors_returnCopies_manifestUnchanged() {
        DocumentManifest m = version().build();
        m.wrappedKey().orElseThrow()[0] ^= 1;
        m.content().orElseThrow().header()[0] ^= 1;
        assertArrayEquals(wrapped, m.wrappedKey().orElseThrow());
        assertArrayEquals(header(1), m.content().orElseThrow().header());
        byte[] key = wrapped.clone();
        DocumentManifest.Builder b = version().wrappedKey(key);
        key[5] ^= 1;
        assertArrayEquals(wrapped, b.build().wrappedKey().orElseThrow());
    }

    @Test
    void signAndVerify_authorsKey_verifies_otherKey_fails() throws Exception {
        DocumentManifest m = version().build();
        byte[] sig = m.sign(author);
        m.verify(author.publicKey(), sig);
        DocumentManifest.decode(m.encode()).verify(author.publicKey(), sig);
        assertThrows(SignatureException.class,
                () -> m.verify(SigningKeyPair.generate().publicKey(), sig));
        assertThrows(SignatureException.class, () -> m.verify(author.publicKey(), null));
        assertThrows(SignatureException.class,
                () -> m.verify(author.publicKey(), Arrays.copyOf(sig, 63)));
    }

    /** ATTACKS.md classes 10, 11, 12, 13 and 14: any field the server changes breaks it. */
    @Test
    void verify_anyFieldChanged_fails() throws Exception {
        DocumentManifest m = version().build();
        byte[] sig = m.sign(author);
        List<UnaryOperator<DocumentManifest.Builder>> changes = List.of(
                b -> b.workspace(WorkspaceId.random()),
                b -> b.document(DocumentId.random()),
                b -> b.version(5),
                b -> b.author(AccountId.random()),
                b -> b.authorDevice(DeviceId.random()),
                b -> b.epoch(3),
                b -> b.membershipSequence(10),
                b -> b.disclosure(DisclosureLevel.STATES_ONLY),
                b -> b.disclosure(DisclosureLevel.PUBLIC),
                b -> b.createdAt(1_767_225_599L),
                b -> b.contentLength(100_001).content(part(100_001, 1)),
                b -> b.content(part(100_000, 9)),
                b -> b.metadata(part(301, 2)),
                b -> b.metadata(part(300, 9)),
                b -> b.original(part(120_000, 9)),
                b -> b.original(part(120_001, 3)).originalLength(120_001),
                b -> b.original(null).originalLength(0),
                b -> b.wrappedKey(flipped(wrapped, 20)),
                b -> b.kind(ManifestKind.TOMBSTONE).contentLength(0).content(null).metadata(null)
                        .original(null).originalLength(0).wrappedKey(null));
        for (UnaryOperator<DocumentManifest.Builder> change : changes) {
            DocumentManifest changed = change.apply(m.toBuilder()).build();
            assertNotEquals(m, changed);
            assertThrows(SignatureException.class, () -> changed.verify(author.publicKey(), sig),
                    changed.toString());
        }
        DocumentManifest t = tombstone().build();
        byte[] tsig = t.sign(author);
        assertThrows(SignatureException.class,
                () -> t.toBuilder().version(6).build().verify(author.publicKey(), tsig));
    }

    static byte[] flipped(byte[] b, int i) {
        byte[] c = b.clone();
        c[i] ^= 1;
        return c;
    }

    /** ATTACKS.md class 6: a signature made for another purpose never verifies as a manifest. */
    @Test
    void verify_signatureMadeForAnotherPurpose_fails() throws Exception {
        DocumentManifest m = version().build();
        byte[] encoded = m.encode();
        for (SignaturePurpose p : SignaturePurpose.values()) {
            if (p != SignaturePurpose.DOCUMENT_MANIFEST) {
                byte[] other = author.sign(p, encoded);
                assertThrows(SignatureException.class, () -> m.verify(author.publicKey(), other),
                        p.name());
            }
        }
        // A membership entry whose payload is this manifest: its signature is not a manifest's.
        ChainEntry entry = ChainEntry.genesis(ChainKind.MEMBERSHIP, author, encoded);
        byte[] entrySignature = Arrays.copyOfRange(entry.encode(), entry.encode().length - 64,
                entry.encode().length);
        assertThrows(SignatureException.class, () -> m.verify(author.publicKey(), entrySignature));
        // And the manifest's signature verifies for no other purpose.
        byte[] sig = m.sign(author);
        assertThrows(SignatureException.class,
                () -> author.publicKey().verify(SignaturePurpose.MEMBERSHIP_ENTRY, encoded, sig));
    }

    @Test
    void decode_truncatedExtendedOrGarbage_refusedWithOneExceptionType() {
        byte[] good = version().build().encode();
        List<byte[]> bad = new ArrayList<>();
        for (int n = 0; n < good.length; n++) {
            bad.add(Arrays.copyOf(good, n));
        }
        bad.add(Arrays.copyOf(good, good.length + 1));
        byte[] extended = Arrays.copyOf(good, good.length + 8);
        bad.add(extended);
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[random.nextInt(good.length + 50)];
            random.nextBytes(garbage);
            bad.add(garbage);
        }
        bad.add(null);
        for (byte[] b : bad) {
            assertThrows(MalformedManifestException.class, () -> DocumentManifest.decode(b));
        }
    }

    @Test
    void decode_unknownVersionKindLevelOrPresenceByte_refused() {
        byte[] good = version().build().encode();
        int levelOffset = 2 + 16 + 16 + 8 + 8 + 16 + 16 + 8 + 8;
        int contentFlag = levelOffset + 1 + 8 + 8;
        int[][] edits = {{0, 0}, {0, 2}, {1, 0}, {1, 3}, {levelOffset, 0}, {levelOffset, 4},
            {contentFlag, 2}, {contentFlag, 0}, {good.length - 62, 2}, {good.length - 62, 0}};
        for (int[] edit : edits) {
            byte[] b = good.clone();
            b[edit[0]] = (byte) edit[1];
            assertThrows(MalformedManifestException.class, () -> DocumentManifest.decode(b),
                    edit[0] + "=" + edit[1]);
        }
        byte[] t = tombstone().build().encode();
        byte[] tombstoneWithLength = t.clone();
        tombstoneWithLength[levelOffset + 1 + 8 + 7] = 1; // content length 1
        assertThrows(MalformedManifestException.class,
                () -> DocumentManifest.decode(tombstoneWithLength));
    }

    @Test
    void decode_fieldsBreakingARule_refused() {
        byte[] good = version().build().encode();
        int versionOffset = 2 + 16 + 16;
        byte[] parentMismatch = good.clone();
        parentMismatch[versionOffset + 8 + 7] ^= 1;
        byte[] zeroEpoch = good.clone();
        Arrays.fill(zeroEpoch, versionOffset + 16 + 32, versionOffset + 16 + 32 + 8, (byte) 0);
        byte[] wrongContentLength = good.clone();
        wrongContentLength[versionOffset + 16 + 32 + 16 + 1 + 8 + 7] ^= 1;
        for (byte[] b : List.of(parentMismatch, zeroEpoch, wrongContentLength)) {
            assertThrows(MalformedManifestException.class, () -> DocumentManifest.decode(b));
        }
    }

    @Test
    void build_everyRule_enforced() {
        List<UnaryOperator<DocumentManifest.Builder>> broken = List.of(
                b -> b.workspace(null),
                b -> b.document(null),
                b -> b.kind(null),
                b -> b.author(null),
                b -> b.authorDevice(null),
                b -> b.disclosure(null),
                b -> b.version(0),
                b -> b.parentVersion(4),
                b -> b.parentVersion(2),
                b -> b.epoch(0),
                b -> b.membershipSequence(-1),
                b -> b.createdAt(-1),
                b -> b.content(null),
                b -> b.metadata(null),
                b -> b.wrappedKey(null),
                b -> b.wrappedKey(new byte[60]),
                b -> b.contentLength(99_999),
                b -> b.contentLength(-1),
                b -> b.contentLength(Long.MAX_VALUE),
                b -> b.originalLength(119_999),
                b -> b.original(null),
                b -> b.originalLength(-1));
        for (UnaryOperator<DocumentManifest.Builder> change : broken) {
            assertThrows(IllegalArgumentException.class, () -> change.apply(version()).build());
        }
        List<UnaryOperator<DocumentManifest.Builder>> brokenTombstones = List.of(
                b -> b.content(part(0, 1)),
                b -> b.metadata(part(0, 1)),
                b -> b.original(part(0, 1)),
                b -> b.wrappedKey(wrapped),
                b -> b.contentLength(1),
                b -> b.originalLength(1),
                b -> b.version(1));
        for (UnaryOperator<DocumentManifest.Builder> change : brokenTombstones) {
            assertThrows(IllegalArgumentException.class, () -> change.apply(tombstone()).build());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> version().epoch(0).build());
        assertTrue(e.getMessage().contains("epoch"), e.getMessage());
        version().parentVersion(3).build();
    }

    @Test
    void sealedPart_lengthOfNoSealedStreamOrBadHeader_refused() {
        long tooManyChunks = 56 + (1L << 38) * 16400 + 16;
        for (long len : new long[] {0, 55, 56, 71, 56 + 16400, 56 + 16400 + 15, -1, Long.MIN_VALUE,
            Long.MAX_VALUE, tooManyChunks}) {
            assertThrows(IllegalArgumentException.class, () -> new SealedPart(len, header(1)),
                    Long.toString(len));
        }
        for (long plain : new long[] {0, 1, 16383, 16384, 16385, 5L * 16384 + 12345,
            (1L << 38) * 16384 - 1}) {
            SealedPart p = new SealedPart(ContentSeal.ciphertextLength(plain), header(1));
            assertEquals(plain, p.plaintextLength());
        }
        assertThrows(IllegalArgumentException.class, () -> new SealedPart(72, new byte[55]));
        assertThrows(IllegalArgumentException.class, () -> new SealedPart(72, null));
        assertEquals(new SealedPart(72, header(1)), new SealedPart(72, header(1)));
        assertEquals(new SealedPart(72, header(1)).hashCode(),
                new SealedPart(72, header(1)).hashCode());
        assertNotEquals(new SealedPart(72, header(1)), new SealedPart(72, header(2)));
        assertNotEquals(new SealedPart(72, header(1)), new SealedPart(73, header(1)));
        assertFalse(new SealedPart(72, header(1)).equals("part"));
    }

    @Test
    void disclosureLevel_codesLabelsAndParsing() {
        assertEquals(List.of(1, 2, 3), Arrays.stream(DisclosureLevel.values())
                .map(DisclosureLevel::code).toList());
        for (DisclosureLevel level : DisclosureLevel.values()) {
            assertEquals(level, DisclosureLevel.fromCode(level.code()));
            assertEquals(level, DisclosureLevel.parse(level.label()));
            assertEquals(level, DisclosureLevel.parse(" " + level.label().toUpperCase() + " "));
        }
        assertEquals(DisclosureLevel.STATES_ONLY, DisclosureLevel.parse("states-only"));
        assertEquals("confidential", DisclosureLevel.CONFIDENTIAL.label());
        assertEquals("public", DisclosureLevel.PUBLIC.label());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DisclosureLevel.parse("secret"));
        assertTrue(e.getMessage().contains("confidential, states-only, public"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DisclosureLevel.parse(null));
        assertThrows(IllegalArgumentException.class, () -> DisclosureLevel.fromCode(0));
        assertThrows(IllegalArgumentException.class, () -> DisclosureLevel.fromCode(4));
        assertEquals(1, ManifestKind.VERSION.code());
        assertEquals(2, ManifestKind.TOMBSTONE.code());
        assertEquals(ManifestKind.TOMBSTONE, ManifestKind.fromCode(2));
        assertThrows(IllegalArgumentException.class, () -> ManifestKind.fromCode(3));
    }
}
