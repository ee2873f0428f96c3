package org.palermo.client.strip;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.palermo.text.Text;

/**
 * Removes metadata from a WebP (a RIFF container) by copying only the chunks that make up the
 * picture: VP8X (with its EXIF and XMP flags cleared), VP8, VP8L, ALPH, ANIM, ANMF and ICCP.
 * EXIF, XMP and unknown chunks are dropped, as is anything after the RIFF data; the RIFF size is
 * recomputed. The chunks are copied file to file, never held in memory.
 */
final class WebpStripper {
  private static final Set<String> KEEP =
      Set.of("VP8X", "VP8 ", "VP8L", "ALPH", "ANIM", "ANMF", "ICCP");
  private static final Set<String> IMAGE = Set.of("VP8 ", "VP8L", "ANMF");
  private static final int FLAG_EXIF = 0x08;
  private static final int FLAG_XMP = 0x04;
  private static final int MAX_CHUNKS = 1_000_000;
  private static final int EXIF_SCAN_MAX = 1 << 20;
  private static final byte[] EXIF_PREFIX = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

  private record Chunk(String id, long start, long size) {
    long padded() {
      return size + (size & 1);
    }
  }

  private WebpStripper() {}

  static List<Text> strip(Path source, Path target) throws IOException, StripException {
    try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.CREATE)) {
      long fileSize = in.size();
      ByteBuffer header = read(in, 0, 12);
      if (header == null || !id(header, 0).equals("RIFF") || !id(header, 8).equals("WEBP")) {
        throw new StripException(Text.of("strip.webp-no-header"));
      }
      long end = 8 + u32(header, 4);
      if (end > fileSize) {
        throw new StripException(Text.of("strip.webp-riff-past-end"));
      }
      List<Chunk> chunks = chunks(in, end);
      Set<Text> removed = new LinkedHashSet<>();
      long riffSize = 4;
      boolean image = false;
      for (Chunk c : chunks) {
        if (KEEP.contains(c.id())) {
          riffSize += 8 + c.padded();
          image |= IMAGE.contains(c.id());
        } else {
          removed.add(label(in, c));
        }
      }
      if (!image) {
        throw new StripException(Text.of("strip.webp-no-image-data"));
      }
      if (riffSize > 0xFFFF_FFFFL) {
        throw new StripException(Text.of("strip.webp-too-large"));
      }
      ByteBuffer newHeader = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      newHeader.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) riffSize)
          .put("WEBP".getBytes(StandardCharsets.US_ASCII)).flip();
      writeAll(out, newHeader);
      for (Chunk c : chunks) {
        if (!KEEP.contains(c.id())) {
          continue;
        }
        if (c.id().equals("VP8X")) {
          ByteBuffer vp8x = read(in, c.start(), (int) (8 + c.size()));
          vp8x.put(8, (byte) (vp8x.get(8) & ~(FLAG_EXIF | FLAG_XMP)));
          writeAll(out, vp8x);
        } else {
          transfer(in, c.start(), 8 + c.size(), out);
        }
        if ((c.size() & 1) == 1) {
          writeAll(out, ByteBuffer.wrap(new byte[1]));
        }
      }
      if (fileSize > end) {
        removed.add(Text.of("strip.data-after-end", fileSize - end));
      }
      return List.copyOf(removed);
    }
  }

  private static List<Chunk> chunks(FileChannel in, long end) throws IOException, StripException {
    List<Chunk> chunks = new ArrayList<>();
    long pos = 12;
    while (pos < end) {
      if (pos + 8 > end || chunks.size() == MAX_CHUNKS) {
        throw new StripException(Text.of("strip.webp-bad-chunk", pos));
      }
      ByteBuffer h = read(in, pos, 8);
      String id = id(h, 0);
      long size = u32(h, 4);
      Chunk c = new Chunk(id, pos, size);
      long next = pos + 8 + c.padded();
      if (next > end && pos + 8 + size != end) {
        throw new StripException(Text.of("strip.webp-chunk-past-end", printable(id), pos));
      }
      if (chunks.isEmpty() && !(id.equals("VP8X") || id.equals("VP8 ") || id.equals("VP8L"))) {
        throw new StripException(Text.of("strip.webp-first-chunk", printable(id)));
      }
      if (id.equals("VP8X") && (size < 10 || size > 1024)) {
        throw new StripException(Text.of("strip.webp-vp8x-size", size));
      }
      chunks.add(c);
      pos = Math.min(next, end);
    }
    return chunks;
  }

  private static Text label(FileChannel in, Chunk c) throws IOException, StripException {
    switch (c.id()) {
      case "EXIF" -> {
        if (c.size() > EXIF_SCAN_MAX) {
          return ExifFacts.label(false);
        }
        ByteBuffer b = read(in, c.start() + 8, (int) c.size());
        byte[] exif = b.array();
        int offset = startsWith(exif, EXIF_PREFIX) ? EXIF_PREFIX.length : 0;
        return ExifFacts.scan(exif, offset).label();
      }
      case "XMP " -> {
        return Text.of("strip.xmp");
      }
      default -> {
        return Text.of("strip.riff-chunk", printable(c.id()));
      }
    }
  }

  private static ByteBuffer read(FileChannel in, long pos, int len)
      throws IOException, StripException {
    ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
    while (b.hasRemaining()) {
      if (in.read(b, pos + b.position()) < 0) {
        if (pos == 0) {
          return null;
        }
        throw new StripException(Text.of("strip.webp-ends-early"));
      }
    }
    return b.flip();
  }

  private static void transfer(FileChannel in, long pos, long len, FileChannel out)
      throws IOException, StripException {
    long done = 0;
    while (done < len) {
      long n = in.transferTo(pos + done, len - done, out);
      if (n <= 0) {
        throw new StripException(Text.of("strip.webp-ends-early"));
      }
      done += n;
    }
  }

  private static void writeAll(FileChannel out, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  private static String id(ByteBuffer b, int at) {
    byte[] id = new byte[4];
    b.get(at, id);
    return new String(id, StandardCharsets.ISO_8859_1);
  }

  private static long u32(ByteBuffer b, int at) {
    return b.getInt(at) & 0xFFFF_FFFFL;
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    if (data.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String id) {
    StringBuilder sb = new StringBuilder();
    for (char ch : id.toCharArray()) {
      sb.append(ch >= 0x20 && ch < 0x7F ? ch : '?');
    }
    return sb.toString().strip();
  }
}
