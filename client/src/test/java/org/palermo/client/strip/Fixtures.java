package org.palermo.client.strip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.palermo.client.i18n.ClientText;

/** Files with known metadata, made on the fly, and ways to look for that metadata. */
final class Fixtures {
  static final String CANARY = "PALERMO-CANARY-7f3a9c";

  static final String AUTHOR = "Amina Canary-Reporter";
  static final String GPS_TEXT = "33,30.8280N";
  static final String DATUM = "CANARY-DATUM";
  static final String SERIAL = "SN-CANARY-0042";
  static final String DATE = "2024-03-01T10:00:00Z";
  static final double LATITUDE = 33.5138;
  static final double LONGITUDE = 36.2917;
  static final List<String> SECRETS = List.of(CANARY, AUTHOR, GPS_TEXT, DATUM, SERIAL, DATE);

  static final String XMP = "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
      + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
      + "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
      + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      + " xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">"
      + "<dc:creator><rdf:Seq><rdf:li>" + AUTHOR + "</rdf:li></rdf:Seq></dc:creator>"
      + "<dc:description>" + CANARY + "</dc:description>"
      + "<xmp:CreateDate>" + DATE + "</xmp:CreateDate>"
      + "<exif:GPSLatitude>" + GPS_TEXT + "</exif:GPSLatitude>"
      + "<exif:GPSLongitude>36,17.5020E</exif:GPSLongitude>"
      + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

  /** A 4x3 lossless WebP picture (VP8L chunk payload), made with cwebp from a known PNG. */
  static final byte[] VP8L = HexFormat.of().parseHex("2f038000005f3050028164b0f00713082493e4cf"
      + "35c9fc870a00c3f3bc01002008205188258759569a65d288fe07363b");

  private Fixtures() {}

  /** What a report says was removed, in English. */
  static List<String> removed(StripReport report) {
    return report.removed().stream().map(ClientText::english).toList();
  }

  /** A picture with a pattern that JPEG keeps recognisable. */
  static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, ((x * 7) & 0xFF) << 16 | ((y * 5) & 0xFF) << 8 | ((x + y) & 0xFF));
      }
    }
    return image;
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(image, format, out)) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return out.toByteArray();
  }

  /** EXIF with author, camera, serial number, GPS position and (if not 0) an orientation. */
  static TiffOutputSet exif(short orientation) throws IOException {
    TiffOutputSet set = new TiffOutputSet();
    TiffOutputDirectory root = set.getOrCreateRootDirectory();
    root.add(TiffTagConstants.TIFF_TAG_ARTIST, AUTHOR);
    root.add(TiffTagConstants.TIFF_TAG_IMAGE_DESCRIPTION, CANARY);
    root.add(TiffTagConstants.TIFF_TAG_MAKE, "CanaryCam");
    if (orientation != 0) {
      root.add(TiffTagConstants.TIFF_TAG_ORIENTATION, orientation);
    }
    TiffOutputDirectory exif = set.getOrCreateExifDirectory();
    exif.add(ExifTagConstants.EXIF_TAG_CAMERA_OWNER_NAME, AUTHOR);
    exif.add(ExifTagConstants.EXIF_TAG_BODY_SERIAL_NUMBER, SERIAL);
    set.setGpsInDegrees(LONGITUDE, LATITUDE);
    set.getOrCreateGpsDirectory().add(GpsTagConstants.GPS_TAG_GPS_MAP_DATUM, DATUM);
    return set;
  }

  /**
   * A JPEG with EXIF (incl. GPS), XMP, a comment, Photoshop APP13, a multi-picture APP2, an ICC
   * profile (to keep) and data after the end of the image.
   */
  static byte[] jpegWithMetadata(BufferedImage image, short orientation) throws IOException {
    byte[] jpeg = encode(image, "jpg");
    ByteArrayOutputStream withExif = new ByteArrayOutputStream();
    new ExifRewriter().updateExifMetadataLossless(jpeg, withExif, exif(orientation));
    ByteArrayOutputStream withXmp = new ByteArrayOutputStream();
    new JpegXmpRewriter().updateXmpXml(withExif.toByteArray(), withXmp, XMP);
    byte[] base = withXmp.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(base, 0, 2);
    segment(out, 0xFE, ascii("comment by " + AUTHOR));
    segment(out, 0xED, ascii("Photoshop 3.0\08BIM\u0004\u0004\0\0\0\0\0\u0020" + CANARY));
    segment(out, 0xE2, ascii("MPF\0MM\0*" + CANARY));
    byte[] icc = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    ByteArrayOutputStream app2 = new ByteArrayOutputStream();
    app2.write(ascii("ICC_PROFILE\0"));
    app2.write(1);
    app2.write(1);
    app2.write(icc);
    segment(out, 0xE2, app2.toByteArray());
    out.write(base, 2, base.length - 2);
    out.write(ascii("second picture of the multi-picture file: " + CANARY));
    return out.toByteArray();
  }

  static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
    out.write(0xFF);
    out.write(marker);
    out.write((payload.length + 2) >> 8);
    out.write(payload.length + 2);
    out.write(payload, 0, payload.length);
  }

  /** The bytes from the first start-of-scan marker to the end-of-image marker. */
  static byte[] scanData(byte[] jpeg) {
    int at = 2;
    while (at + 4 <= jpeg.length) {
      int marker = jpeg[at + 1] & 0xFF;
      if (marker == 0xDA) {
        int end = jpeg.length - 2;
        while (!((jpeg[end] & 0xFF) == 0xFF && (jpeg[end + 1] & 0xFF) == 0xD9)) {
          end--;
        }
        return java.util.Arrays.copyOfRange(jpeg, at, end + 2);
      }
      at += 2 + (((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF));
    }
    throw new AssertionError("no scan");
  }

  /** A PNG chunk, CRC included. */
  static byte[] chunk(String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length).put(ascii(type)).put(data);
    CRC32 crc = new CRC32();
    crc.update(ascii(type));
    crc.update(data);
    b.putInt((int) crc.getValue());
    return b.array();
  }

  /** A little TIFF structure with an Artist and a GPS pointer, as found in eXIf or EXIF chunks. */
  static byte[] exifTiff() {
    byte[] artist = ascii(AUTHOR + "\0");
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + artist.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) 2);
    b.putShort((short) 0x013B).putShort((short) 2).putInt(artist.length).putInt(8 + 2 + 24 + 4);
    b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(0);
    b.putInt(0);
    b.put(artist);
    return b.array();
  }

  static byte[] riffChunk(String id, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1))
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii(id)).putInt(data.length).put(data);
    return b.array();
  }

  static byte[] riff(byte[]... chunks) {
    int size = 4;
    for (byte[] c : chunks) {
      size += c.length;
    }
    ByteBuffer b = ByteBuffer.allocate(8 + size).order(ByteOrder.LITTLE_ENDIAN);
    b.put(ascii("RIFF")).putInt(size).put(ascii("WEBP"));
    for (byte[] c : chunks) {
      b.put(c);
    }
    return b.array();
  }

  /** The chunk ids of a WebP, checking that the RIFF size and chunk sizes add up. */
  static List<String> webpChunks(byte[] webp) {
    ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", new String(webp, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(webp.length - 8, b.getInt(4), "RIFF size");
    assertEquals("WEBP", new String(webp, 8, 4, StandardCharsets.US_ASCII));
    List<String> ids = new ArrayList<>();
    int at = 12;
    while (at < webp.length) {
      ids.add(new String(webp, at, 4, StandardCharsets.US_ASCII));
      int size = b.getInt(at + 4);
      at += 8 + size + (size & 1);
    }
    assertEquals(webp.length, at, "chunks fill the file");
    return ids;
  }

  /** The payload of the first chunk with this id. */
  static byte[] webpChunk(byte[] webp, String id) {
    ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
    int at = 12;
    while (at < webp.length) {
      int size = b.getInt(at + 4);
      if (new String(webp, at, 4, StandardCharsets.US_ASCII).equals(id)) {
        return java.util.Arrays.copyOfRange(webp, at + 8, at + 8 + size);
      }
      at += 8 + size + (size & 1);
    }
    throw new AssertionError("no chunk " + id);
  }

  /** A ZIP's raw bytes followed by every entry's content, nested archives opened too. */
  static byte[] zipHaystack(byte[] zip) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(zip);
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        all.write(ascii(e.getName()));
        all.write(content);
        if (content.length > 4 && content[0] == 'P' && content[1] == 'K') {
          all.write(zipHaystack(content));
        }
      }
    }
    return all.toByteArray();
  }

  /** Fails if any of the strings occurs in the bytes as Latin-1/UTF-8 or as UTF-16. */
  static void assertAbsent(byte[] haystack, List<String> needles) {
    for (String needle : needles) {
      for (var charset : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
          StandardCharsets.UTF_16BE)) {
        if (indexOf(haystack, needle.getBytes(charset)) >= 0) {
          fail("found \"" + needle + "\" (" + charset + ") in the stripped file");
        }
      }
    }
  }

  static void assertPresent(byte[] haystack, String needle) {
    if (indexOf(haystack, needle.getBytes(StandardCharsets.UTF_8)) < 0) {
      fail("expected \"" + needle + "\" in the file (test set-up)");
    }
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
    assertEquals(expected.getWidth(), actual.getWidth());
    assertEquals(expected.getHeight(), actual.getHeight());
    int w = expected.getWidth();
    int h = expected.getHeight();
    assertArrayEquals(expected.getRGB(0, 0, w, h, null, 0, w),
        actual.getRGB(0, 0, w, h, null, 0, w), "pixels");
  }

  static BufferedImage read(byte[] image) throws IOException {
    try (InputStream in = new ByteArrayInputStream(image)) {
      BufferedImage result = ImageIO.read(in);
      if (result == null) {
        throw new IOException("ImageIO cannot read it");
      }
      return result;
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
