package org.palermo.server.documents;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.palermo.server.blobs.BlobId;
import org.palermo.server.blobs.BlobStore;

/** The parts of a sealed stream read one after the other, each opened only when reached. */
final class PartsInputStream extends InputStream {
  private final BlobStore blobs;
  private final Iterator<PartRow> parts;
  private InputStream current;

  PartsInputStream(BlobStore blobs, List<PartRow> parts) {
    this.blobs = blobs;
    this.parts = List.copyOf(parts).iterator();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    while (true) {
      if (current == null) {
        if (!parts.hasNext()) {
          return -1;
        }
        current = blobs.open(BlobId.parse(parts.next().blobId()), 0);
      }
      int n = current.read(buffer, offset, length);
      if (n >= 0) {
        return n;
      }
      current.close();
      current = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
