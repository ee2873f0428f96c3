package org.palermo.client.strip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.client.strip.Fixtures.AUTHOR;
import static org.palermo.client.strip.Fixtures.CANARY;
import static org.palermo.client.strip.Fixtures.SECRETS;
import static org.palermo.client.strip.Fixtures.XMP;
import static org.palermo.client.strip.Fixtures.ascii;
import static org.palermo.client.strip.Fixtures.assertAbsent;
import static org.palermo.client.strip.Fixtures.assertPresent;
import static org.palermo.client.strip.Fixtures.assertSamePixels;
import static org.palermo.client.strip.Fixtures.chunk;
import static org.palermo.client.strip.Fixtures.read;
import static org.palermo.client.strip.Fixtures.riff;
import static org.palermo.client.strip.Fixtures.riffChunk;
import static org.palermo.client.strip.Fixtures.sha256;
import static org.palermo.client.strip.Fixtures.utf8;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.common.ImageMetadata;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.TiffImageMetadata;
import org.apache.commons.imaging.formats.tiff.constants.MicrosoftTagConstants;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffImageWriterLossless;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputDirectory;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStripTest {
  private final MetadataStripper stripper = new MetadataStripper();

  @TempDir
  Path dir;

  // ---- JPEG ----

  @Test
  void jpegLosesExifGpsXmpIptcCommentsAndTrailerButKeepsPixelsAndIcc() throws Exception {
    BufferedImage image = Fixtures.picture(64, 48);
    byte[] original = Fixtures.jpegWithMetadata(image, (short) 0);
    for (String secret : List.of(CANARY, AUTHOR, Fixtures.GPS_TEXT, Fixtures.DATUM)) {
      assertPresent(original, secret);
    }
    Path source = write("photo.jpg", original);
    String before = sha256(source);

    StripReport report = stripper.strip(source, dir.resolve("out.jpg"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.jpg"));

    assertEquals(FileKind.JPEG, report.kind());
    assertTrue(Fixtures.removed(report).contains("EXIF (incl. GPS position)"), Fixtures.removed(report)::toString);
    assertTrue(Fixtures.removed(report).contains("XMP"));
    assertTrue(Fixtures.removed(report).contains("JPEG comment (COM)"));
    assertTrue(Fixtures.removed(report).contains("Photoshop IRB/IPTC (APP13)"));
    assertTrue(Fixtures.removed(report).contains("multi-picture index (APP2 MPF)"));
    assertTrue(Fixtures.removed(report).stream().anyMatch(r -> r.startsWith("data after the end")));
    assertAbsent(stripped, SECRETS);
    assertAbsent(stripped, List.of("Exif\0\0", "http://ns.adobe.com/xap", "Photoshop 3.0"));
    assertPresent(stripped, "ICC_PROFILE");
    assertArrayEquals(Fixtures.scanData(original), Fixtures.scanData(stripped));
    assertSamePixels(read(original), read(stripped));
    assertNull(exifOf(stripped));
    assertEquals(before, sha256(source));
  }

  @Test
  void jpegKeepsOnlyTheOrientationOfItsExif() throws Exception {
    BufferedImage image = Fixtures.picture(32, 16);
    Path source = write("turned.jpg", Fixtures.jpegWithMetadata(image, (short) 6));

    StripReport report = stripper.strip(source, dir.resolve("out.jpg"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.jpg"));

    assertTrue(Fixtures.removed(report).contains("EXIF (incl. GPS position)"));
    assertAbsent(stripped, SECRETS);
    TiffImageMetadata exif = exifOf(stripped);
    List<TiffField> fields = exif.getAllFields();
    assertEquals(1, fields.size(), fields::toString);
    assertEquals(6, exif.findField(TiffTagConstants.TIFF_TAG_ORIENTATION).getIntValue());
    assertNull(exif.getGpsInfo());
    assertSamePixels(read(Files.readAllBytes(source)), read(stripped));
  }

  @Test
  void progressiveJpegKeepsEveryScan() throws Exception {
    BufferedImage image = Fixtures.picture(80, 60);
    ByteArrayOutputStream progressive = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(progressive)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    ByteArrayOutputStream withExif = new ByteArrayOutputStream();
    new org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter().updateExifMetadataLossless(
        progressive.toByteArray(), withExif, Fixtures.exif((short) 0));
    byte[] original = withExif.toByteArray();
    Path source = write("progressive.jpg", original);

    StripReport report = stripper.strip(source, dir.resolve("out.jpg"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.jpg"));

    assertEquals(List.of("EXIF (incl. GPS position)"), Fixtures.removed(report));
    assertAbsent(stripped, SECRETS);
    assertArrayEquals(Fixtures.scanData(original), Fixtures.scanData(stripped));
    assertSamePixels(read(original), read(stripped));
  }

  @Test
  void jpegWithoutMetadataComesOutIdentical() throws Exception {
    byte[] plain = Fixtures.encode(Fixtures.picture(20, 20), "jpg");
    Path source = write("plain.jpg", plain);
    StripReport report = stripper.strip(source, dir.resolve("out.jpg"));
    assertEquals(List.of(), Fixtures.removed(report));
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("out.jpg")));
  }

  @Test
  void truncatedOrCorruptJpegIsRefused() throws Exception {
    byte[] jpeg = Fixtures.jpegWithMetadata(Fixtures.picture(64, 48), (short) 0);
    int scan = Fixtures.indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA});
    Path truncated = write("truncated.jpg", Arrays.copyOf(jpeg, scan + 100));
    StripException e = assertThrows(StripException.class,
        () -> stripper.strip(truncated, dir.resolve("out1.jpg")));
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertFalse(Files.exists(dir.resolve("out1.jpg")), "no partial output");

    byte[] garbage = new byte[4096];
    new java.util.Random(7).nextBytes(garbage);
    garbage[0] = (byte) 0xFF;
    garbage[1] = (byte) 0xD8;
    garbage[2] = (byte) 0xFF;
    Path corrupt = write("corrupt.jpg", garbage);
    assertEquals(FileKind.JPEG, stripper.detect(corrupt));
    assertThrows(StripException.class, () -> stripper.strip(corrupt, dir.resolve("out2.jpg")));

    Path cut = write("cut.jpg", Arrays.copyOf(jpeg, 40));
    assertThrows(StripException.class, () -> stripper.strip(cut, dir.resolve("out3.jpg")));
  }

  // ---- PNG ----

  @Test
  void pngLosesTextXmpExifAndTimeButKeepsPixelsAndColourChunks() throws Exception {
    BufferedImage image = Fixtures.picture(40, 30);
    byte[] png = Fixtures.encode(image, "png");
    int afterIhdr = 8 + 25;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(png, 0, afterIhdr);
    out.write(chunk("gAMA", new byte[] {0, 0, (byte) 0xB1, (byte) 0x8F}));
    out.write(chunk("tEXt", ascii("Author\0" + AUTHOR)));
    out.write(chunk("zTXt", deflated("Comment", CANARY)));
    out.write(chunk("iTXt", utf8("XML:com.adobe.xmp\0\0\0\0\0" + XMP)));
    out.write(chunk("eXIf", Fixtures.exifTiff()));
    out.write(chunk("tIME", new byte[] {0x07, (byte) 0xE8, 3, 1, 10, 0, 0}));
    out.write(chunk("prVW", ascii(CANARY)));
    out.write(png, afterIhdr, png.length - afterIhdr);
    out.write(ascii("trailing " + CANARY));
    byte[] original = out.toByteArray();
    Path source = write("picture.png", original);
    String before = sha256(source);

    StripReport report = stripper.strip(source, dir.resolve("out.png"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.png"));

    assertEquals(FileKind.PNG, report.kind());
    assertEquals(List.of("EXIF (incl. GPS position)", "modification time (tIME)",
        "ancillary chunk prVW", "XMP", "PNG text (Author, Comment)",
        "data after the end of the image (" + ("trailing " + CANARY).length() + " B)")
        .stream().sorted().toList(), Fixtures.removed(report).stream().sorted().toList());
    assertAbsent(stripped, SECRETS);
    assertAbsent(stripped, List.of("tEXt", "zTXt", "iTXt", "eXIf", "tIME", "prVW"));
    assertPresent(stripped, "gAMA");
    assertSamePixels(image, read(stripped));
    assertSamePixels(read(original), read(stripped));
    assertEquals(before, sha256(source));
  }

  @Test
  void pngWithBadCrcOrTruncatedIsRefused() throws Exception {
    byte[] png = Fixtures.encode(Fixtures.picture(10, 10), "png");
    byte[] bad = png.clone();
    bad[8 + 8 + 3] ^= 1;
    Path badCrc = write("bad.png", bad);
    StripException e = assertThrows(StripException.class,
        () -> stripper.strip(badCrc, dir.resolve("o1.png")));
    assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    Path cut = write("cut.png", Arrays.copyOf(png, png.length - 20));
    assertThrows(StripException.class, () -> stripper.strip(cut, dir.resolve("o2.png")));
  }

  // ---- TIFF ----

  @Test
  void tiffLosesExifGpsXmpAndDescriptiveTagsButKeepsPixels() throws Exception {
    BufferedImage image = Fixtures.picture(33, 21);
    byte[] base = Imaging.writeImageToBytes(image, org.apache.commons.imaging.ImageFormats.TIFF);
    TiffOutputSet set = ((TiffImageMetadata) Imaging.getMetadata(base)).getOutputSet();
    TiffOutputSet extra = Fixtures.exif((short) 0);
    TiffOutputDirectory root = set.getOrCreateRootDirectory();
    for (var field : extra.getRootDirectory().getFields()) {
      root.removeField(field.tag);
      root.add(field);
    }
    root.add(TiffTagConstants.TIFF_TAG_SOFTWARE, "CanarySoft 1.0");
    root.add(TiffTagConstants.TIFF_TAG_COPYRIGHT, "(c) " + AUTHOR);
    root.add(TiffTagConstants.TIFF_TAG_HOST_COMPUTER, "laptop-of-" + CANARY);
    root.add(TiffTagConstants.TIFF_TAG_XMP, utf8(XMP));
    root.add(MicrosoftTagConstants.EXIF_TAG_XPAUTHOR, AUTHOR);
    set.getOrCreateExifDirectory().getFields().clear();
    for (var field : extra.getExifDirectory().getFields()) {
      set.getOrCreateExifDirectory().add(field);
    }
    set.setGpsInDegrees(Fixtures.LONGITUDE, Fixtures.LATITUDE);
    set.getOrCreateGpsDirectory().add(
        org.apache.commons.imaging.formats.tiff.constants.GpsTagConstants.GPS_TAG_GPS_MAP_DATUM,
        Fixtures.DATUM);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new TiffImageWriterLossless(base).write(out, set);
    byte[] original = out.toByteArray();
    assertPresent(original, CANARY);
    assertPresent(original, Fixtures.DATUM);
    Path source = write("scan.tif", original);
    String before = sha256(source);

    StripReport report = stripper.strip(source, dir.resolve("out.tif"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.tif"));

    assertEquals(FileKind.TIFF, report.kind());
    assertTrue(Fixtures.removed(report).contains("EXIF (incl. GPS position)"), Fixtures.removed(report)::toString);
    assertTrue(Fixtures.removed(report).contains("XMP"));
    String tags = Fixtures.removed(report).stream().filter(r -> r.startsWith("TIFF tags")).findFirst()
        .orElseThrow();
    for (String name : List.of("Artist", "ImageDescription", "Make", "Software", "Copyright",
        "HostComputer", "XPAuthor")) {
      assertTrue(tags.contains(name), tags);
    }
    assertAbsent(stripped, SECRETS);
    TiffImageMetadata metadata = (TiffImageMetadata) Imaging.getMetadata(stripped);
    assertNull(metadata.getGpsInfo());
    assertNull(metadata.findField(TiffTagConstants.TIFF_TAG_ARTIST));
    assertSamePixels(image, read(stripped));
    assertSamePixels(read(original), read(stripped));
    assertEquals(before, sha256(source));
  }

  @Test
  void tiledCompressedMultiPageTiffKeepsEveryPage() throws Exception {
    BufferedImage first = Fixtures.picture(50, 40);
    BufferedImage second = Fixtures.picture(20, 70);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(ios);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
      param.setTiling(16, 16, 0, 0);
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("LZW");
      writer.prepareWriteSequence(null);
      writer.writeToSequence(new IIOImage(first, null, null), param);
      writer.writeToSequence(new IIOImage(second, null, null), param);
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    Path source = write("pages.tiff", bytes.toByteArray());

    stripper.strip(source, dir.resolve("out.tiff"));
    List<BufferedImage> pages = readPages(Files.readAllBytes(dir.resolve("out.tiff")));

    assertEquals(2, pages.size());
    assertSamePixels(first, pages.get(0));
    assertSamePixels(second, pages.get(1));
  }

  @Test
  void bigTiffAndDamagedTiffAreRefused() throws Exception {
    Path big = write("big.tif", new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    StripException e = assertThrows(StripException.class,
        () -> stripper.strip(big, dir.resolve("o1.tif")));
    assertTrue(e.getMessage().contains("BigTIFF"));
    byte[] tiff = Imaging.writeImageToBytes(Fixtures.picture(30, 30),
        org.apache.commons.imaging.ImageFormats.TIFF);
    Path cut = write("cut.tif", Arrays.copyOf(tiff, tiff.length / 2));
    assertThrows(StripException.class, () -> stripper.strip(cut, dir.resolve("o2.tif")));
  }

  // ---- WebP ----

  @Test
  void webpLosesExifXmpAndUnknownChunksAndClearsTheFlags() throws Exception {
    byte[] vp8x = new byte[10];
    vp8x[0] = 0x08 | 0x04;
    vp8x[4] = 3;
    vp8x[7] = 2;
    byte[] exif = new byte[6 + Fixtures.exifTiff().length];
    System.arraycopy(ascii("Exif\0\0"), 0, exif, 0, 6);
    System.arraycopy(Fixtures.exifTiff(), 0, exif, 6, exif.length - 6);
    byte[] original = riff(riffChunk("VP8X", vp8x), riffChunk("VP8L", Fixtures.VP8L),
        riffChunk("EXIF", exif), riffChunk("XMP ", utf8(XMP)),
        riffChunk("ZZZZ", ascii(CANARY + "!")));
    byte[] withTrailer = Arrays.copyOf(original, original.length + 7);
    Path source = write("picture.webp", withTrailer);
    String before = sha256(source);

    StripReport report = stripper.strip(source, dir.resolve("out.webp"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.webp"));

    assertEquals(FileKind.WEBP, report.kind());
    assertEquals(List.of("EXIF (incl. GPS position)", "XMP", "RIFF chunk 'ZZZZ'",
        "data after the end of the image (7 B)"), Fixtures.removed(report));
    assertEquals(List.of("VP8X", "VP8L"), Fixtures.webpChunks(stripped));
    assertEquals(0, Fixtures.webpChunk(stripped, "VP8X")[0] & 0x0C, "EXIF and XMP flags");
    assertArrayEquals(Fixtures.VP8L, Fixtures.webpChunk(stripped, "VP8L"));
    assertAbsent(stripped, SECRETS);
    assertEquals(before, sha256(source));
  }

  @Test
  void simpleWebpComesOutIdenticalAndTruncatedWebpIsRefused() throws Exception {
    byte[] simple = riff(riffChunk("VP8L", Fixtures.VP8L));
    Path source = write("simple.webp", simple);
    assertEquals(List.of(), stripper.strip(source, dir.resolve("out.webp")).removed());
    assertArrayEquals(simple, Files.readAllBytes(dir.resolve("out.webp")));

    Path cut = write("cut.webp", Arrays.copyOf(simple, simple.length - 10));
    assertThrows(StripException.class, () -> stripper.strip(cut, dir.resolve("o.webp")));
  }

  // ---- helpers ----

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static TiffImageMetadata exifOf(byte[] jpeg) throws IOException {
    ImageMetadata metadata = Imaging.getMetadata(jpeg);
    return metadata instanceof JpegImageMetadata j ? j.getExif() : null;
  }

  private static byte[] deflated(String keyword, String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(ascii(keyword + "\0\0"));
    try (DeflaterOutputStream z = new DeflaterOutputStream(out, new Deflater())) {
      z.write(ascii(text));
    }
    return out.toByteArray();
  }

  private static List<BufferedImage> readPages(byte[] tiff) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(
        new java.io.ByteArrayInputStream(tiff))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      ImageReader reader = readers.next();
      reader.setInput(in);
      int n = reader.getNumImages(true);
      List<BufferedImage> pages = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        pages.add(reader.read(i));
      }
      reader.dispose();
      return pages;
    }
  }
}
