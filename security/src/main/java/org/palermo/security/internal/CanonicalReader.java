package org.palermo.security.internal;

import java.util.Arrays;

/**
 * Reads the encoding {@link Canonical} writes, strictly: every read checks bounds and
 * {@link #end()} refuses trailing bytes. Failures are {@link IllegalArgumentException}s that the
 * public classes turn into their own error.
 *
 * <p>Internal: not part of the module's API.
 */
public final class CanonicalReader {
    private final byte[] in;
    private int pos;

    public CanonicalReader(byte[] in) {
        this.in = in;
    }

    private void need(int n) {
        if (n < 0 || in.length - pos < n) {
            throw new IllegalArgumentException("truncated encoding");
        }
    }

    public int u8() {
        need(1);
        return in[pos++] & 0xff;
    }

    public long u32() {
        need(4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (in[pos++] & 0xff);
        }
        return v;
    }

    public long u64() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (in[pos++] & 0xff);
        }
        return v;
    }

    public byte[] fixed(int n) {
        need(n);
        byte[] v = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return v;
    }

    public byte[] bytes(int maxLength) {
        long n = u32();
        if (n > maxLength) {
            throw new IllegalArgumentException("field too long");
        }
        return fixed((int) n);
    }

    public void end() {
        if (pos != in.length) {
            throw new IllegalArgumentException("trailing bytes");
        }
    }
}
