package org.palermo.security.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.security.seal.ContentSealTest.C;
import static org.palermo.security.seal.ContentSealTest.CONTEXT;
import static org.palermo.security.seal.ContentSealTest.KEY;
import static org.palermo.security.seal.ContentSealTest.plaintext;
import static org.palermo.security.seal.ContentSealTest.seal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;

/** ATTACKS.md classes 2, 8, 9, 10 and 23 against sealed content: a malicious server rewrites ciphertext. */
class SealAttacksTest {
    static final int SEALED = ContentSeal.SEALED_CHUNK_SIZE;
    static final int H = ContentSeal.HEADER_LENGTH;

    /** What a reader released before it failed, and the failure (null if it opened). */
    record Outcome(byte[] released, SealedContentException failure) {
    }

    static Outcome open(byte[] ct, SymmetricKey key, SealContext context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = ContentSeal.newOpeningStream(key, context, new ByteArrayInputStream(ct));
        byte[] buf = new byte[5000];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
            }
        } catch (SealedContentException e) {
            // It keeps failing: never a clean end of stream afterwards.
            assertThrows(SealedContentException.class, in::read);
            assertThrows(SealedContentException.class, () -> in.read(buf));
            return new Outcome(out.toByteArray(), e);
        }
        return new Outcome(out.toByteArray(), null);
    }

    static Outcome open(byte[] ct) throws IOException {
        return open(ct, KEY, CONTEXT);
    }

    static byte[] chunk(byte[] ct, int k) {
        int from = H + k * SEALED;
        return Arrays.copyOfRange(ct, from, Math.min(ct.length, from + SEALED));
    }

    static byte[] assemble(byte[] header, byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        for (byte[] c : chunks) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** Fails, and releases nothing beyond the first {@code authenticChunks} chunks of the plaintext. */
    static void assertRefused(byte[] plaintext, Outcome outcome, int authenticChunks) {
        assertTrue(outcome.failure() != null, "tampered ciphertext opened");
        int limit = Math.min(plaintext.length, authenticChunks * C);
        assertTrue(outcome.released().length <= limit, "released " + outcome.released().length + " > " + limit);
        assertArrayEquals(Arrays.copyOf(plaintext, outcome.released().length), outcome.released());
    }

    // Class 8: unauthenticated encryption.

    @Test
    void open_anySingleBitFlippedInSmallCiphertext_releasesNothing() throws IOException {
        byte[] p = plaintext(100);
        byte[] ct = seal(p);
        for (int bit = 0; bit < ct.length * 8; bit++) {
            byte[] bad = ct.clone();
            bad[bit / 8] ^= (byte) (1 << (bit % 8));
            Outcome o = open(bad);
            assertRefused(p, o, 0);
            assertEquals(0, o.released().length, "bit " + bit);
        }
    }

    @Test
    void open_bitFlippedInEachRegionOfLargeCiphertext_releasesOnlyEarlierChunks() throws IOException {
        byte[] p = plaintext(3 * C + 777);
        byte[] ct = seal(p);
        Map<String, Integer> positions = new LinkedHashMap<>();
        positions.put("salt", 3);
        positions.put("commitment", 30);
        for (int k = 0; k < 4; k++) {
            positions.put("chunk " + k + " body", H + k * SEALED + 5);
            positions.put("chunk " + k + " tag", Math.min(ct.length, H + (k + 1) * SEALED) - 3);
        }
        for (Map.Entry<String, Integer> e : positions.entrySet()) {
            byte[] bad = ct.clone();
            bad[e.getValue()] ^= 0x10;
            int chunkOfFlip = e.getValue() < H ? 0 : (e.getValue() - H) / SEALED;
            assertRefused(p, open(bad), chunkOfFlip);
        }
    }

    // Class 9: unauthenticated chunking.

    @Test
    void open_chunksReorderedDroppedDuplicatedOrTruncated_fails() throws IOException {
        byte[] p = plaintext(3 * C + 500);
        byte[] ct = seal(p);
        byte[] h = Arrays.copyOf(ct, H);
        byte[] c0 = chunk(ct, 0);
        byte[] c1 = chunk(ct, 1);
        byte[] c2 = chunk(ct, 2);
        byte[] c3 = chunk(ct, 3);
        assertArrayEquals(p, open(assemble(h, c0, c1, c2, c3)).released());

        assertRefused(p, open(assemble(h, c1, c0, c2, c3)), 0); // swap
        assertRefused(p, open(assemble(h, c0, c2, c1, c3)), 1); // swap later
        assertRefused(p, open(assemble(h, c0, c2, c3)), 1); // drop a middle chunk
        assertRefused(p, open(assemble(h, c0, c1, c2)), 3); // drop the final chunk
        assertRefused(p, open(assemble(h, c0, c1, c3)), 2); // final chunk moved up
        assertRefused(p, open(assemble(h, c0, c0, c1, c2, c3)), 1); // duplicate
        assertRefused(p, open(assemble(h, c0, c1, c2, c3, c3)), 3); // duplicate final
        assertRefused(p, open(assemble(h, c0, c1, c2, c3, new byte[] {0})), 3); // append a byte
        assertRefused(p, open(assemble(h, c0, c1, c2, c3, new byte[16])), 3); // append an empty-chunk-sized run
        // Truncate everywhere that matters: inside the header, at and around every chunk boundary.
        for (int cut : new int[] {0, 1, 24, 55, 56, 57, 56 + 15, 56 + 16, H + SEALED - 1, H + SEALED,
                H + SEALED + 1, H + 2 * SEALED, H + 3 * SEALED, H + 3 * SEALED + 16, ct.length - 1}) {
            assertRefused(p, open(Arrays.copyOf(ct, cut)), Math.max(0, (cut - H) / SEALED));
        }
    }

    @Test
    void open_messageOfExactlyOneChunkWithoutEmptyFinalChunk_fails() throws IOException {
        byte[] p = plaintext(C);
        byte[] ct = seal(p);
        assertEquals(H + SEALED + 16, ct.length, "a full chunk then an empty final chunk");
        assertRefused(p, open(Arrays.copyOf(ct, H + SEALED)), 1);
    }

    @Test
    void open_chunkSplicedFromOtherMessageUnderSameKey_fails() throws IOException {
        byte[] p = plaintext(2 * C + 5);
        byte[] a = seal(p);
        byte[] b = seal(p); // same key, context and plaintext; fresh salt
        assertRefused(p, open(assemble(Arrays.copyOf(a, H), chunk(a, 0), chunk(b, 1), chunk(a, 2))), 1);
        assertRefused(p, open(assemble(Arrays.copyOf(b, H), chunk(a, 0), chunk(a, 1), chunk(a, 2))), 0);
    }

    // Class 10: swapping bodies between documents and versions.

    @Test
    void open_underOtherWorkspaceDocumentVersionOrPurpose_releasesNothing() throws IOException {
        byte[] p = plaintext(C + 3);
        byte[] ct = seal(p);
        List<SealContext> others = List.of(
                SealContext.content(WorkspaceId.random(), CONTEXT.document(), CONTEXT.version()),
                SealContext.content(CONTEXT.workspace(), DocumentId.random(), CONTEXT.version()),
                SealContext.content(CONTEXT.workspace(), CONTEXT.document(), CONTEXT.version() + 1),
                SealContext.metadata(CONTEXT.workspace(), CONTEXT.document(), CONTEXT.version()),
                SealContext.original(CONTEXT.workspace(), CONTEXT.document(), CONTEXT.version()));
        for (SealContext other : others) {
            Outcome o = open(ct, KEY, other);
            assertRefused(p, o, 0);
            assertEquals(0, o.released().length, other.toString());
        }
        assertArrayEquals(p, open(ct, KEY, SealContext.content(CONTEXT.workspace(), CONTEXT.document(),
                CONTEXT.version())).released());
    }

    // Class 23: key commitment.

    @Test
    void open_wrongKey_failsAfterReadingOnlyTheHeader() throws IOException {
        byte[] ct = seal(plaintext(4 * C));
        int[] consumed = {0};
        InputStream counting = new FilterInputStream(new ByteArrayInputStream(ct)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                consumed[0] += Math.max(0, n);
                return n;
            }
        };
        InputStream in = ContentSeal.newOpeningStream(SymmetricKey.generate(), CONTEXT, counting);
        assertThrows(SealedContentException.class, in::read);
        assertEquals(H, consumed[0], "the commitment is checked before any chunk is read");
    }

    @Test
    void open_headerCommitmentFromOtherKeyWithValidChunks_fails() throws IOException {
        // Chunks valid under KEY, header made for another key: without the commitment check the
        // chunks would still decrypt if the derived AEAD key matched; the check rejects first.
        byte[] p = plaintext(50);
        byte[] ct = seal(p);
        byte[] other = seal(p, SymmetricKey.generate(), CONTEXT, 1);
        byte[] mixed = assemble(Arrays.copyOf(other, H), chunk(ct, 0));
        assertEquals(0, open(mixed).released().length);
        assertTrue(open(mixed).failure() != null);
    }

    // Class 2: one indistinguishable error.

    @Test
    void open_manyMalformedCiphertexts_giveOneIdenticalError() throws IOException {
        byte[] p = plaintext(2 * C + 9);
        byte[] ct = seal(p);
        List<byte[]> malformed = new ArrayList<>();
        malformed.add(new byte[0]);
        malformed.add(new byte[55]);
        malformed.add(Arrays.copyOf(ct, 56));
        malformed.add(Arrays.copyOf(ct, ct.length - 1));
        malformed.add(Arrays.copyOf(ct, ct.length + 1));
        for (int pos : new int[] {0, 24, 56, 56 + 16399, ct.length - 1}) {
            byte[] bad = ct.clone();
            bad[pos] ^= 1;
            malformed.add(bad);
        }
        malformed.add(assemble(Arrays.copyOf(ct, H), chunk(ct, 1), chunk(ct, 0), chunk(ct, 2)));
        String message = null;
        for (byte[] bad : malformed) {
            Outcome o = open(bad);
            assertEquals(SealedContentException.class, o.failure().getClass());
            assertNull(o.failure().getCause(), "no cause that could tell failures apart");
            message = message == null ? o.failure().getMessage() : message;
            assertEquals(message, o.failure().getMessage());
        }
        Outcome wrongKey = open(ct, SymmetricKey.generate(), CONTEXT);
        assertEquals(message, wrongKey.failure().getMessage());
    }
}
