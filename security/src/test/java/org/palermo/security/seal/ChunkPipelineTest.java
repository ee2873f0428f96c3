package org.palermo.security.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;

/** The parallel whole-stream seal and open: same bytes as the streams, same failure rules, at every batch boundary. */
class ChunkPipelineTest {
    static final int C = ContentSeal.CHUNK_SIZE;
    static final int S = ContentSeal.SEALED_CHUNK_SIZE;
    static final byte[] KEY = ContentSealTest.KEY.toBytes(InsecureSecretKeyAccess.get());
    static final byte[] CTX = ContentSealTest.CONTEXT.encode();
    static final byte[] SALT = new byte[24];
    static final int BATCH = 3;

    static List<Integer> sizes() {
        return List.of(0, 1, C - 1, C, C + 1, 3 * C - 1, 3 * C, 3 * C + 1, 6 * C, 6 * C + 5, 10 * C + 7);
    }

    static byte[] streamSeal(byte[] p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream s = ContentSeal.sealingStream(KEY, CTX, SALT, out)) {
            s.write(p);
        }
        return out.toByteArray();
    }

    @Test
    void seal_everySizeAroundBatchBoundaries_sameBytesAsTheStream() throws IOException {
        for (int size : sizes()) {
            byte[] p = ContentSealTest.plaintext(size);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(size, ContentSeal.seal(KEY, CTX, SALT, new ByteArrayInputStream(p), out, BATCH));
            assertArrayEquals(streamSeal(p), out.toByteArray(), "size " + size);
        }
    }

    @Test
    void open_everySizeAroundBatchBoundaries_roundTrips() throws IOException {
        for (int batch : new int[] {1, BATCH, ChunkPipeline.BATCH_CHUNKS}) {
            for (int size : sizes()) {
                byte[] p = ContentSealTest.plaintext(size);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertEquals(size, ContentSeal.open(KEY, CTX, new ByteArrayInputStream(streamSeal(p)), out, batch));
                assertArrayEquals(p, out.toByteArray(), "size " + size + ", batch " + batch);
            }
        }
    }

    @Test
    void publicSealAndOpen_largerThanManyBatches_roundTrip() throws IOException {
        byte[] p = ContentSealTest.plaintext(5 * ChunkPipeline.BATCH_CHUNKS * C + 12345); // more batches than DEPTH
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        ContentSeal.seal(ContentSealTest.KEY, ContentSealTest.CONTEXT, new ByteArrayInputStream(p), sealed);
        assertArrayEquals(p, ContentSealTest.open(sealed.toByteArray()));
        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        assertEquals(p.length, ContentSeal.open(ContentSealTest.KEY, ContentSealTest.CONTEXT,
                new ByteArrayInputStream(sealed.toByteArray()), opened));
        assertArrayEquals(p, opened.toByteArray());
    }

    /** Never a byte past the last authentic chunk, whichever chunk (and batch) is bad. */
    @Test
    void open_flippedByteInAnyChunk_writesExactlyTheChunksBeforeItThenFails() throws IOException {
        byte[] p = ContentSealTest.plaintext(10 * C + 7);
        byte[] sealed = streamSeal(p);
        for (int k = 0; k <= 10; k++) {
            byte[] bad = sealed.clone();
            bad[ContentSeal.HEADER_LENGTH + k * S + new SplittableRandom(k).nextInt(k == 10 ? 7 + 16 : S)] ^= 1;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThrows(SealedContentException.class,
                    () -> ContentSeal.open(KEY, CTX, new ByteArrayInputStream(bad), out, BATCH));
            assertArrayEquals(Arrays.copyOf(p, k * C), out.toByteArray(), "chunk " + k);
        }
    }

    @Test
    void open_truncatedOrExtended_failsAfterTheAuthenticPrefixOnly() throws IOException {
        byte[] p = ContentSealTest.plaintext(6 * C); // chunks 0..5 full, chunk 6 empty
        byte[] sealed = streamSeal(p);
        for (int cut : new int[] {3, 6}) { // at a batch boundary: a message cannot end on a full chunk
            byte[] truncated = Arrays.copyOf(sealed, ContentSeal.HEADER_LENGTH + cut * S);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThrows(SealedContentException.class,
                    () -> ContentSeal.open(KEY, CTX, new ByteArrayInputStream(truncated), out, BATCH));
            assertArrayEquals(Arrays.copyOf(p, cut * C), out.toByteArray());
        }
        byte[] extended = Arrays.copyOf(sealed, sealed.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(SealedContentException.class,
                () -> ContentSeal.open(KEY, CTX, new ByteArrayInputStream(extended), out, BATCH));
        assertArrayEquals(p, out.toByteArray(), "the six full chunks are authentic; the trailing byte is not");
    }

    @Test
    void open_wrongContextOrShortHeader_writesNothing() throws IOException {
        byte[] sealed = streamSeal(ContentSealTest.plaintext(4 * C));
        byte[] otherCtx = CTX.clone();
        otherCtx[otherCtx.length - 1] ^= 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(SealedContentException.class,
                () -> ContentSeal.open(KEY, otherCtx, new ByteArrayInputStream(sealed), out, BATCH));
        assertThrows(SealedContentException.class,
                () -> ContentSeal.open(KEY, CTX, new ByteArrayInputStream(Arrays.copyOf(sealed, 55)), out, BATCH));
        assertEquals(0, out.size());
    }

    @Test
    void open_sourceFails_sourceErrorAfterTheAuthenticPrefix() throws IOException {
        byte[] p = ContentSealTest.plaintext(10 * C + 7);
        byte[] sealed = streamSeal(p);
        byte[] good = Arrays.copyOf(sealed, ContentSeal.HEADER_LENGTH + 4 * S + 100);
        IOException network = new IOException("reset");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SealedSourceException e = assertThrows(SealedSourceException.class, () -> ContentSeal.open(KEY, CTX,
                ContentSealTest.failingAfter(good, null, network), out, BATCH));
        assertEquals(network, e.getCause());
        assertEquals(0, out.size() % C, "whole authentic chunks only");
        assertArrayEquals(Arrays.copyOf(p, out.size()), out.toByteArray());
    }

    @Test
    void seal_sourceFailsInALaterBatch_outputNeverOpens() throws IOException {
        byte[] p = ContentSealTest.plaintext(7 * C + 3);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> ContentSeal.seal(KEY, CTX, SALT,
                ContentSealTest.failingAfter(p, null, new IOException("disk")), out, BATCH));
        assertThrows(SealedContentException.class, () -> ContentSealTest.open(out.toByteArray()));
    }
}
