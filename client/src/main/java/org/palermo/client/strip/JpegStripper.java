package org.palermo.client.strip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.palermo.text.Text;

/**
 * Removes metadata from a JPEG by walking its segments: the compressed image data is copied byte
 * for byte, so the pixels do not change.
 *
 * <p>Dropped: APP1 (EXIF, XMP), APP13 (Photoshop IRB / IPTC), APP0 other than JFIF, APP2 other
 * than ICC_PROFILE, APP3..APP15 except an Adobe APP14, comments (COM), and anything after the
 * end-of-image marker (such as the extra pictures of a multi-picture file). When the EXIF held an
 * orientation other than "upright", a new EXIF segment holding only that orientation is written,
 * so that the picture still shows the right way up.
 */
final class JpegStripper {
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int DHT = 0xC4;
  private static final int JPG = 0xC8;
  private static final int DAC = 0xCC;
  private static final int APP0 = 0xE0;
  private static final int APP1 = 0xE1;
  private static final int APP2 = 0xE2;
  private static final int APP13 = 0xED;
  private static final int APP14 = 0xEE;
  private static final int APP15 = 0xEF;
  private static final int COM = 0xFE;
  private static final int TEM = 0x01;

  private static final byte[] JFIF = ascii("JFIF\0");
  private static final byte[] JFXX = ascii("JFXX\0");
  private static final byte[] EXIF = ascii("Exif\0\0");
  private static final byte[] XMP = ascii("http://ns.adobe.com/xap/1.0/\0");
  private static final byte[] XMP_EXTENSION = ascii("http://ns.adobe.com/xmp/extension/\0");
  private static final byte[] ICC = ascii("ICC_PROFILE\0");
  private static final byte[] MPF = ascii("MPF\0");
  private static final byte[] ADOBE = ascii("Adobe");

  private final ByteInput r;
  private final OutputStream out;
  private final boolean lenientEnd;
  private final Set<Text> removed = new LinkedHashSet<>();
  private boolean frame;
  private boolean scan;
  private boolean orientationWritten;
  private long stray;

  private JpegStripper(InputStream in, OutputStream out, boolean lenientEnd) {
    this.r = new ByteInput(in, "JPEG");
    this.out = out;
    this.lenientEnd = lenientEnd;
  }

  /**
   * Copies {@code in} to {@code out} without metadata segments.
   *
   * @param lenientEnd accept input that ends inside the image data (as JPEG images embedded in
   *     PDFs sometimes do); a file on its own must end with its end-of-image marker
   * @return what was removed
   */
  static List<Text> strip(InputStream in, OutputStream out, boolean lenientEnd)
      throws IOException, StripException {
    return new JpegStripper(in, out, lenientEnd).run();
  }

  private List<Text> run() throws IOException, StripException {
    if (r.read() != 0xFF || r.read() != SOI) {
      throw new StripException(Text.of("strip.jpeg-no-start-marker"));
    }
    out.write(0xFF);
    out.write(SOI);
    int marker = nextMarker();
    while (marker != EOI) {
      if (marker < 0) {
        if (lenientEnd && scan) {
          break;
        }
        throw r.truncated();
      }
      marker = segment(marker);
    }
    if (marker == EOI) {
      if (!scan) {
        throw new StripException(Text.of("strip.jpeg-no-image-data"));
      }
      out.write(0xFF);
      out.write(EOI);
      long trailing = r.drain();
      if (trailing > 0) {
        removed.add(Text.of("strip.data-after-end", trailing));
      }
    }
    if (stray > 0) {
      removed.add(Text.of("strip.stray-bytes", stray));
    }
    return List.copyOf(removed);
  }

  /** Handles the segment that starts with {@code marker}; returns the marker after it. */
  private int segment(int marker) throws IOException, StripException {
    if (marker == TEM || (marker >= 0xD0 && marker <= 0xD7)) {
      out.write(0xFF);
      out.write(marker);
      return nextMarker();
    }
    if (marker == SOI) {
      throw new StripException(Text.of("strip.jpeg-second-start", r.position() - 2));
    }
    int length = r.readU16();
    if (length < 2) {
      throw new StripException(
          Text.of("strip.jpeg-segment-length", length, r.position() - 2));
    }
    if ((marker >= APP0 && marker <= APP15) || marker == COM) {
      byte[] payload = new byte[length - 2];
      r.readFully(payload, 0, payload.length);
      Text label = dropLabel(marker, payload);
      if (label == null) {
        writeSegment(marker, payload);
      } else {
        removed.add(label);
        if (marker == APP1 && startsWith(payload, EXIF)) {
          keepOrientation(payload);
        }
      }
      return nextMarker();
    }
    if (isFrameHeader(marker)) {
      frame = true;
    }
    out.write(0xFF);
    out.write(marker);
    out.write(length >> 8);
    out.write(length);
    r.copy(length - 2, out, null);
    if (marker != SOS) {
      return nextMarker();
    }
    if (!frame) {
      throw new StripException(Text.of("strip.jpeg-data-before-frame"));
    }
    scan = true;
    return r.copyEntropyCoded(out);
  }

  private void keepOrientation(byte[] exifPayload) throws IOException {
    int orientation = ExifFacts.scan(exifPayload, EXIF.length).orientation();
    if (orientation > 1 && !orientationWritten) {
      byte[] tiff = ExifFacts.orientationOnlyTiff(orientation);
      byte[] exif = Arrays.copyOf(EXIF, EXIF.length + tiff.length);
      System.arraycopy(tiff, 0, exif, EXIF.length, tiff.length);
      writeSegment(APP1, exif);
      orientationWritten = true;
    }
  }

  /**
   * Reads the next marker: 0xFF, optional fill bytes, then the code. Bytes that are not a marker
   * (which decoders skip with a warning) are dropped and counted.
   *
   * @return the marker code, or -1 at the end of the input
   */
  private int nextMarker() throws IOException {
    int b = r.read();
    while (b >= 0) {
      if (b == 0xFF) {
        int code = r.read();
        while (code == 0xFF) {
          code = r.read();
        }
        if (code != 0x00) {
          return code;
        }
        stray += 2;
        b = r.read();
      } else {
        stray++;
        b = r.read();
      }
    }
    return -1;
  }

  private static Text dropLabel(int marker, byte[] payload) {
    if (marker == COM) {
      return Text.of("strip.jpeg-comment");
    }
    if (marker == APP0) {
      if (startsWith(payload, JFIF)) {
        return null;
      }
      return startsWith(payload, JFXX) ? Text.of("strip.jfif-thumbnail")
          : Text.of("strip.app-segment", 0);
    }
    if (marker == APP1) {
      if (startsWith(payload, EXIF)) {
        return ExifFacts.scan(payload, EXIF.length).label();
      }
      if (startsWith(payload, XMP) || startsWith(payload, XMP_EXTENSION)) {
        return Text.of("strip.xmp");
      }
      return Text.of("strip.app-segment", 1);
    }
    if (marker == APP2) {
      if (startsWith(payload, ICC)) {
        return null;
      }
      return startsWith(payload, MPF) ? Text.of("strip.multi-picture-index")
          : Text.of("strip.app-segment", 2);
    }
    if (marker == APP13) {
      return Text.of("strip.photoshop-irb");
    }
    if (marker == APP14 && startsWith(payload, ADOBE)) {
      return null;
    }
    return Text.of("strip.app-segment", marker - APP0);
  }

  private static boolean isFrameHeader(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != JPG && marker != DAC;
  }

  private void writeSegment(int marker, byte[] payload) throws IOException {
    int length = payload.length + 2;
    out.write(0xFF);
    out.write(marker);
    out.write(length >> 8);
    out.write(length);
    out.write(payload);
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
