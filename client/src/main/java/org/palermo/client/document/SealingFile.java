package org.palermo.client.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
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
 * Seals a file into another on a thread of its own, so that the upload can start as soon as
 * the header (salt and key commitment, which the manifest signs) exists, and read the sealed
 * bytes while the rest is still being sealed. The sealed file stays whole on disk, so a run
 * that fails resumes from it.
 */
final class SealingFile {
  private final Object progress = new Object();
  private final byte[] header = new byte[SealedPart.HEADER_LENGTH];
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
    Thread thread = new Thread(() -> sealing.run(key, context, source), "palermo-sealing");
    thread.setDaemon(true);
    thread.start();
    return sealing;
  }

  private void run(SymmetricKey key, SealContext context, Path source) {
    IOException failed = null;
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = new Tracking(Files.newOutputStream(target))) {
      ContentSeal.seal(key, context, in, out);
    } catch (IOException e) {
      failed = e;
    } catch (RuntimeException e) {
      failed = new IOException(e.getMessage(), e);
    }
    synchronized (progress) {
      if (failed == null && written != sealedLength) {
        failed = new Stopped(Text.of("document.file-changed-while-sealing"));
      }
      failure = failed;
      done = true;
      progress.notifyAll();
    }
  }

  /** What the manifest binds of the sealed file; waits for its header. */
  SealedPart part() throws IOException {
    synchronized (progress) {
      while (written < header.length && !done) {
        await();
      }
      if (failure != null) {
        throw failure;
      }
      return new SealedPart(sealedLength, header.clone());
    }
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

  /** Counts what reached the file, and keeps its first bytes (the header). */
  private final class Tracking extends OutputStream {
    private final OutputStream out;

    Tracking(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      synchronized (progress) {
        if (written < header.length) {
          int n = (int) Math.min(len, header.length - written);
          System.arraycopy(b, off, header, (int) written, n);
        }
        written += len;
        progress.notifyAll();
      }
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
