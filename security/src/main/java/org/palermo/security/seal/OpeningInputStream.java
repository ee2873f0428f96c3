package org.palermo.security.seal;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Opens Cobblestone-256 chunks as they arrive. A chunk's plaintext is released only after its
 * tag verifies, so no byte past the last authentic chunk is ever returned. The first error is
 * remembered: every later read throws again, it never turns into a clean end of stream.
 */
final class OpeningInputStream extends InputStream {
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
    private boolean closed;
    private SealedContentException failure;

    /**
     * @param header the 56-byte header when it was read apart (ranged reads), or null to read it from {@code in}
     * @param firstChunk index of the first chunk {@code in} holds
     * @param chunkCount how many chunks to read at most, or -1 for all up to the final short chunk
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
        this.lastChunkExclusive = chunkCount == -1
                ? Cobblestone.MAX_CHUNKS
                : Math.min(Cobblestone.MAX_CHUNKS, firstChunk + chunkCount);
        if (header != null) {
            if (header.length != Cobblestone.HEADER_LENGTH) {
                throw fail();
            }
            checkHeader(header);
        }
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
        if (closed) {
            throw new IOException("opening stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        while (plainPos == plainLen) {
            if (finished) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(len, plainLen - plainPos);
        System.arraycopy(plain, plainPos, b, off, n);
        plainPos += n;
        return n;
    }

    @Override
    public int available() throws IOException {
        if (closed) {
            throw new IOException("opening stream is closed");
        }
        if (failure != null) {
            throw failure;
        }
        return plainLen - plainPos;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            plainPos = plainLen;
            in.close();
        }
    }

    private void checkHeader(byte[] header) throws SealedContentException {
        byte[] salt = java.util.Arrays.copyOfRange(header, 0, Cobblestone.SALT_LENGTH);
        Cobblestone.Derived d = Cobblestone.derive(inputKey, salt, context);
        if (!d.commitmentMatches(header)) {
            throw fail();
        }
        derived = d;
        aead = new JdkAesGcm(d.aeadKey);
    }

    private void nextChunk() throws IOException {
        if (derived == null) {
            byte[] header = new byte[Cobblestone.HEADER_LENGTH];
            if (readFully(header, Cobblestone.HEADER_LENGTH) != Cobblestone.HEADER_LENGTH) {
                throw fail();
            }
            checkHeader(header);
        }
        if (chunkIndex >= lastChunkExclusive) {
            // Only reachable at the 2^38 limit in whole-message mode; ranged reads finish below.
            throw fail();
        }
        int n = readFully(sealed, sealed.length);
        boolean isFinal = n < sealed.length;
        if (n < Cobblestone.TAG_LENGTH) {
            // Missing final chunk (the message ended on a full chunk) or a chunk shorter than a tag.
            throw fail();
        }
        derived.nonce(chunkIndex, nonce);
        try {
            plainLen = aead.open(nonce, null, sealed, 0, n, plain, 0);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw fail();
        }
        plainPos = 0;
        chunkIndex++;
        if (isFinal || chunkIndex == lastChunkExclusive) {
            finished = true;
        }
    }

    private int readFully(byte[] buf, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n;
            try {
                n = in.read(buf, total, len - total);
            } catch (IOException e) {
                failure = new SealedContentException();
                failure.initCause(e);
                throw failure;
            }
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private SealedContentException fail() {
        plainPos = 0;
        plainLen = 0;
        failure = new SealedContentException();
        return failure;
    }
}
