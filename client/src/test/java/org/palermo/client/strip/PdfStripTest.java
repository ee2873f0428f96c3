package org.palermo.client.strip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.client.strip.Fixtures.AUTHOR;
import static org.palermo.client.strip.Fixtures.CANARY;
import static org.palermo.client.strip.Fixtures.SECRETS;
import static org.palermo.client.strip.Fixtures.assertAbsent;
import static org.palermo.client.strip.Fixtures.assertPresent;
import static org.palermo.client.strip.Fixtures.sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfStripTest {
  private final MetadataStripper stripper = new MetadataStripper();

  @TempDir
  Path dir;

  @Test
  void pdfLosesInformationXmpPieceInfoImageExifAndEarlierRevisions() throws Exception {
    Path source = dir.resolve("report.pdf");
    writeTwoRevisions(source);
    byte[] original = Files.readAllBytes(source);
    assertPresent(original, AUTHOR);
    assertPresent(original, "First Author");
    String before = sha256(source);

    StripReport report = stripper.strip(source, dir.resolve("out.pdf"));

    assertEquals(FileKind.PDF, report.kind());
    String info = Fixtures.removed(report).get(0);
    assertTrue(info.startsWith("PDF document information ("), info);
    for (String key : List.of("Author", "Title", "Creator", "Producer", "Keywords", "Location")) {
      assertTrue(info.contains(key), info);
    }
    assertTrue(Fixtures.removed(report).contains("XMP (document metadata stream)"));
    assertTrue(Fixtures.removed(report).stream().anyMatch(r -> r.equals("XMP on other objects (pages, images, fonts): 1")),
        Fixtures.removed(report)::toString);
    assertTrue(Fixtures.removed(report).stream().anyMatch(r -> r.startsWith("PieceInfo")));
    assertTrue(Fixtures.removed(report).stream().anyMatch(
        r -> r.startsWith("embedded JPEG images (1): ") && r.contains("EXIF (incl. GPS")));
    assertTrue(Fixtures.removed(report).contains("document ID"));

    Path out = dir.resolve("out.pdf");
    assertAbsent(pdfHaystack(out), SECRETS);
    assertAbsent(pdfHaystack(out), List.of("First Author", "Exif\0\0"));
    try (PDDocument before2 = Loader.loadPDF(source.toFile());
        PDDocument after = Loader.loadPDF(out.toFile())) {
      assertEquals(before2.getNumberOfPages(), after.getNumberOfPages());
      assertEquals(new PDFTextStripper().getText(before2), new PDFTextStripper().getText(after));
      PDDocumentInformation information = after.getDocumentInformation();
      assertNull(information.getAuthor());
      assertNull(information.getTitle());
      assertNull(information.getCreationDate());
      assertNull(after.getDocumentCatalog().getMetadata());
      assertNull(after.getPage(0).getMetadata());
      PDImageXObject image = (PDImageXObject) after.getPage(0).getResources()
          .getXObject(COSName.getPDFName("Im1"));
      assertEquals(64, image.getWidth());
      assertEquals(before2.getPage(0).getResources().getXObject(COSName.getPDFName("Im1"))
          .getCOSObject().getCOSName(COSName.FILTER), COSName.DCT_DECODE);
      assertTrue(Arrays.equals(
          ((PDImageXObject) before2.getPage(0).getResources()
              .getXObject(COSName.getPDFName("Im1"))).getImage().getRGB(0, 0, 64, 48, null, 0,
              64),
          image.getImage().getRGB(0, 0, 64, 48, null, 0, 64)), "image pixels");
    }
    assertEquals(before, sha256(source));
  }

  @Test
  void encryptedPdfIsRefused() throws Exception {
    for (String userPassword : List.of("user", "")) {
      Path source = dir.resolve("locked-" + userPassword.length() + ".pdf");
      try (PDDocument doc = onePage("secret text")) {
        doc.protect(new StandardProtectionPolicy("owner", userPassword, new AccessPermission()));
        doc.save(source.toFile());
      }
      StripException e = assertThrows(StripException.class,
          () -> stripper.strip(source, dir.resolve("out.pdf")));
      assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
      assertFalse(Files.exists(dir.resolve("out.pdf")));
    }
  }

  @Test
  void truncatedOrCorruptPdfIsRefused() throws Exception {
    Path good = dir.resolve("good.pdf");
    try (PDDocument doc = onePage("some text")) {
      doc.save(good.toFile());
    }
    byte[] pdf = Files.readAllBytes(good);
    Path truncated = Files.write(dir.resolve("truncated.pdf"), Arrays.copyOf(pdf, 300));
    StripException e = assertThrows(StripException.class,
        () -> stripper.strip(truncated, dir.resolve("o1.pdf")));
    assertTrue(e.getMessage().startsWith("damaged PDF"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));

    byte[] garbage = new byte[2000];
    new java.util.Random(3).nextBytes(garbage);
    System.arraycopy(Fixtures.ascii("%PDF-1.7\n"), 0, garbage, 0, 9);
    Path corrupt = Files.write(dir.resolve("corrupt.pdf"), garbage);
    assertEquals(FileKind.PDF, stripper.detect(corrupt));
    assertThrows(StripException.class, () -> stripper.strip(corrupt, dir.resolve("o2.pdf")));
  }

  /** A two-page PDF with metadata everywhere, then an incremental update with a new author. */
  private static void writeTwoRevisions(Path file) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      byte[] jpeg = Fixtures.jpegWithMetadata(Fixtures.picture(64, 48), (short) 0);
      PDImageXObject image = JPEGFactory.createFromByteArray(doc, jpeg);
      for (int i = 1; i <= 2; i++) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(font, 12);
          cs.newLineAtOffset(72, 700);
          cs.showText("Page " + i + " of the report on the checkpoint");
          cs.endText();
          if (i == 1) {
            cs.drawImage(image, 72, 400, 64, 48);
          }
        }
      }
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setAuthor("First Author");
      info.setTitle(CANARY + " title");
      info.setCreator("Canary Writer 3");
      info.setProducer("Canary Producer");
      info.setKeywords("checkpoint, " + Fixtures.GPS_TEXT);
      info.setCustomMetadataValue("Location", Fixtures.DATUM);
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.set(2024, Calendar.MARCH, 1, 10, 0, 0);
      info.setCreationDate(created);
      PDMetadata xmp = new PDMetadata(doc);
      xmp.importXMPMetadata(Fixtures.utf8(Fixtures.XMP));
      doc.getDocumentCatalog().setMetadata(xmp);
      PDMetadata pageXmp = new PDMetadata(doc);
      pageXmp.importXMPMetadata(Fixtures.utf8(Fixtures.XMP.replace(CANARY, Fixtures.SERIAL)));
      doc.getPage(1).setMetadata(pageXmp);
      COSDictionary piece = new COSDictionary();
      piece.setItem(COSName.getPDFName("Illustrator"), new COSString(CANARY + " private"));
      doc.getPage(0).getCOSObject().setItem(COSName.PIECE_INFO, piece);
      doc.save(file.toFile(), CompressParameters.NO_COMPRESSION);
    }
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      doc.getDocumentInformation().setAuthor(AUTHOR);
      doc.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.saveIncremental(out);
      Files.write(file, out.toByteArray());
    }
  }

  private static PDDocument onePage(String text) throws IOException {
    PDDocument doc = new PDDocument();
    PDPage page = new PDPage();
    doc.addPage(page);
    try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
      cs.beginText();
      cs.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
      cs.newLineAtOffset(72, 700);
      cs.showText(text);
      cs.endText();
    }
    return doc;
  }

  /**
   * The file's raw bytes, the document saved again without compression (every dictionary and
   * string in plain text), and every stream both raw and decoded.
   */
  private static byte[] pdfHaystack(Path file) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(Files.readAllBytes(file));
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      for (COSObjectKey key : doc.getDocument().getXrefTable().keySet()) {
        COSBase object = doc.getDocument().getObjectFromPool(key).getObject();
        if (object instanceof COSStream stream) {
          try (InputStream raw = stream.createRawInputStream()) {
            all.write(raw.readAllBytes());
          }
          if (!COSName.DCT_DECODE.equals(stream.getDictionaryObject(COSName.FILTER))) {
            try (InputStream decoded = stream.createInputStream()) {
              all.write(decoded.readAllBytes());
            }
          }
        }
      }
      doc.save(all, CompressParameters.NO_COMPRESSION);
    }
    return all.toByteArray();
  }
}
