package org.palermo.client.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.palermo.client.i18n.ClientText;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.SealedPart;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.seal.SealContext;
import org.palermo.text.Text;

/**
 * Seals a file into another on a thread of its own ({@link ContentSeal#sealFile}, whose workers
 * seal batches by position and report the finished prefix), so that the upload can start as
 * soon as the header (salt and key commitment, which the manifest signs) exists, and read the
 * sealed bytes while the rest is still being sealed. The sealed file stays whole on disk, so a run
 * that fails resumes from it.
 */
final class SealingFile {
  private final Object progress = new Object();
  private final Path target;
  private final long sealedLength;
  private long written;
  private boolean done;
  private IOException failure;

  private SealingFile(Path target, long sealedLength) {
    this.target = target;
    this.sealedLength = sealedLength;
  }

  /** Starts sealing {@code source} (of {@code length} bytes) into {@code target}. */
  static SealingFile start(SymmetricKey key, SealContext context, Path source, long length,
      Path target) {
    SealingFile sealing = new SealingFile(target, ContentSeal.ciphertextLength(length));
    Thread thread = new Thread(() -> sealing.run(key, context, source, length), "palermo-sealing");
    thread.setDaemon(true);
    thread.start();
    return sealing;
  }

  private void run(SymmetricKey key, SealContext context, Path source, long length) {
    IOException failed = null;
    try {
      long sealed = ContentSeal.sealFile(key, context, source, target, this::written);
      if (sealed != length) {
        failed = new Stopped(Text.of("document.file-changed-while-sealing"));
      }
    } catch (IOException e) {
      failed = changed(source, length) ? new Stopped(Text.of("document.file-changed-while-sealing")) : e;
    } catch (RuntimeException e) {
      failed = new IOException(e.getMessage(), e);
    }
    synchronized (progress) {
      failure = failed;
      done = true;
      progress.notifyAll();
    }
  }

  private static boolean changed(Path source, long length) {
    try {
      return Files.size(source) != length;
    } catch (IOException e) {
      return true;
    }
  }

  /** How much of the target holds its final bytes, from the sealing workers. */
  private void written(long prefix) {
    synchronized (progress) {
      written = prefix;
      progress.notifyAll();
    }
  }

  /** What the manifest binds of the sealed file; waits for its header. */
  SealedPart part() throws IOException {
    synchronized (progress) {
      while (written < SealedPart.HEADER_LENGTH && !done) {
        await();
      }
      if (failure != null) {
        throw failure;
      }
    }
    byte[] header = new byte[SealedPart.HEADER_LENGTH];
    try (FileChannel channel = FileChannel.open(target, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.wrap(header);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, buffer.position()) < 0) {
          throw new Stopped(Text.of("document.sealed-file-ended-early"));
        }
      }
    }
    return new SealedPart(sealedLength, header);
  }

  long sealedLength() {
    return sealedLength;
  }

  /** Waits until the whole file is sealed; rethrows what stopped the sealing. */
  void finish() throws IOException {
    synchronized (progress) {
      while (!done) {
        await();
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** The sealed bytes from {@code offset}, {@code length} of them, waiting for them as needed. */
  InputStream open(long offset, long length) throws IOException {
    FileChannel channel = FileChannel.open(target, StandardOpenOption.READ);
    return new InputStream() {
      private long position = offset;
      private final long end = offset + length;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        if (position >= end) {
          return -1;
        }
        long available = waitFor(position);
        int n = channel.read(ByteBuffer.wrap(buffer, off,
            (int) Math.min(len, Math.min(available, end) - position)), position);
        if (n > 0) {
          position += n;
        }
        return n;
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }

  /** Waits until bytes past {@code position} exist; returns how far the file is written. */
  private long waitFor(long position) throws IOException {
    synchronized (progress) {
      while (written <= position && !done) {
        await();
      }
      if (failure != null) {
        throw failure;
      }
      if (written <= position) {
        throw new Stopped(Text.of("document.sealed-file-ended-early"));
      }
      return written;
    }
  }

  private void await() throws IOException {
    try {
      progress.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while sealing");
    }
  }

  /** Sealing stopped for a reason the user is told, in the {@code document} bundle. */
  static final class Stopped extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Text text;

    Stopped(Text text) {
      super(ClientText.english(text));
      this.text = text;
    }

    Text text() {
      return text;
    }
  }
}
