package org.palermo.client.strip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;
import org.palermo.text.Text;

/**
 * A buffered, unsynchronised reader over a stream, for the streaming strippers. Running out of
 * input where more is required is a {@link StripException} that names the format.
 */
final class ByteInput {
  private final InputStream in;
  private final String format;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int limit;
  private long consumed;

  ByteInput(InputStream in, String format) {
    this.in = in;
    this.format = format;
  }

  /** Bytes consumed so far: the offset of the next byte. */
  long position() {
    return consumed;
  }

  /** The next byte (0..255), or -1 at the end of the input. */
  int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    consumed++;
    return buf[pos++] & 0xFF;
  }

  /** The next byte; the end of the input is an error. */
  int readByte() throws IOException, StripException {
    int b = read();
    if (b < 0) {
      throw truncated();
    }
    return b;
  }

  /** A big-endian unsigned 16-bit value. */
  int readU16() throws IOException, StripException {
    return (readByte() << 8) | readByte();
  }

  /** A big-endian unsigned 32-bit value. */
  long readU32() throws IOException, StripException {
    return ((long) readU16() << 16) | readU16();
  }

  /** Reads up to {@code len} bytes, fewer only at the end of input; returns how many were read. */
  int readUpTo(byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      if (pos == limit && !fill()) {
        break;
      }
      int n = Math.min(len - done, limit - pos);
      System.arraycopy(buf, pos, dst, off + done, n);
      pos += n;
      consumed += n;
      done += n;
    }
    return done;
  }

  /** Reads exactly {@code len} bytes. */
  void readFully(byte[] dst, int off, int len) throws IOException, StripException {
    if (readUpTo(dst, off, len) != len) {
      throw truncated();
    }
  }

  /**
   * Passes exactly {@code n} bytes to {@code out} (null: discards them), adding them to
   * {@code crc} when it is not null.
   */
  void copy(long n, OutputStream out, CRC32 crc) throws IOException, StripException {
    long left = n;
    while (left > 0) {
      if (pos == limit && !fill()) {
        throw truncated();
      }
      int chunk = (int) Math.min(left, limit - pos);
      if (out != null) {
        out.write(buf, pos, chunk);
      }
      if (crc != null) {
        crc.update(buf, pos, chunk);
      }
      pos += chunk;
      consumed += chunk;
      left -= chunk;
    }
  }

  /** Discards the rest of the input and says how many bytes there were. */
  long drain() throws IOException {
    long n = limit - pos;
    consumed += limit - pos;
    pos = limit;
    while (fill()) {
      n += limit;
      consumed += limit;
      pos = limit;
    }
    return n;
  }

  /**
   * Copies JPEG entropy-coded data to {@code out}, with its byte stuffing and restart markers, up
   * to the next other marker. Fill bytes before that marker are dropped.
   *
   * @return the code of that marker (its second byte), or -1 if the input ends first
   */
  int copyEntropyCoded(OutputStream out) throws IOException {
    while (true) {
      if (pos == limit && !fill()) {
        return -1;
      }
      int start = pos;
      while (pos < limit && buf[pos] != (byte) 0xFF) {
        pos++;
      }
      out.write(buf, start, pos - start);
      consumed += pos - start;
      if (pos == limit) {
        continue;
      }
      pos++;
      consumed++;
      int code = read();
      while (code == 0xFF) {
        code = read();
      }
      if (code < 0) {
        return -1;
      }
      if (code == 0x00 || (code >= 0xD0 && code <= 0xD7)) {
        out.write(0xFF);
        out.write(code);
        continue;
      }
      return code;
    }
  }

  StripException truncated() {
    return new StripException(Text.of("strip.truncated-at", format, consumed));
  }

  private boolean fill() throws IOException {
    pos = 0;
    limit = 0;
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit = n;
    return true;
  }
}
