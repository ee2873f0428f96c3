package org.palermo.security.seal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;

/**
 * Random access to a sealed file by chunk. When made it checks that the file's length is one a
 * sealed message can have and that the commitment matches the key and context; each chunk is
 * then authenticated as it is read. {@link #plaintextLength()} authenticates the message
 * length by opening the final chunk. Not thread-safe.
 */
public final class SealedFileReader implements Closeable {
    private final SeekableByteChannel file;
    private final Cobblestone.Derived derived;
    private final JdkAesGcm aead;
    private final long chunkCount;
    private final long claimedLength;
    private final byte[] nonce = new byte[Cobblestone.NONCE_LENGTH];
    private boolean lengthAuthenticated;
    private boolean closed;

    SealedFileReader(SeekableByteChannel file, byte[] inputKey, byte[] context) throws IOException {
        this.file = file;
        claimedLength = Cobblestone.plaintextLength(file.size());
        if (claimedLength < 0) {
            throw new SealedContentException();
        }
        chunkCount = claimedLength / Cobblestone.CHUNK_SIZE + 1;
        byte[] header = new byte[Cobblestone.HEADER_LENGTH];
        readAt(0, header);
        byte[] salt = java.util.Arrays.copyOfRange(header, 0, Cobblestone.SALT_LENGTH);
        Cobblestone.Derived d = Cobblestone.derive(inputKey, salt, context);
        if (!d.commitmentMatches(header)) {
            d.close();
            throw new SealedContentException();
        }
        derived = d;
        aead = new JdkAesGcm(d.aeadKey);
        d.wipeAeadKey(); // the cipher holds its own copy
    }

    /** Number of chunks the file's length implies. */
    public long chunkCount() {
        return chunkCount;
    }

    /** The plaintext of chunk {@code index}, authenticated. */
    public byte[] readChunk(long index) throws IOException {
        if (closed) {
            throw new IOException("sealed file reader is closed");
        }
        if (index < 0 || index >= chunkCount) {
            throw new IndexOutOfBoundsException("chunk " + index + " of " + chunkCount);
        }
        boolean last = index == chunkCount - 1;
        int sealedLength = last
                ? (int) (claimedLength % Cobblestone.CHUNK_SIZE) + Cobblestone.TAG_LENGTH
                : Cobblestone.SEALED_CHUNK_SIZE;
        byte[] sealed = new byte[sealedLength];
        readAt(ContentSeal.chunkOffset(index), sealed);
        derived.nonce(index, nonce);
        try {
            byte[] plain = aead.open(nonce, null, sealed);
            if (last) {
                lengthAuthenticated = true;
            }
            return plain;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SealedContentException();
        }
    }

    /** The message length, authenticated by opening the final chunk. */
    public long plaintextLength() throws IOException {
        if (!lengthAuthenticated) {
            readChunk(chunkCount - 1);
        }
        return claimedLength;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        derived.close();
        file.close();
    }

    private void readAt(long position, byte[] into) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(into);
        file.position(position);
        while (buf.hasRemaining()) {
            if (file.read(buf) < 0) {
                throw new SealedContentException();
            }
        }
    }
}
