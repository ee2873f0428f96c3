package org.palermo.security.seal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Seals one file into another by position: the layout is fixed by the plaintext's length
 * (chunk {@code i} of the plaintext at {@code i × 16 KiB}, its sealed form at
 * {@code 56 + i × 16400}), so each worker takes the next batch of chunks, reads it at its offset,
 * seals it and writes it at its place, with no thread in between doing the reading and writing
 * for all. On a machine with two cores this is what lets sealing keep up with the kernel's
 * copying (the stream pipeline's one reading and writing thread was the bottleneck).
 *
 * <p>The output is byte for byte what {@link SealingOutputStream} writes with the same salt.
 * Memory is flat: each worker owns one batch's buffers. The plaintext buffers (a heap array and
 * a direct buffer the file is read into) are wiped when the worker ends. If anything fails, or
 * the source's length changes while it is sealed, the target is deleted: a partial target is
 * never left behind.
 */
final class FileSeal {
    private final Cobblestone.Derived derived;
    private final int batchChunks;

    FileSeal(Cobblestone.Derived derived, int batchChunks) {
        this.derived = derived;
        this.batchChunks = batchChunks;
    }

    /**
     * Seals {@code source} into {@code target} (created, or replaced) after writing the header
     * from {@code salt}; returns the plaintext length. {@code progress} is told, in increasing
     * order and from the workers' threads, how long the prefix of {@code target} is that holds its
     * final bytes (the header first, then whole batches).
     */
    long seal(byte[] salt, Path source, Path target, LongConsumer progress) throws IOException {
        if (!Files.readAttributes(source, BasicFileAttributes.class).isRegularFile()) {
            // A pipe or device has no length to lay the chunks out by; it would seal as empty.
            throw new IOException("not a regular file (seal a stream with ContentSeal.seal)");
        }
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            // Truncating the target would destroy the source, and the failure then delete it.
            throw new IllegalArgumentException("the source and the target are the same file");
        }
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ)) {
            long length = in.size();
            long chunks = length / Cobblestone.CHUNK_SIZE + 1;
            if (chunks > Cobblestone.MAX_CHUNKS) {
                throw new IOException("message too long for Cobblestone's 2^38 chunk counter");
            }
            boolean done = false;
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer header = ByteBuffer.allocate(Cobblestone.HEADER_LENGTH).put(salt).put(derived.commitment).flip();
                writeFully(out, header, 0);
                Progress contiguous = new Progress(progress, length, batchChunks);
                contiguous.headerWritten();
                long batches = (chunks + batchChunks - 1) / batchChunks;
                int workers = (int) Math.min(batches, SealWorkers.count());
                run(workers, new Work(in, out, length, chunks, batches, contiguous));
                if (in.size() != length) {
                    throw new IOException("the file changed while it was sealed");
                }
                done = true;
                return length;
            } finally {
                if (!done) {
                    Files.deleteIfExists(target);
                }
            }
        }
    }

    /** Runs {@code workers} copies of the work, on the calling thread alone when there is one. */
    private static void run(int workers, Work work) throws IOException {
        if (workers == 1) {
            work.call();
            return;
        }
        ExecutorService pool = SealWorkers.pool(workers);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                running.add(pool.submit(work));
            }
            Throwable failure = null;
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    work.stop();
                    if (failure == null) {
                        failure = e.getCause();
                    }
                } catch (InterruptedException e) {
                    work.stop();
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            if (failure instanceof IOException io) {
                throw io;
            } else if (failure instanceof RuntimeException re) {
                throw re;
            } else if (failure instanceof Error error) {
                throw error;
            }
        } finally {
            // Not shutdownNow: interrupting a thread in a FileChannel operation closes the channel.
            pool.shutdown();
        }
    }

    /** What every worker runs: take the next batch until none is left or one failed. */
    private final class Work implements Callable<Void> {
        private final FileChannel in;
        private final FileChannel out;
        private final long length;
        private final long chunks;
        private final long batches;
        private final Progress progress;
        private final AtomicLong next = new AtomicLong();
        private final AtomicBoolean stopped = new AtomicBoolean();

        Work(FileChannel in, FileChannel out, long length, long chunks, long batches, Progress progress) {
            this.in = in;
            this.out = out;
            this.length = length;
            this.chunks = chunks;
            this.batches = batches;
            this.progress = progress;
        }

        void stop() {
            stopped.set(true);
        }

        @Override
        public Void call() throws IOException {
            int inSize = batchChunks * Cobblestone.CHUNK_SIZE;
            ByteBuffer read = ByteBuffer.allocateDirect(inSize);
            byte[] plain = new byte[inSize];
            byte[] sealed = new byte[batchChunks * Cobblestone.SEALED_CHUNK_SIZE];
            byte[] nonce = new byte[Cobblestone.NONCE_LENGTH];
            JdkAesGcm aead = new JdkAesGcm(derived.aeadKey);
            try {
                long batch;
                while (!stopped.get() && (batch = next.getAndIncrement()) < batches) {
                    long firstChunk = batch * batchChunks;
                    int count = (int) Math.min(batchChunks, chunks - firstChunk);
                    long offset = firstChunk * Cobblestone.CHUNK_SIZE;
                    int plainLength = (int) Math.min(inSize, length - offset);
                    read.clear().limit(plainLength);
                    while (read.hasRemaining()) {
                        if (in.read(read, offset + read.position()) < 0) {
                            throw new IOException("the file changed while it was sealed");
                        }
                    }
                    read.flip().get(plain, 0, plainLength);
                    int sealedLength = 0;
                    for (int i = 0; i < count; i++) {
                        int chunkOffset = i * Cobblestone.CHUNK_SIZE;
                        derived.nonce(firstChunk + i, nonce);
                        sealedLength += aead.seal(nonce, null, plain, chunkOffset,
                                Math.min(Cobblestone.CHUNK_SIZE, plainLength - chunkOffset), sealed, sealedLength);
                    }
                    writeFully(out, ByteBuffer.wrap(sealed, 0, sealedLength),
                            Cobblestone.HEADER_LENGTH + firstChunk * Cobblestone.SEALED_CHUNK_SIZE);
                    progress.batchWritten(batch);
                }
                return null;
            } catch (GeneralSecurityException e) {
                throw new IOException("sealing failed", e);
            } finally {
                Arrays.fill(plain, (byte) 0);
                read.clear();
                read.put(new byte[inSize]);
            }
        }
    }

    /** The length of the target's finished prefix, told to the caller as it grows. */
    private static final class Progress {
        private final LongConsumer listener;
        private final long sealedLength;
        /** Sealed bytes of a full batch. */
        private final long batchLength;
        /** Batches written past the contiguous prefix (at most one per worker). */
        private final TreeSet<Long> ahead = new TreeSet<>();
        private long nextBatch;

        Progress(LongConsumer listener, long plaintextLength, int batchChunks) {
            this.listener = listener;
            this.sealedLength = Cobblestone.ciphertextLength(plaintextLength);
            this.batchLength = (long) batchChunks * Cobblestone.SEALED_CHUNK_SIZE;
        }

        synchronized void headerWritten() {
            listener.accept(Cobblestone.HEADER_LENGTH);
        }

        synchronized void batchWritten(long batch) {
            ahead.add(batch);
            long before = nextBatch;
            while (!ahead.isEmpty() && ahead.first() == nextBatch) {
                ahead.pollFirst();
                nextBatch++;
            }
            if (nextBatch > before) {
                listener.accept(Math.min(Cobblestone.HEADER_LENGTH + nextBatch * batchLength, sealedLength));
            }
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += out.write(bytes, at);
        }
    }
}
