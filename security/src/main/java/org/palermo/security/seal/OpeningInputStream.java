package org.palermo.security.seal;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Opens Cobblestone-256 chunks as they arrive. A chunk's plaintext is released only after its
 * tag verifies, so no byte past the last authentic chunk is ever returned.
 *
 * <p>Failures are sticky: the first one is remembered and every later {@code read} or
 * {@code available} throws it again; it never turns into a clean end of stream. There are two
 * kinds. {@link SealedContentException} (one message for every cause: wrong key or context,
 * modified, truncated, extended or reordered) means the bytes are not an authentic message.
 * {@link SealedSourceException} means the underlying stream failed (an {@link IOException} or
 * any runtime exception it threw) and says nothing about authenticity.
 *
 * <p><b>Ranged and resumed downloads.</b> A stream from
 * {@link ContentSeal#newRangeOpeningStream} ends (returns -1) either at the message's authentic
 * final chunk or after the chunks it was asked for. Only {@link #reachedEnd()} tells them apart:
 * a download is complete when the stream returned -1 <em>and</em> {@code reachedEnd()} is true.
 * If it returned -1 without reaching the end, fetch the next range, from chunk
 * {@code firstChunk + chunkCount}; after a {@link SealedSourceException}, resume from the chunk
 * after the last one whose plaintext was read in full (plaintext bytes read / 16384, counted
 * from {@code firstChunk}). Not thread-safe.
 */
public final class OpeningInputStream extends InputStream {
    private final InputStream in;
    private final byte[] inputKey;
    private final byte[] context;
    private final long lastChunkExclusive;
    private final byte[] sealed = new byte[Cobblestone.SEALED_CHUNK_SIZE];
    private final byte[] plain = new byte[Cobblestone.CHUNK_SIZE];
    private final byte[] nonce = new byte[Cobblestone.NONCE_LENGTH];
    private Cobblestone.Derived derived;
    private JdkAesGcm aead;
    private long chunkIndex;
    private int plainPos;
    private int plainLen;
    private boolean finished;
    private boolean reachedEnd;
    private boolean closed;
    private IOException failure;

    /**
     * @param header the 56-byte header when it was read apart (ranged reads), or null to read it from {@code in}
     * @param firstChunk index of the first chunk {@code in} holds
     * @param chunkCount how many chunks to read at most (any positive number; a count past the
     *     2^38 limit means "to the end"), or -1 for all up to the final short chunk
     */
    OpeningInputStream(InputStream in, byte[] inputKey, byte[] context, byte[] header, long firstChunk, long chunkCount)
            throws SealedContentException {
        this.in = Objects.requireNonNull(in, "in");
        if (inputKey.length != Cobblestone.KEY_LENGTH) {
            throw new IllegalArgumentException("Cobblestone-256 input key must be 32 bytes");
        }
        if (firstChunk < 0 || firstChunk >= Cobblestone.MAX_CHUNKS || chunkCount < -1 || chunkCount == 0) {
            throw new IllegalArgumentException("chunk range out of bounds");
        }
        this.inputKey = inputKey.clone();
        this.context = context.clone();
        this.chunkIndex = firstChunk;
        // Saturating: firstChunk + chunkCount may overflow a long (chunkCount = Long.MAX_VALUE).
        long remaining = Cobblestone.MAX_CHUNKS - firstChunk;
        this.lastChunkExclusive = chunkCount == -1 || chunkCount >= remaining
                ? Cobblestone.MAX_CHUNKS
                : firstChunk + chunkCount;
        if (header != null) {
            if (header.length != Cobblestone.HEADER_LENGTH) {
                Arrays.fill(this.inputKey, (byte) 0);
                throw notAuthentic();
            }
            checkHeader(header);
        }
    }

    /**
     * True once the message's final (short) chunk has been authenticated: everything up to the
     * end of the message was released. A ranged stream that returned -1 while this is false
     * stopped after the chunks it was asked for, not at the end of the message.
     */
    public boolean reachedEnd() {
        return reachedEnd;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureUsable();
        if (len == 0) {
            return 0;
        }
        while (plainPos == plainLen) {
            if (finished) {
                return -1;
            }
            try {
                nextChunk();
            } catch (SealedContentException | SealedSourceException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                // Not expected (the source's exceptions are wrapped where it is read); still sticky.
                throw notAuthentic();
            }
        }
        int n = Math.min(len, plainLen - plainPos);
        System.arraycopy(plain, plainPos, b, off, n);
        plainPos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        ensureUsable();
        return plainLen - plainPos;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            plainPos = plainLen;
            wipe();
            in.close();
        }
    }

    private void ensureUsable() throws IOException {
        if (closed) {
            throw new IOException("opening stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void checkHeader(byte[] header) throws SealedContentException {
        byte[] salt = Arrays.copyOfRange(header, 0, Cobblestone.SALT_LENGTH);
        Cobblestone.Derived d = Cobblestone.derive(inputKey, salt, context);
        Arrays.fill(inputKey, (byte) 0); // derived once per stream; not needed again
        if (!d.commitmentMatches(header)) {
            d.close();
            throw notAuthentic();
        }
        derived = d;
        aead = new JdkAesGcm(d.aeadKey);
        d.wipeAeadKey(); // the cipher holds its own copy
    }

    private void nextChunk() throws IOException {
        if (derived == null) {
            byte[] header = new byte[Cobblestone.HEADER_LENGTH];
            if (readFully(header, Cobblestone.HEADER_LENGTH) != Cobblestone.HEADER_LENGTH) {
                throw notAuthentic();
            }
            checkHeader(header);
        }
        if (chunkIndex >= lastChunkExclusive) {
            // Only reachable at the 2^38 limit in whole-message mode; ranged reads finish below.
            throw notAuthentic();
        }
        int n = readFully(sealed, sealed.length);
        boolean isFinal = n < sealed.length;
        if (n < Cobblestone.TAG_LENGTH) {
            // Missing final chunk (the message ended on a full chunk) or a chunk shorter than a tag.
            throw notAuthentic();
        }
        derived.nonce(chunkIndex, nonce);
        try {
            plainLen = aead.open(nonce, null, sealed, 0, n, plain, 0);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw notAuthentic();
        }
        plainPos = 0;
        chunkIndex++;
        if (isFinal || chunkIndex == lastChunkExclusive) {
            finished = true;
            reachedEnd = isFinal;
            wipe(); // no chunk follows: the keys are no longer needed
        }
    }

    private int readFully(byte[] buf, int len) throws SealedSourceException {
        int total = 0;
        while (total < len) {
            int n;
            try {
                n = in.read(buf, total, len - total);
            } catch (IOException | RuntimeException e) {
                throw sourceFailed(e);
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private SealedContentException notAuthentic() {
        SealedContentException e = new SealedContentException();
        stick(e);
        return e;
    }

    private SealedSourceException sourceFailed(Exception cause) {
        SealedSourceException e = new SealedSourceException(cause);
        stick(e);
        return e;
    }

    private void stick(IOException e) {
        plainPos = 0;
        plainLen = 0;
        Arrays.fill(plain, (byte) 0);
        failure = e;
        wipe();
    }

    private void wipe() {
        Arrays.fill(inputKey, (byte) 0);
        if (derived != null) {
            derived.close();
        }
    }
}
