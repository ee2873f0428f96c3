package org.palermo.client.strip;

import org.palermo.text.Text;

/**
 * The two things the strippers want to know about an EXIF block before dropping it: whether it
 * holds a GPS position, and the image orientation (which is put back, as it is needed to show the
 * picture upright and says nothing about the author).
 *
 * @param orientation the EXIF orientation 1..8, or 0 when absent or unreadable
 * @param gps whether the first directory points to a GPS directory
 */
record ExifFacts(int orientation, boolean gps) {
  private static final int TAG_ORIENTATION = 0x0112;
  private static final int TAG_GPS_IFD = 0x8825;
  private static final int TYPE_SHORT = 3;

  /** Reads the first directory of a TIFF structure; anything malformed just yields less. */
  static ExifFacts scan(byte[] data, int offset) {
    int len = data.length - offset;
    if (len < 8) {
      return new ExifFacts(0, false);
    }
    boolean little;
    if (data[offset] == 'I' && data[offset + 1] == 'I') {
      little = true;
    } else if (data[offset] == 'M' && data[offset + 1] == 'M') {
      little = false;
    } else {
      return new ExifFacts(0, false);
    }
    long ifd = u32(data, offset + 4, little);
    if (ifd < 8 || ifd + 2 > len) {
      return new ExifFacts(0, false);
    }
    int at = offset + (int) ifd;
    int count = u16(data, at, little);
    int orientation = 0;
    boolean gps = false;
    for (int i = 0; i < count; i++) {
      int e = at + 2 + 12 * i;
      if (e + 12 > data.length) {
        break;
      }
      int tag = u16(data, e, little);
      if (tag == TAG_GPS_IFD) {
        gps = true;
      } else if (tag == TAG_ORIENTATION && u16(data, e + 2, little) == TYPE_SHORT) {
        int value = u16(data, e + 8, little);
        orientation = value >= 1 && value <= 8 ? value : 0;
      }
    }
    return new ExifFacts(orientation, gps);
  }

  /** "EXIF (incl. GPS position)" or "EXIF". */
  Text label() {
    return label(gps);
  }

  /** "EXIF (incl. GPS position)" or "EXIF". */
  static Text label(boolean gps) {
    return gps ? Text.of("strip.exif-with-gps") : Text.of("strip.exif");
  }

  /** A big-endian TIFF structure holding nothing but this orientation. */
  static byte[] orientationOnlyTiff(int orientation) {
    return new byte[] {
      'M', 'M', 0, 42, 0, 0, 0, 8,
      0, 1,
      0x01, 0x12, 0, TYPE_SHORT, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
      0, 0, 0, 0
    };
  }

  private static int u16(byte[] b, int i, boolean little) {
    int b0 = b[i] & 0xFF;
    int b1 = b[i + 1] & 0xFF;
    return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
  }

  private static long u32(byte[] b, int i, boolean little) {
    long lo = u16(b, little ? i : i + 2, little);
    long hi = u16(b, little ? i + 2 : i, little);
    return (hi << 16) | lo;
  }
}
