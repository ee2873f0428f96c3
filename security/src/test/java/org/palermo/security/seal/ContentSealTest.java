package org.palermo.security.seal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SymmetricKey;

/** Round trips over sizes around every chunk boundary, through every reading path. */
class ContentSealTest {
    static final int C = ContentSeal.CHUNK_SIZE;
    static final SymmetricKey KEY = SymmetricKey.generate();
    static final SealContext CONTEXT = SealContext.content(WorkspaceId.random(), DocumentId.random(), 3);

    @TempDir
    Path tmp;

    /** 0, 1, and k*16 KiB - 2 .. k*16 KiB + 2 for k = 1..4, plus a few odd sizes. */
    static Stream<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, 2, 15, 16, 17, 1000, 5 * C + 12345));
        for (int k = 1; k <= 4; k++) {
            for (int d = -2; d <= 2; d++) {
                sizes.add(k * C + d);
            }
        }
        return sizes.stream();
    }

    static byte[] plaintext(int size) {
        byte[] p = new byte[size];
        new SplittableRandom(size).nextBytes(p);
        return p;
    }

    static byte[] seal(byte[] plaintext, SymmetricKey key, SealContext context, long writeSeed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SplittableRandom random = new SplittableRandom(writeSeed);
        try (OutputStream seal = ContentSeal.newSealingStream(key, context, out)) {
            int pos = 0;
            while (pos < plaintext.length) {
                // Mix single-byte writes, small writes and writes spanning chunks.
                int kind = random.nextInt(3);
                if (kind == 0) {
                    seal.write(plaintext[pos++]);
                } else {
                    int n = Math.min(plaintext.length - pos, random.nextInt(kind == 1 ? 100 : 3 * C) + 1);
                    seal.write(plaintext, pos, n);
                    pos += n;
                }
            }
        }
        return out.toByteArray();
    }

    static byte[] seal(byte[] plaintext) throws IOException {
        return seal(plaintext, KEY, CONTEXT, plaintext.length);
    }

    static byte[] open(byte[] ciphertext) throws IOException {
        return ContentSeal.newOpeningStream(KEY, CONTEXT, new ByteArrayInputStream(ciphertext)).readAllBytes();
    }

    /** Opens with a random mix of single-byte reads and reads of random lengths. */
    static byte[] openAll(byte[] ciphertext, SymmetricKey key, SealContext context, long readSeed) throws IOException {
        SplittableRandom random = new SplittableRandom(readSeed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = ContentSeal.newOpeningStream(key, context, new ByteArrayInputStream(ciphertext))) {
            byte[] buf = new byte[3 * C];
            while (true) {
                if (random.nextInt(4) == 0) {
                    int b = in.read();
                    if (b == -1) {
                        break;
                    }
                    out.write(b);
                } else {
                    int n = in.read(buf, 0, random.nextInt(buf.length) + 1);
                    if (n == -1) {
                        break;
                    }
                    out.write(buf, 0, n);
                }
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void sealAndOpen_sizesAroundChunkBoundaries_roundTrip(int size) throws IOException {
        byte[] p = plaintext(size);
        byte[] ct = seal(p);
        assertEquals(ContentSeal.ciphertextLength(size), ct.length);
        assertEquals(56 + size + 16L * (size / C + 1), ct.length);
        assertArrayEquals(p, openAll(ct, KEY, CONTEXT, size * 7L));
        assertArrayEquals(p, ContentSeal.newOpeningStream(KEY, CONTEXT, new ByteArrayInputStream(ct)).readAllBytes());
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void fileReader_sizesAroundChunkBoundaries_readsEveryChunkAndLength(int size) throws IOException {
        byte[] p = plaintext(size);
        Path file = tmp.resolve("sealed");
        Files.write(file, seal(p));
        try (SealedFileReader reader = ContentSeal.newFileReader(KEY, CONTEXT, FileChannel.open(file, StandardOpenOption.READ))) {
            assertEquals(ContentSeal.chunkCount(size), reader.chunkCount());
            assertEquals(size, reader.plaintextLength());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (long k = reader.chunkCount() - 1; k >= 0; k--) { // any order works
                byte[] chunk = reader.readChunk(k);
                int from = (int) (k * C);
                assertArrayEquals(Arrays.copyOfRange(p, from, Math.min(size, from + C)), chunk);
                all.writeBytes(chunk);
            }
            assertEquals(size, all.size());
            assertThrows(IndexOutOfBoundsException.class, () -> reader.readChunk(reader.chunkCount()));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.readChunk(-1));
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @MethodSource("sizes")
    void rangeOpening_everyStartAndLength_yieldsThoseChunks(int size) throws IOException {
        byte[] p = plaintext(size);
        byte[] ct = seal(p);
        byte[] header = Arrays.copyOf(ct, ContentSeal.HEADER_LENGTH);
        long chunks = ContentSeal.chunkCount(size);
        for (long first = 0; first < chunks; first++) {
            for (long count = 1; first + count <= chunks + 1; count++) {
                int from = (int) ContentSeal.chunkOffset(first);
                int to = first + count >= chunks ? ct.length : (int) ContentSeal.chunkOffset(first + count);
                InputStream run = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, first, count,
                        new ByteArrayInputStream(Arrays.copyOfRange(ct, from, to)));
                int pFrom = (int) (first * C);
                int pTo = (int) Math.min(size, (first + count) * C);
                assertArrayEquals(Arrays.copyOfRange(p, pFrom, pTo), run.readAllBytes(), first + "+" + count);
            }
        }
    }

    @Test
    void rangeOpening_rangeCutShortAtChunkBoundary_fails() throws IOException {
        byte[] ct = seal(plaintext(3 * C + 10));
        byte[] header = Arrays.copyOf(ct, ContentSeal.HEADER_LENGTH);
        // Ask for chunks 1..3 but deliver only chunk 1: the missing chunks are a truncation.
        byte[] only1 = Arrays.copyOfRange(ct, (int) ContentSeal.chunkOffset(1), (int) ContentSeal.chunkOffset(2));
        InputStream run = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, 1, 3, new ByteArrayInputStream(only1));
        byte[] buf = new byte[C];
        assertEquals(C, run.readNBytes(buf, 0, C));
        assertThrows(SealedContentException.class, run::read);
        assertThrows(SealedContentException.class, run::read);
    }

    @Test
    void rangeOpening_chunkServedAtOtherIndex_fails() throws IOException {
        byte[] ct = seal(plaintext(3 * C + 10));
        byte[] header = Arrays.copyOf(ct, ContentSeal.HEADER_LENGTH);
        byte[] chunk1 = Arrays.copyOfRange(ct, (int) ContentSeal.chunkOffset(1), (int) ContentSeal.chunkOffset(2));
        InputStream run = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, 2, 1, new ByteArrayInputStream(chunk1));
        assertThrows(SealedContentException.class, run::read);
    }

    @Test
    void rangeOpening_headerOfOtherKey_failsBeforeReadingChunks() throws IOException {
        byte[] ct = seal(plaintext(100));
        byte[] header = Arrays.copyOf(ct, ContentSeal.HEADER_LENGTH);
        assertThrows(SealedContentException.class, () -> ContentSeal.newRangeOpeningStream(SymmetricKey.generate(),
                CONTEXT, header, 0, 1, new ByteArrayInputStream(new byte[0])));
        assertThrows(SealedContentException.class, () -> ContentSeal.newRangeOpeningStream(KEY,
                CONTEXT, Arrays.copyOf(header, 55), 0, 1, new ByteArrayInputStream(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.newRangeOpeningStream(KEY,
                CONTEXT, header, 0, 0, new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void warmUp_beforeSealing_changesNoOutput() throws IOException {
        ContentSeal.warmUp();
        ContentSeal.warmUpForSealing();
        ContentSeal.warmUpForOpening();
        byte[] p = plaintext(C + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] salt = new byte[24];
        try (OutputStream s = ContentSeal.sealingStream(new byte[32], CONTEXT.encode(), salt, out)) {
            s.write(p);
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        try (OutputStream s = ContentSeal.sealingStream(new byte[32], CONTEXT.encode(), salt, again)) {
            s.write(p);
        }
        assertArrayEquals(out.toByteArray(), again.toByteArray());
        assertArrayEquals(p, ContentSeal.openingStream(new byte[32], CONTEXT.encode(),
                new ByteArrayInputStream(out.toByteArray())).readAllBytes());
    }

    @Test
    void seal_sameKeyAndContextTwice_differentCiphertexts() throws IOException {
        byte[] p = plaintext(500);
        byte[] a = seal(p);
        byte[] b = seal(p);
        assertEquals(a.length, b.length);
        assertEquals(false, Arrays.equals(a, b), "a fresh salt per stream");
        assertEquals(false, Arrays.equals(Arrays.copyOf(a, 24), Arrays.copyOf(b, 24)));
    }

    @Test
    void sealingStream_writeAfterClose_throws() throws IOException {
        OutputStream seal = ContentSeal.newSealingStream(KEY, CONTEXT, new ByteArrayOutputStream());
        seal.close();
        seal.close(); // idempotent
        assertThrows(IOException.class, () -> seal.write(1));
        assertThrows(IOException.class, seal::flush);
    }

    @Test
    void sealingStream_underlyingWriteFails_outputNeverOpens() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream flaky = new OutputStream() {
            int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 56 + ContentSeal.SEALED_CHUNK_SIZE) {
                    throw new IOException("disk full");
                }
                written += len;
                sink.write(b, off, len);
            }
        };
        OutputStream seal = ContentSeal.newSealingStream(KEY, CONTEXT, flaky);
        seal.write(new byte[C]);
        assertThrows(IOException.class, () -> seal.write(new byte[C]));
        assertThrows(IOException.class, () -> seal.write(1));
        seal.close(); // no final chunk is written after a failure
        InputStream in = ContentSeal.newOpeningStream(KEY, CONTEXT, new ByteArrayInputStream(sink.toByteArray()));
        assertEquals(C, in.readNBytes(C).length);
        assertThrows(SealedContentException.class, in::read);
    }

    @Test
    void openingStream_afterClose_throws() throws IOException {
        InputStream in = ContentSeal.newOpeningStream(KEY, CONTEXT, new ByteArrayInputStream(seal(plaintext(10))));
        assertEquals(0, in.available());
        in.close();
        in.close();
        assertThrows(IOException.class, in::read);
        assertThrows(IOException.class, in::available);
    }

    @Test
    void openingStream_availableAndClose_reportBufferedBytesAndCloseSource() throws IOException {
        boolean[] closed = {false};
        InputStream source = new ByteArrayInputStream(seal(plaintext(C + 10))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        InputStream in = ContentSeal.newOpeningStream(KEY, CONTEXT, source);
        assertEquals(0, in.available(), "nothing opened before the first read");
        assertEquals(100, in.readNBytes(100).length);
        assertEquals(C - 100, in.available(), "the rest of the authenticated first chunk");
        in.close();
        assertEquals(true, closed[0]);
    }

    @Test
    void rangeOpening_firstChunkOutOfRange_refused() throws IOException {
        byte[] header = Arrays.copyOf(seal(plaintext(10)), ContentSeal.HEADER_LENGTH);
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header,
                -1, 1, new ByteArrayInputStream(new byte[0])));
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header,
                1L << 38, 1, new ByteArrayInputStream(new byte[0])));
        // The last index the counter allows is accepted (and fails only on reading, as there is no such chunk).
        InputStream last = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, (1L << 38) - 1, 1,
                new ByteArrayInputStream(new byte[0]));
        assertThrows(SealedContentException.class, last::read);
    }

    @Test
    void rangeOpening_nullHeader_refusedRatherThanReadFromTheChunks() throws IOException {
        byte[] whole = seal(plaintext(10));
        // Without the check, a null header made the stream read a header from the chunk stream.
        assertThrows(NullPointerException.class, () -> ContentSeal.newRangeOpeningStream(KEY, CONTEXT, null,
                0, 1, new ByteArrayInputStream(whole)));
    }

    /** An InputStream that yields {@code good} bytes, then throws {@code failure}. */
    static InputStream failingAfter(byte[] good, RuntimeException runtime, IOException io) {
        return new InputStream() {
            int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (pos == good.length) {
                    if (runtime != null) {
                        throw runtime;
                    }
                    throw io;
                }
                int n = Math.min(len, good.length - pos);
                System.arraycopy(good, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Test
    void seal_wholeSource_roundTripsAndLeavesSinkOpen() throws IOException {
        for (int size : new int[] {0, C - 1, C, 3 * C + 5}) {
            byte[] p = plaintext(size);
            boolean[] sinkClosed = {false};
            ByteArrayOutputStream sink = new ByteArrayOutputStream() {
                @Override
                public void close() {
                    sinkClosed[0] = true;
                }
            };
            assertEquals(size, ContentSeal.seal(KEY, CONTEXT, new ByteArrayInputStream(p), sink));
            assertEquals(false, sinkClosed[0], "the caller owns the sink");
            assertEquals(ContentSeal.ciphertextLength(size), sink.size());
            assertArrayEquals(p, open(sink.toByteArray()));
        }
    }

    @Test
    void seal_sourceFailsMidway_outputNeverOpens() throws IOException {
        byte[] p = plaintext(2 * C + 100);
        for (IOException io : new IOException[] {new IOException("network"), null}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            InputStream source = failingAfter(p, io == null ? new IllegalStateException("bug in the source") : null, io);
            Exception e = assertThrows(Exception.class, () -> ContentSeal.seal(KEY, CONTEXT, source, sink));
            assertEquals(io == null ? IllegalStateException.class : IOException.class, e.getClass());
            assertEquals(true, sink.size() < ContentSeal.ciphertextLength(p.length));
            assertThrows(SealedContentException.class, () -> open(sink.toByteArray()),
                    "no final chunk: truncated, not a shorter document");
        }
    }

    /** The pitfall seal() avoids: close() in try-with-resources finalises unless abort() was called. */
    @Test
    void sealingStream_sourceFailsInTryWithResources_abortKeepsPrefixFromOpening() throws IOException {
        byte[] p = plaintext(2 * C + 100);
        ByteArrayOutputStream finalised = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> {
            try (SealingOutputStream out = ContentSeal.newSealingStream(KEY, CONTEXT, finalised)) {
                failingAfter(p, null, new IOException("network")).transferTo(out);
            }
        });
        assertEquals(p.length, open(finalised.toByteArray()).length, "without abort: a valid, truncated document");

        ByteArrayOutputStream aborted = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> {
            try (SealingOutputStream out = ContentSeal.newSealingStream(KEY, CONTEXT, aborted)) {
                try {
                    failingAfter(p, null, new IOException("network")).transferTo(out);
                } catch (IOException e) {
                    out.abort();
                    throw e;
                }
            }
        });
        assertThrows(SealedContentException.class, () -> open(aborted.toByteArray()));
    }

    @Test
    void sealingStream_abort_refusesWritesAndOutputNeverOpens() throws IOException {
        for (int size : new int[] {0, 10, C, 2 * C + 1}) {
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            SealingOutputStream out = ContentSeal.newSealingStream(KEY, CONTEXT, sink);
            out.write(plaintext(size));
            out.abort();
            out.abort();
            assertThrows(IOException.class, () -> out.write(1));
            assertThrows(IOException.class, out::flush);
            out.close();
            assertEquals(ContentSeal.HEADER_LENGTH + (size / C) * (long) ContentSeal.SEALED_CHUNK_SIZE, sink.size(),
                    "header and full chunks only");
            assertThrows(SealedContentException.class, () -> open(sink.toByteArray()));
        }
    }

    @Test
    void rangeOpening_chunkCountLongMaxValue_readsToTheEndWithoutOverflow() throws IOException {
        byte[] p = plaintext(3 * C + 7);
        byte[] sealed = seal(p);
        byte[] header = Arrays.copyOf(sealed, ContentSeal.HEADER_LENGTH);
        byte[] fromChunk1 = Arrays.copyOfRange(sealed, (int) ContentSeal.chunkOffset(1), sealed.length);
        OpeningInputStream in = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, 1, Long.MAX_VALUE,
                new ByteArrayInputStream(fromChunk1));
        assertArrayEquals(Arrays.copyOfRange(p, C, p.length), in.readAllBytes());
        assertEquals(true, in.reachedEnd());
    }

    @Test
    void rangeOpening_reachedEnd_trueOnlyAfterTheAuthenticFinalChunk() throws IOException {
        byte[] p = plaintext(3 * C + 7); // chunks 0..3, chunk 3 final
        byte[] sealed = seal(p);
        byte[] header = Arrays.copyOf(sealed, ContentSeal.HEADER_LENGTH);
        byte[] chunks1and2 = Arrays.copyOfRange(sealed, (int) ContentSeal.chunkOffset(1), (int) ContentSeal.chunkOffset(3));
        OpeningInputStream middle = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, 1, 2,
                new ByteArrayInputStream(chunks1and2));
        assertEquals(2 * C, middle.readAllBytes().length);
        assertEquals(false, middle.reachedEnd(), "two full chunks: the message goes on");

        byte[] rest = Arrays.copyOfRange(sealed, (int) ContentSeal.chunkOffset(3), sealed.length);
        OpeningInputStream last = ContentSeal.newRangeOpeningStream(KEY, CONTEXT, header, 3, 5,
                new ByteArrayInputStream(rest));
        assertEquals(false, last.reachedEnd(), "nothing read yet");
        assertEquals(7, last.readAllBytes().length);
        assertEquals(true, last.reachedEnd());

        OpeningInputStream whole = ContentSeal.newOpeningStream(KEY, CONTEXT, new ByteArrayInputStream(sealed));
        assertEquals(p.length, whole.readAllBytes().length);
        assertEquals(true, whole.reachedEnd());
    }

    @Test
    void openingStream_sourceThrowsIOException_stickySourceErrorNotContentError() throws IOException {
        byte[] sealed = seal(plaintext(2 * C + 5));
        byte[] firstChunkAndHalf = Arrays.copyOf(sealed, (int) ContentSeal.chunkOffset(1) + C / 2);
        IOException network = new IOException("connection reset");
        InputStream in = ContentSeal.newOpeningStream(KEY, CONTEXT, failingAfter(firstChunkAndHalf, null, network));
        assertEquals(C, in.readNBytes(C).length);
        SealedSourceException e = assertThrows(SealedSourceException.class, in::read);
        assertEquals(network, e.getCause());
        assertEquals(SealedSourceException.MESSAGE, e.getMessage());
        for (int i = 0; i < 3; i++) {
            assertThrows(SealedSourceException.class, in::read);
            assertThrows(SealedSourceException.class, in::available);
        }
    }

    @Test
    void openingStream_sourceThrowsRuntimeException_stickyFailureNeverEndOfStream() throws IOException {
        byte[] sealed = seal(plaintext(2 * C + 5));
        byte[] firstChunk = Arrays.copyOf(sealed, (int) ContentSeal.chunkOffset(1));
        InputStream in = ContentSeal.newOpeningStream(KEY, CONTEXT,
                failingAfter(firstChunk, new IllegalStateException("bug in the source"), null));
        assertEquals(C, in.readNBytes(C).length);
        SealedSourceException e = assertThrows(SealedSourceException.class, in::read);
        assertEquals(IllegalStateException.class, e.getCause().getClass());
        for (int i = 0; i < 3; i++) {
            assertThrows(SealedSourceException.class, in::read, "sticky, never a clean end");
            assertThrows(SealedSourceException.class, () -> in.read(new byte[10]));
        }
    }

    /** The sealing path's HKDF-Expand (JDK HMAC-SHA512) against Bouncy Castle's, at every length class. */
    @Test
    void hkdfExpandSha512_lengthsUpTo255Blocks_matchBouncyCastle() {
        byte[] prk = plaintext(32);
        byte[] info = plaintext(100);
        for (int length : new int[] {1, 63, 64, 65, 76, 128, 1000, 255 * 64}) {
            org.bouncycastle.crypto.generators.HKDFBytesGenerator bc =
                    new org.bouncycastle.crypto.generators.HKDFBytesGenerator(new org.bouncycastle.crypto.digests.SHA512Digest());
            bc.init(org.bouncycastle.crypto.params.HKDFParameters.skipExtractParameters(prk, info));
            byte[] want = new byte[length];
            bc.generateBytes(want, 0, length);
            assertArrayEquals(want, Cobblestone.hkdfExpandSha512(prk, info, length), "length " + length);
        }
        assertThrows(IllegalArgumentException.class, () -> Cobblestone.hkdfExpandSha512(prk, info, 0));
        assertThrows(IllegalArgumentException.class, () -> Cobblestone.hkdfExpandSha512(prk, info, 255 * 64 + 1));
    }

    @Test
    void derived_close_zeroesAeadKeyAndBaseNonce() {
        Cobblestone.Derived d = Cobblestone.derive(new byte[32], new byte[24], new byte[0]);
        assertEquals(false, Arrays.equals(new byte[32], d.aeadKey));
        d.close();
        assertArrayEquals(new byte[32], d.aeadKey);
        assertArrayEquals(new byte[12], d.baseNonce);
    }

    @Test
    void openingStream_zeroLengthRead_returnsZero() throws IOException {
        InputStream in = ContentSeal.newOpeningStream(KEY, CONTEXT, new ByteArrayInputStream(seal(plaintext(10))));
        assertEquals(0, in.read(new byte[4], 0, 0));
        assertEquals(10, in.readAllBytes().length);
    }

    @Test
    void layout_chunkOffsetsAndCounts_matchSpecification() {
        assertEquals(56, ContentSeal.chunkOffset(0));
        assertEquals(56 + 16400, ContentSeal.chunkOffset(1));
        assertEquals(1, ContentSeal.chunkCount(0));
        assertEquals(1, ContentSeal.chunkCount(C - 1));
        assertEquals(2, ContentSeal.chunkCount(C));
        assertEquals(72, ContentSeal.ciphertextLength(0));
        assertEquals(72 + 16400, ContentSeal.ciphertextLength(C));
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.chunkOffset(-1));
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.chunkOffset(1L << 38));
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.chunkCount(-1));
        assertThrows(IllegalArgumentException.class, () -> ContentSeal.ciphertextLength(-1));
        assertEquals(-1, Cobblestone.plaintextLength(55));
        assertEquals(-1, Cobblestone.plaintextLength(56 + 15));
        assertEquals(0, Cobblestone.plaintextLength(72));
        assertEquals(-1, Cobblestone.plaintextLength(56 + 16400 + 15));
        assertEquals(C, Cobblestone.plaintextLength(56 + 16400 + 16));
    }

    @Test
    void nonce_chunkIndex_xorsLastFiveBytesBigEndian() {
        Cobblestone.Derived d = Cobblestone.derive(new byte[32], new byte[24], new byte[0]);
        byte[] n0 = new byte[12];
        byte[] n = new byte[12];
        d.nonce(0, n0);
        d.nonce(0x3f_0102_0304L, n);
        byte[] xor = new byte[12];
        for (int i = 0; i < 12; i++) {
            xor[i] = (byte) (n0[i] ^ n[i]);
        }
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x3f, 1, 2, 3, 4}, xor);
        assertThrows(IllegalStateException.class, () -> d.nonce(1L << 38, n));
        assertThrows(IllegalStateException.class, () -> d.nonce(-1, n));
    }
}
