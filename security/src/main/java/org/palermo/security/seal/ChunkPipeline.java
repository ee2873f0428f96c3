package org.palermo.security.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Seals or opens a whole stream with the chunks spread over the machine's cores: chunks are
 * independent (each has its own nonce), so batches of them are encrypted or decrypted on a small
 * fixed pool while the calling thread reads the source and writes the sink. Bounded: at most
 * {@link #DEPTH} batches exist, reused, so memory stays flat (about 2 MiB) whatever the size.
 * Order is preserved: batches are written in the order they were read.
 *
 * <p>Opening never writes a byte past the last authentic chunk: a batch's plaintext is written
 * only up to its first chunk that fails, then the failure is thrown, and later batches are
 * dropped. The output is byte for byte what {@link SealingOutputStream} writes and what
 * {@link OpeningInputStream} releases, with the same rules (the final chunk is the short one;
 * the commitment is checked before any chunk is opened).
 */
final class ChunkPipeline implements AutoCloseable {
    /**
     * Chunks per batch: 16 × 16 KiB = 256 KiB of plaintext, small enough for the batches in
     * flight to stay in the processor's caches (1 MiB batches measured slower here).
     */
    static final int BATCH_CHUNKS = 16;
    /** Batches in existence at once (in flight plus the one being filled). */
    static final int DEPTH = 4;

    private final Cobblestone.Derived derived;
    private final int batchChunks;
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<JdkAesGcm> ciphers = new ConcurrentLinkedQueue<>();

    /** One batch: its input and output buffers, and what a worker found. */
    private static final class Batch {
        final byte[] in;
        final byte[] out;
        long firstChunk;
        int inLength;
        /** Bytes written to {@link #out}; when opening, all authentic. */
        int outLength;
        /** Opening: a chunk of this batch was not authentic (the ones before it are in {@link #out}). */
        boolean failed;

        Batch(int inSize, int outSize) {
            in = new byte[inSize];
            out = new byte[outSize];
        }
    }

    ChunkPipeline(Cobblestone.Derived derived, int batchChunks) {
        this.derived = derived;
        this.batchChunks = batchChunks;
        this.pool = SealWorkers.pool(SealWorkers.count());
    }

    /** Seals {@code source} after the header the caller wrote; returns the plaintext length. */
    long seal(InputStream source, OutputStream sink) throws IOException {
        int inSize = batchChunks * Cobblestone.CHUNK_SIZE;
        ArrayDeque<Batch> free = new ArrayDeque<>();
        ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < DEPTH; i++) {
            free.add(new Batch(inSize, batchChunks * Cobblestone.SEALED_CHUNK_SIZE + Cobblestone.TAG_LENGTH));
        }
        long total = 0;
        long nextChunk = 0;
        boolean last = false;
        try {
            while (!last) {
                if (free.isEmpty()) {
                    free.add(writeSealed(inFlight.remove(), sink));
                }
                Batch b = free.remove();
                b.inLength = readFully(source, b.in, inSize);
                total += b.inLength;
                // A full batch holds only full chunks; a short one ends the source, and its last
                // chunk (possibly empty) is the final, short chunk.
                last = b.inLength < inSize;
                b.firstChunk = nextChunk;
                nextChunk += last ? b.inLength / Cobblestone.CHUNK_SIZE + 1 : batchChunks;
                if (nextChunk > Cobblestone.MAX_CHUNKS) {
                    throw new IOException("message too long for Cobblestone's 2^38 chunk counter");
                }
                boolean isLast = last;
                inFlight.add(pool.submit(() -> sealBatch(b, isLast)));
            }
            while (!inFlight.isEmpty()) {
                writeSealed(inFlight.remove(), sink);
            }
            return total;
        } finally {
            cancel(inFlight);
            for (Batch b : free) {
                Arrays.fill(b.in, (byte) 0);
            }
        }
    }

    /**
     * Opens the chunks of {@code source} (the header already read and checked) into {@code sink};
     * returns the plaintext length. Throws {@link SealedContentException} after writing every
     * chunk before the first one that is not authentic, {@link SealedSourceException} if the
     * source fails.
     */
    long open(InputStream source, OutputStream sink) throws IOException {
        int inSize = batchChunks * Cobblestone.SEALED_CHUNK_SIZE;
        ArrayDeque<Batch> free = new ArrayDeque<>();
        ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
        for (int i = 0; i < DEPTH; i++) {
            free.add(new Batch(inSize, batchChunks * Cobblestone.CHUNK_SIZE));
        }
        long total = 0;
        long nextChunk = 0;
        boolean last = false;
        try {
            while (!last) {
                if (free.isEmpty()) {
                    Batch done = inFlight.remove().get();
                    total += writeOpened(done, sink);
                    free.add(done);
                }
                Batch b = free.remove();
                try {
                    b.inLength = readFully(source, b.in, inSize);
                } catch (IOException | RuntimeException e) {
                    // Write what is already authentic, then report the source's failure.
                    for (Future<Batch> f : inFlight) {
                        total += writeOpened(f.get(), sink);
                    }
                    inFlight.clear();
                    throw new SealedSourceException(e);
                }
                last = b.inLength < inSize;
                b.firstChunk = nextChunk;
                nextChunk += batchChunks;
                inFlight.add(pool.submit(() -> openBatch(b)));
            }
            while (!inFlight.isEmpty()) {
                total += writeOpened(inFlight.remove().get(), sink);
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("opening a batch failed unexpectedly", e.getCause());
        } finally {
            cancel(inFlight);
            for (Batch b : free) {
                Arrays.fill(b.out, (byte) 0);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ciphers.clear();
        derived.close();
    }

    private Batch sealBatch(Batch b, boolean last) throws GeneralSecurityException {
        JdkAesGcm aead = cipher();
        try {
            byte[] nonce = new byte[Cobblestone.NONCE_LENGTH];
            int fullChunks = b.inLength / Cobblestone.CHUNK_SIZE;
            int chunks = last ? fullChunks + 1 : fullChunks;
            int out = 0;
            for (int i = 0; i < chunks; i++) {
                int off = i * Cobblestone.CHUNK_SIZE;
                int len = Math.min(Cobblestone.CHUNK_SIZE, b.inLength - off);
                derived.nonce(b.firstChunk + i, nonce);
                out += aead.seal(nonce, null, b.in, off, len, b.out, out);
            }
            b.outLength = out;
            Arrays.fill(b.in, 0, b.inLength, (byte) 0);
            return b;
        } finally {
            ciphers.add(aead);
        }
    }

    private Batch openBatch(Batch b) {
        JdkAesGcm aead = cipher();
        try {
            byte[] nonce = new byte[Cobblestone.NONCE_LENGTH];
            // A full batch holds full chunks only; a short batch ends the source, and what is
            // left after its full chunks is the final chunk (missing if empty).
            boolean ends = b.inLength < b.in.length;
            int off = 0;
            int out = 0;
            boolean failed = false;
            for (long index = b.firstChunk; ; index++) {
                int len = Math.min(Cobblestone.SEALED_CHUNK_SIZE, b.inLength - off);
                if (len == 0 && !ends) {
                    break;
                }
                if (len < Cobblestone.TAG_LENGTH) {
                    failed = true; // the message ended on a full chunk, or a chunk shorter than a tag
                    break;
                }
                try {
                    derived.nonce(index, nonce);
                    out += aead.open(nonce, null, b.in, off, len, b.out, out);
                } catch (GeneralSecurityException | RuntimeException e) {
                    failed = true;
                    break;
                }
                off += len;
                if (len < Cobblestone.SEALED_CHUNK_SIZE) {
                    break; // the final, short chunk
                }
            }
            b.outLength = out;
            b.failed = failed;
            return b;
        } finally {
            ciphers.add(aead);
        }
    }

    private JdkAesGcm cipher() {
        JdkAesGcm c = ciphers.poll();
        return c != null ? c : new JdkAesGcm(derived.aeadKey);
    }

    private static Batch writeSealed(Future<Batch> f, OutputStream sink) throws IOException {
        Batch b;
        try {
            b = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException("sealing failed", e.getCause());
        }
        sink.write(b.out, 0, b.outLength);
        return b;
    }

    /** Writes a batch's authentic plaintext; throws after it if the batch failed. */
    private static int writeOpened(Batch b, OutputStream sink) throws IOException {
        sink.write(b.out, 0, b.outLength);
        Arrays.fill(b.out, 0, b.outLength, (byte) 0);
        if (b.failed) {
            throw new SealedContentException();
        }
        return b.outLength;
    }

    private static void cancel(ArrayDeque<Future<Batch>> inFlight) {
        for (Future<Batch> f : inFlight) {
            f.cancel(true);
        }
    }

    private static int readFully(InputStream in, byte[] buf, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
