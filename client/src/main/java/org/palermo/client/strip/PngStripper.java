package org.palermo.client.strip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.palermo.text.Text;

/**
 * Removes metadata from a PNG by walking its chunks and checking each chunk's CRC.
 *
 * <p>Kept: every critical chunk, and the ancillary chunks that change how the picture looks
 * (tRNS, gAMA, cHRM, sRGB, iCCP, cICP, mDCv, cLLi, sBIT, bKGD, hIST, sPLT, pHYs) or animate it
 * (acTL, fcTL, fdAT). Dropped: text (tEXt, zTXt, iTXt, which includes XMP), eXIf, tIME, every
 * other ancillary chunk (private ones included), and anything after IEND.
 */
final class PngStripper {
  static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private static final Set<String> KEEP = Set.of(
      "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "mDCv", "cLLi", "sBIT", "bKGD", "hIST",
      "sPLT", "pHYs", "acTL", "fcTL", "fdAT");
  private static final int MAX_CHUNK = Integer.MAX_VALUE;
  private static final int KEYWORD_MAX = 79;
  private static final int EXIF_SCAN_MAX = 1 << 20;

  private PngStripper() {}

  /** Copies {@code in} to {@code out} without metadata chunks; returns what was removed. */
  static List<Text> strip(InputStream in, OutputStream out) throws IOException, StripException {
    ByteInput r = new ByteInput(in, "PNG");
    byte[] signature = new byte[SIGNATURE.length];
    if (r.readUpTo(signature, 0, signature.length) != signature.length
        || !Arrays.equals(signature, SIGNATURE)) {
      throw new StripException(Text.of("strip.png-bad-signature"));
    }
    out.write(SIGNATURE);
    Set<Text> removed = new LinkedHashSet<>();
    Set<String> keywords = new LinkedHashSet<>();
    boolean first = true;
    while (true) {
      long length = r.readU32();
      byte[] type = new byte[4];
      r.readFully(type, 0, 4);
      String name = chunkName(type, r.position() - 4);
      if (length > MAX_CHUNK) {
        throw new StripException(Text.of("strip.png-chunk-too-long", name, length));
      }
      if (first && !name.equals("IHDR")) {
        throw new StripException(Text.of("strip.png-first-chunk", name));
      }
      first = false;
      CRC32 crc = new CRC32();
      crc.update(type);
      boolean critical = (type[0] & 0x20) == 0;
      if (critical || KEEP.contains(name)) {
        writeU32(out, length);
        out.write(type);
        r.copy(length, out, crc);
        checkCrc(r, crc, name);
        writeU32(out, crc.getValue());
      } else {
        Text label = drop(r, name, length, crc, keywords);
        checkCrc(r, crc, name);
        if (label != null) {
          removed.add(label);
        }
      }
      if (name.equals("IEND")) {
        break;
      }
    }
    long trailing = r.drain();
    if (!keywords.isEmpty()) {
      removed.add(Text.of("strip.png-text", StripReport.list(List.copyOf(keywords))));
    }
    if (trailing > 0) {
      removed.add(Text.of("strip.data-after-end", trailing));
    }
    return List.copyOf(removed);
  }

  /** Consumes a dropped chunk; returns its label, or null when it is text (see keywords). */
  private static Text drop(ByteInput r, String name, long length, CRC32 crc,
      Set<String> keywords) throws IOException, StripException {
    switch (name) {
      case "tEXt", "zTXt", "iTXt" -> {
        int head = (int) Math.min(length, KEYWORD_MAX + 1);
        byte[] start = new byte[head];
        r.readFully(start, 0, head);
        crc.update(start);
        r.copy(length - head, null, crc);
        String keyword = keyword(start);
        if (keyword.equals("XML:com.adobe.xmp")) {
          return Text.of("strip.xmp");
        }
        keywords.add(keyword);
        return null;
      }
      case "eXIf" -> {
        if (length > EXIF_SCAN_MAX) {
          r.copy(length, null, crc);
          return ExifFacts.label(false);
        }
        byte[] exif = new byte[(int) length];
        r.readFully(exif, 0, exif.length);
        crc.update(exif);
        return ExifFacts.scan(exif, 0).label();
      }
      case "tIME" -> {
        r.copy(length, null, crc);
        return Text.of("strip.png-time");
      }
      default -> {
        r.copy(length, null, crc);
        return Text.of("strip.png-ancillary-chunk", name);
      }
    }
  }

  private static String keyword(byte[] start) {
    StringBuilder sb = new StringBuilder();
    for (byte b : start) {
      int c = b & 0xFF;
      if (c == 0 || sb.length() == KEYWORD_MAX) {
        break;
      }
      sb.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return sb.length() == 0 ? "?" : sb.toString();
  }

  private static String chunkName(byte[] type, long at) throws StripException {
    for (byte b : type) {
      if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
        throw new StripException(Text.of("strip.png-no-chunk", at - 4));
      }
    }
    return new String(type, StandardCharsets.US_ASCII);
  }

  private static void checkCrc(ByteInput r, CRC32 crc, String name)
      throws IOException, StripException {
    if (r.readU32() != crc.getValue()) {
      throw new StripException(Text.of("strip.png-crc", name));
    }
  }

  private static void writeU32(OutputStream out, long v) throws IOException {
    out.write((int) (v >>> 24));
    out.write((int) (v >>> 16));
    out.write((int) (v >>> 8));
    out.write((int) v);
  }
}
