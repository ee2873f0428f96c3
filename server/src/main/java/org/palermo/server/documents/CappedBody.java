package org.palermo.server.documents;

import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read for an upload: at most {@code limit} bytes are passed on, and whether
 * more were sent is remembered ({@link #overflowed()}). When the connection fails mid-body, the
 * stream ends where it stopped instead of failing, so what arrived whole is kept and the client
 * resumes from there.
 */
final class CappedBody extends InputStream {
  private final InputStream in;
  private long remaining;
  private boolean overflowed;
  private boolean ended;

  CappedBody(InputStream in, long limit) {
    this.in = in;
    this.remaining = limit;
  }

  boolean overflowed() {
    return overflowed;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (ended || length == 0) {
      return ended ? -1 : 0;
    }
    if (remaining == 0) {
      // Everything expected arrived: one more byte means the body is too long.
      ended = true;
      overflowed = safeRead() >= 0;
      return -1;
    }
    int n;
    try {
      n = in.read(buffer, offset, (int) Math.min(length, remaining));
    } catch (IOException e) {
      ended = true; // the connection dropped: keep what arrived
      return -1;
    }
    if (n < 0) {
      ended = true;
      return -1;
    }
    remaining -= n;
    return n;
  }

  private int safeRead() {
    try {
      return in.read();
    } catch (IOException e) {
      return -1;
    }
  }
}
