package org.palermo.server.blobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Child-process entry point for the crash test: starts a put of generated content and kills the
 * JVM with {@code halt(1)} (no shutdown hooks, no finally blocks, like a power cut for the process)
 * once a given number of bytes has been handed to the store.
 *
 * <p>Arguments: store root, blob id, bytes to deliver before halting. Exit codes: 1 halted as
 * planned, 2 the put finished (it should not), 3 the put failed.
 */
public final class HaltingPutMain {

  private HaltingPutMain() {
  }

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    BlobId id = BlobId.parse(args[1]);
    long haltAfter = Long.parseLong(args[2]);
    try {
      BlobStore store = new FileSystemBlobStore(root);
      InputStream delivered = GeneratedContent.stream(99, haltAfter);
      InputStream content = new InputStream() {
        @Override
        public int read() throws IOException {
          int b = delivered.read();
          if (b < 0) {
            Runtime.getRuntime().halt(1);
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = delivered.read(b, off, len);
          if (n < 0) {
            // Earlier chunks have been written to the temporary file by now.
            Runtime.getRuntime().halt(1);
          }
          return n;
        }
      };
      store.put(id, content);
      Runtime.getRuntime().halt(2);
    } catch (Throwable e) {
      e.printStackTrace();
      Runtime.getRuntime().halt(3);
    }
  }
}
