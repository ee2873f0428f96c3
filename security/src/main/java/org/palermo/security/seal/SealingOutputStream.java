package org.palermo.security.seal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Seals what is written into Cobblestone-256 chunks. A full 16 KiB chunk is encrypted and
 * written as soon as it fills; {@link #close()} writes the final short chunk (possibly empty)
 * and closes the underlying stream. After any failure the stream refuses further use, and
 * closing it then does not write the final chunk, so the output can never open.
 */
final class SealingOutputStream extends OutputStream {
    private final OutputStream out;
    private final Cobblestone.Derived derived;
    private final JdkAesGcm aead;
    private final byte[] buffer = new byte[Cobblestone.CHUNK_SIZE];
    private final byte[] sealed = new byte[Cobblestone.SEALED_CHUNK_SIZE];
    private final byte[] nonce = new byte[Cobblestone.NONCE_LENGTH];
    private int buffered;
    private long chunkIndex;
    private boolean closed;
    private boolean failed;

    SealingOutputStream(OutputStream out, byte[] inputKey, byte[] context, byte[] salt) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.derived = Cobblestone.derive(inputKey, salt, context);
        this.aead = new JdkAesGcm(derived.aeadKey);
        out.write(salt);
        out.write(derived.commitment);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, buffer.length - buffered);
            System.arraycopy(b, off, buffer, buffered, n);
            buffered += n;
            off += n;
            len -= n;
            if (buffered == buffer.length) {
                // The final chunk is always shorter than 16 KiB, so a full buffer is never final.
                sealChunk();
            }
        }
    }

    /** Flushes the underlying stream; a partly filled chunk stays buffered until it fills or the stream closes. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed) {
                sealChunk();
            }
        } finally {
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("sealing stream is closed");
        }
        if (failed) {
            throw new IOException("sealing stream failed earlier; its output is incomplete");
        }
    }

    private void sealChunk() throws IOException {
        try {
            derived.nonce(chunkIndex, nonce);
            int n = aead.seal(nonce, null, buffer, 0, buffered, sealed, 0);
            out.write(sealed, 0, n);
            chunkIndex++;
            buffered = 0;
        } catch (GeneralSecurityException | RuntimeException | IOException e) {
            failed = true;
            if (e instanceof IOException) {
                throw (IOException) e;
            }
            throw new IOException("sealing failed", e);
        }
    }
}
