package org.palermo.security.seal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.internal.Rng;
import org.palermo.security.keys.SymmetricKey;

/**
 * Seals and opens the content of one document version as Cobblestone-256
 * (c2sp.org/chunked-encryption: HKDF-Expand-SHA512, AES-256-GCM, 16 KiB chunks, 24-byte salt,
 * 32-byte key commitment), streaming, with AES-GCM running in the JDK's provider.
 *
 * <p>Guarantees: confidentiality and integrity of the content under a {@link SymmetricKey} used
 * for one {@link SealContext}; the key commitment is checked before any chunk is opened, so a
 * ciphertext opens under one key and one context only (ATTACKS.md classes 10 and 23); chunks
 * cannot be reordered, dropped, duplicated, truncated or extended without the reader failing
 * (class 9); a reader releases a chunk only after it authenticates and, once failed, keeps
 * failing. Sizes are not hidden: the ciphertext is 56 bytes plus 16 bytes per chunk longer than
 * the plaintext. The salt is random per stream, so one key may seal several streams, but use a
 * fresh key per document version (DESIGN.md).
 */
public final class ContentSeal {
    /** Plaintext bytes per chunk; the final chunk is always shorter. */
    public static final int CHUNK_SIZE = Cobblestone.CHUNK_SIZE;
    /** Bytes of a full sealed chunk (plaintext plus 16-byte tag). */
    public static final int SEALED_CHUNK_SIZE = Cobblestone.SEALED_CHUNK_SIZE;
    /** Bytes of the header: 24-byte salt, then 32-byte commitment. */
    public static final int HEADER_LENGTH = Cobblestone.HEADER_LENGTH;

    private ContentSeal() {
    }

    /**
     * Seals everything {@code source} holds into {@code sink}: the way to seal a file or any
     * stream. The final chunk, which makes the output open as a complete message, is written
     * only after {@code source} reached its end; if reading {@code source} or writing
     * {@code sink} fails, the exception propagates and what was written to {@code sink} never
     * opens (it has no final chunk). Neither stream is closed; {@code sink} is flushed.
     *
     * <p>Chunks are sealed in batches of 256 KiB on a small pool of threads (one per core, at
     * most four, for the duration of the call) while this thread reads and writes; at most four
     * batches exist at once, so memory stays flat (about 2 MiB). The output is byte for byte what
     * {@link #newSealingStream} would write with the same salt.
     *
     * @return the number of plaintext bytes sealed
     */
    public static long seal(SymmetricKey key, SealContext context, InputStream source, OutputStream sink)
            throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        return withRawKey(key, raw -> seal(raw, context.encode(), Rng.bytes(Cobblestone.SALT_LENGTH), source, sink, ChunkPipeline.BATCH_CHUNKS));
    }

    /**
     * Seals the file {@code source} into the file {@code target} (created, or replaced): the
     * fastest way to seal a file. Workers (one per core, at most four, for the duration of the
     * call) each read a batch of 16 chunks at its offset, seal it and write it at its place in
     * {@code target}, so no single thread does all the reading and writing; memory stays flat
     * (about 0.75 MiB per worker). The output is byte for byte what the streams would write with
     * the same salt. If anything fails, or {@code source}'s length changes while it is sealed,
     * {@code target} is deleted and the exception propagates. A source that is no regular file, or
     * is the target itself, is refused.
     *
     * @return the number of plaintext bytes sealed
     */
    public static long sealFile(SymmetricKey key, SealContext context, Path source, Path target) throws IOException {
        return sealFile(key, context, source, target, sealedSoFar -> { });
    }

    /**
     * {@link #sealFile(SymmetricKey, SealContext, Path, Path)}, telling {@code progress} how long
     * the prefix of {@code target} is that already holds its final bytes: the header
     * ({@link #HEADER_LENGTH} bytes, which a manifest signs) first, then more as batches finish,
     * up to {@link #ciphertextLength(long)}. Called in increasing order from the workers'
     * threads, so keep it short; an upload can read that prefix while the rest is sealed.
     */
    public static long sealFile(SymmetricKey key, SealContext context, Path source, Path target, LongConsumer progress)
            throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(progress, "progress");
        return withRawKey(key, raw -> sealFile(raw, context.encode(), Rng.bytes(Cobblestone.SALT_LENGTH), source, target,
                ChunkPipeline.BATCH_CHUNKS, progress));
    }

    static long sealFile(byte[] inputKey, byte[] context, byte[] salt, Path source, Path target, int batchChunks,
            LongConsumer progress) throws IOException {
        try (Cobblestone.Derived derived = Cobblestone.derive(inputKey, salt, context)) {
            return new FileSeal(derived, batchChunks).seal(salt, source, target, progress);
        }
    }

    /**
     * Opens everything {@code source} holds into {@code sink}: the way to open a whole file or
     * stream. The commitment is checked before any chunk is opened; chunks are opened in batches
     * on a small pool of threads, as in {@link #seal(SymmetricKey, SealContext, InputStream,
     * OutputStream)}, and written in order, each only after its tag verified. If a chunk is not
     * authentic, everything before it has been written to {@code sink} and a
     * {@link SealedContentException} is thrown (so treat {@code sink}'s content as unusable unless
     * this method returns); if {@code source} fails, a {@link SealedSourceException}. Neither
     * stream is closed; {@code sink} is flushed.
     *
     * @return the number of plaintext bytes opened (the whole message)
     */
    public static long open(SymmetricKey key, SealContext context, InputStream source, OutputStream sink)
            throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        return withRawKey(key, raw -> open(raw, context.encode(), source, sink, ChunkPipeline.BATCH_CHUNKS));
    }

    static long seal(byte[] inputKey, byte[] context, byte[] salt, InputStream source, OutputStream sink, int batchChunks)
            throws IOException {
        Cobblestone.Derived derived = Cobblestone.derive(inputKey, salt, context);
        try (ChunkPipeline pipeline = new ChunkPipeline(derived, batchChunks)) {
            sink.write(salt);
            sink.write(derived.commitment);
            long total = pipeline.seal(source, sink);
            sink.flush();
            return total;
        }
    }

    static long open(byte[] inputKey, byte[] context, InputStream source, OutputStream sink, int batchChunks)
            throws IOException {
        byte[] header = new byte[Cobblestone.HEADER_LENGTH];
        int n;
        try {
            n = source.readNBytes(header, 0, header.length);
        } catch (IOException | RuntimeException e) {
            throw new SealedSourceException(e);
        }
        if (n != header.length) {
            throw new SealedContentException();
        }
        Cobblestone.Derived derived = Cobblestone.derive(inputKey, java.util.Arrays.copyOf(header, Cobblestone.SALT_LENGTH), context);
        if (!derived.commitmentMatches(header)) {
            derived.close();
            throw new SealedContentException();
        }
        try (ChunkPipeline pipeline = new ChunkPipeline(derived, batchChunks)) {
            long total = pipeline.open(source, sink);
            sink.flush();
            return total;
        }
    }

    /**
     * A stream that seals what is written to it into {@code out}. The header is written at once.
     * {@link SealingOutputStream#close()} <b>finalises</b>: it writes the final chunk, making the
     * output a complete message, and closes {@code out}. If the plaintext's source fails, call
     * {@link SealingOutputStream#abort()} before closing, or the prefix written so far becomes
     * a complete, shorter document; {@link #seal(SymmetricKey, SealContext, InputStream,
     * OutputStream)} does this for you. Output of an aborted or failed stream never opens.
     */
    public static SealingOutputStream newSealingStream(SymmetricKey key, SealContext context, OutputStream out)
            throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(out, "out");
        return withRawKey(key, raw -> sealingStream(raw, context.encode(), Rng.bytes(Cobblestone.SALT_LENGTH), out));
    }

    /**
     * A stream of the plaintext sealed in {@code in}. It reads the header on first use, checks the
     * commitment, then opens chunk after chunk. Content that is not authentic fails with a
     * {@link SealedContentException}, a failure of {@code in} itself with a
     * {@link SealedSourceException}; both are sticky (see {@link OpeningInputStream}).
     */
    public static OpeningInputStream newOpeningStream(SymmetricKey key, SealContext context, InputStream in) {
        Objects.requireNonNull(context, "context");
        return withRawKey(key, raw -> openingStream(raw, context.encode(), in));
    }

    /**
     * Opens a run of chunks fetched apart from the rest (a resumed or partial download): the
     * stream {@code chunks} starts at {@link #chunkOffset(long) chunkOffset(firstChunk)} of the
     * ciphertext and holds up to {@code chunkCount} chunks ({@code Long.MAX_VALUE} for "to the
     * end"); the run ends early only at the message's final (short) chunk. The commitment in
     * {@code header} is checked here, before any chunk is opened. Whether the run reached the
     * end of the message is {@link OpeningInputStream#reachedEnd()}.
     *
     * @throws SealedContentException if the header does not match this key and context
     */
    public static OpeningInputStream newRangeOpeningStream(SymmetricKey key, SealContext context, byte[] header,
            long firstChunk, long chunkCount, InputStream chunks) throws SealedContentException {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(chunks, "chunks");
        if (chunkCount < 1) {
            throw new IllegalArgumentException("a range holds at least one chunk");
        }
        return withRawKey(key, raw -> new OpeningInputStream(chunks, raw, context.encode(), header, firstChunk, chunkCount));
    }

    /**
     * A reader of single chunks of a sealed file; it checks the length and the commitment when
     * made. See {@link SealedFileReader}.
     */
    public static SealedFileReader newFileReader(SymmetricKey key, SealContext context, SeekableByteChannel file)
            throws IOException {
        Objects.requireNonNull(context, "context");
        return withRawKey(key, raw -> new SealedFileReader(file, raw, context.encode()));
    }

    /**
     * Optional, for short-lived processes (the command line) about to seal or open a large file:
     * primes the JIT so that AES-GCM runs at hardware speed from the first chunk instead of after
     * the first 50-100 MiB, and meanwhile, on a second thread, loads the key-derivation classes
     * (HMAC-SHA512 from the JDK; the sealing path no longer touches Bouncy Castle, whose signed
     * jar cost about 0.2 s to open). Costs about 0.3 s once per process; changes no output.
     */
    public static void warmUp() {
        warmUp(true, true);
    }

    /** {@link #warmUp()} for a process that only seals: half the cost. */
    public static void warmUpForSealing() {
        warmUp(true, false);
    }

    /** {@link #warmUp()} for a process that only opens: half the cost. */
    public static void warmUpForOpening() {
        warmUp(false, true);
    }

    private static void warmUp(boolean sealing, boolean opening) {
        Thread keySchedule = new Thread(
                () -> Cobblestone.derive(new byte[Cobblestone.KEY_LENGTH], new byte[Cobblestone.SALT_LENGTH], new byte[0]),
                "palermo-seal-warm-up");
        keySchedule.setDaemon(true);
        keySchedule.start();
        JdkAesGcm.warmUp(sealing, opening);
        try {
            keySchedule.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ciphertext length of a plaintext of this length: 56 + length + 16 * (length / 16384 + 1). */
    public static long ciphertextLength(long plaintextLength) {
        return Cobblestone.ciphertextLength(plaintextLength);
    }

    /** Number of chunks of a plaintext of this length (at least one). */
    public static long chunkCount(long plaintextLength) {
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        return plaintextLength / CHUNK_SIZE + 1;
    }

    /** Ciphertext offset of chunk {@code index}: 56 + index * 16400. */
    public static long chunkOffset(long chunkIndex) {
        if (chunkIndex < 0 || chunkIndex >= Cobblestone.MAX_CHUNKS) {
            throw new IllegalArgumentException("chunk index out of range");
        }
        return HEADER_LENGTH + chunkIndex * SEALED_CHUNK_SIZE;
    }

    static SealingOutputStream sealingStream(byte[] inputKey, byte[] context, byte[] salt, OutputStream out)
            throws IOException {
        return new SealingOutputStream(out, inputKey, context, salt);
    }

    static OpeningInputStream openingStream(byte[] inputKey, byte[] context, InputStream in) {
        try {
            return new OpeningInputStream(in, inputKey, context, null, 0, -1);
        } catch (SealedContentException e) {
            throw new IllegalStateException("no header given, so nothing is checked yet", e);
        }
    }

    /** A use of the raw key bytes, which are wiped as soon as it returns. */
    private interface RawKeyUse<T, E extends Exception> {
        T apply(byte[] raw) throws E;
    }

    private static <T, E extends Exception> T withRawKey(SymmetricKey key, RawKeyUse<T, E> use) throws E {
        Objects.requireNonNull(key, "key");
        byte[] raw = key.toBytes(InsecureSecretKeyAccess.get());
        try {
            return use.apply(raw);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }
}
