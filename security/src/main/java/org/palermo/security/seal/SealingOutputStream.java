package org.palermo.security.seal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Seals what is written into Cobblestone-256 chunks. A full 16 KiB chunk is encrypted and
 * written as soon as it fills.
 *
 * <p><b>{@link #close()} finalises:</b> it writes the final short chunk (possibly empty), which
 * is what makes the output open as a complete message, then closes the underlying stream. So
 * close it only after the whole plaintext was written. In a try-with-resources block whose
 * plaintext source fails, {@code close()} runs anyway and would seal the prefix written so far
 * as a complete, authentic, shorter document; call {@link #abort()} before leaving the block on
 * failure, or use {@link ContentSeal#seal(org.palermo.security.keys.SymmetricKey, SealContext,
 * java.io.InputStream, OutputStream)}, which does so.
 *
 * <p>After {@link #abort()}, or after any failure of the underlying stream, the stream refuses
 * further writes and {@code close()} closes the underlying stream without writing the final
 * chunk: the output (header and full chunks only, or a cut chunk) never opens. Not thread-safe.
 */
public final class SealingOutputStream extends OutputStream {
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
    private boolean aborted;

    SealingOutputStream(OutputStream out, byte[] inputKey, byte[] context, byte[] salt) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        this.derived = Cobblestone.derive(inputKey, salt, context);
        this.aead = new JdkAesGcm(derived.aeadKey);
        derived.wipeAeadKey(); // the cipher holds its own copy
        try {
            out.write(salt);
            out.write(derived.commitment);
        } catch (IOException | RuntimeException e) {
            failed = true;
            derived.close();
            throw e;
        }
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

    /**
     * Marks the output as incomplete: later writes fail and {@link #close()} will not write the
     * final chunk, so what was written never opens. Call it when the plaintext's source fails.
     * Idempotent; does nothing after {@code close()}.
     */
    public void abort() {
        if (!closed) {
            aborted = true;
            buffered = 0;
            java.util.Arrays.fill(buffer, (byte) 0);
        }
    }

    /**
     * Finalises and closes: writes the final chunk (unless {@link #abort()} was called or a write
     * failed) and closes the underlying stream. Idempotent.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed && !aborted) {
                sealChunk();
            }
        } finally {
            java.util.Arrays.fill(buffer, (byte) 0);
            derived.close();
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("sealing stream is closed");
        }
        if (aborted) {
            throw new IOException("sealing stream was aborted; its output never opens");
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
