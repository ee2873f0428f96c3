package org.palermo.client.strip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.palermo.client.strip.Fixtures.AUTHOR;
import static org.palermo.client.strip.Fixtures.CANARY;
import static org.palermo.client.strip.Fixtures.DATE;
import static org.palermo.client.strip.Fixtures.SECRETS;
import static org.palermo.client.strip.Fixtures.assertAbsent;
import static org.palermo.client.strip.Fixtures.assertPresent;
import static org.palermo.client.strip.Fixtures.sha256;
import static org.palermo.client.strip.Fixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

class OoxmlStripTest {
  private static final String PKG = "http://schemas.openxmlformats.org/package/2006/";
  private static final String DOC = "http://schemas.openxmlformats.org/officeDocument/2006/";
  private static final String MAIN_TYPE_PREFIX = "application/vnd.openxmlformats-officedocument.";

  private final MetadataStripper stripper = new MetadataStripper();

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(value = FileKind.class, names = {"DOCX", "XLSX", "PPTX"})
  void officeDocumentLosesItsPropertiesButKeepsItsContent(FileKind kind) throws Exception {
    Map<String, byte[]> parts = document(kind, true);
    byte[] original = zip(parts);
    assertPresent(Fixtures.zipHaystack(original), AUTHOR);
    Path source = Files.write(dir.resolve("document.bin"), original);
    String before = sha256(source);

    assertEquals(kind, stripper.detect(source));
    StripReport report = stripper.strip(source, dir.resolve("out.bin"));
    byte[] stripped = Files.readAllBytes(dir.resolve("out.bin"));

    assertEquals(kind, report.kind());
    assertTrue(Fixtures.removed(report).contains(
        "docProps/core.xml (title, creator, lastModifiedBy, created, modified)"),
        Fixtures.removed(report)::toString);
    assertTrue(Fixtures.removed(report).contains(
        "docProps/app.xml (Template, Manager, Company, Application, TotalTime)"),
        Fixtures.removed(report)::toString);
    assertTrue(Fixtures.removed(report).contains("docProps/custom.xml (custom properties)"));
    assertTrue(Fixtures.removed(report).contains("ZIP entry timestamps"));
    String mainPart = mainPart(kind);
    assertTrue(Fixtures.removed(report).contains(
        mainPart.substring(0, mainPart.indexOf('/')) + "/media/image1.jpeg: "
            + "EXIF (incl. GPS position)"), Fixtures.removed(report)::toString);
    assertAbsent(Fixtures.zipHaystack(stripped), SECRETS);

    try (ZipFile zip = new ZipFile(dir.resolve("out.bin").toFile())) {
      assertArrayEquals(parts.get(mainPart), content(zip, mainPart), "main part unchanged");
      assertNull(zip.getEntry("docProps/custom.xml"));
      String rels = new String(content(zip, "_rels/.rels"), StandardCharsets.UTF_8);
      assertFalse(rels.contains("custom-properties"), rels);
      assertTrue(rels.contains("core-properties") && rels.contains("officeDocument"), rels);
      String types = new String(content(zip, "[Content_Types].xml"), StandardCharsets.UTF_8);
      assertFalse(types.contains("custom.xml"), types);
      assertTrue(types.contains("/docProps/core.xml"), types);
      Element core = parse(content(zip, "docProps/core.xml"));
      assertEquals("coreProperties", core.getLocalName());
      assertEquals(PKG + "metadata/core-properties", core.getNamespaceURI());
      assertEquals(0, core.getChildNodes().getLength());
      Element app = parse(content(zip, "docProps/app.xml"));
      assertEquals(DOC + "extended-properties", app.getNamespaceURI());
      assertEquals(0, app.getChildNodes().getLength());
      byte[] image = content(zip, mainPart.substring(0, mainPart.indexOf('/'))
          + "/media/image1.jpeg");
      Fixtures.assertSamePixels(Fixtures.read(image), Fixtures.read(image));
      assertEquals(List.copyOf(parts.keySet()).stream().filter(n -> !n.contains("custom"))
          .toList(), zip.stream().map(ZipEntry::getName).toList(), "order kept");
    }
    assertEquals(before, sha256(source));
  }

  @Test
  void embeddedWorkbookIsStrippedToo() throws Exception {
    Map<String, byte[]> inner = document(FileKind.XLSX, false);
    Map<String, byte[]> outer = document(FileKind.DOCX, false);
    outer.put("word/embeddings/Microsoft_Excel_Worksheet.xlsx", zip(inner));
    Path source = Files.write(dir.resolve("with-chart.docx"), zip(outer));
    assertPresent(Fixtures.zipHaystack(Files.readAllBytes(source)), AUTHOR);

    StripReport report = stripper.strip(source, dir.resolve("out.docx"));

    assertTrue(Fixtures.removed(report).contains("word/embeddings/Microsoft_Excel_Worksheet.xlsx: "
        + "docProps/core.xml (title, creator, lastModifiedBy, created, modified)"),
        Fixtures.removed(report)::toString);
    assertAbsent(Fixtures.zipHaystack(Files.readAllBytes(dir.resolve("out.docx"))), SECRETS);
  }

  @Test
  void entryOutsideTheArchiveIsRefused() throws Exception {
    Map<String, byte[]> parts = document(FileKind.DOCX, false);
    parts.put("../../.bashrc", utf8("echo owned"));
    Path source = Files.write(dir.resolve("evil.docx"), zip(parts));
    StripException e = assertThrows(StripException.class,
        () -> stripper.strip(source, dir.resolve("out.docx")));
    assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("out.docx")));

    for (String name : List.of("/etc/passwd", "C:/x.xml", "word\\..\\..\\x.xml")) {
      assertTrue(OoxmlStripper.unsafeName(name), name);
    }
    assertFalse(OoxmlStripper.unsafeName("word/media/..image.png"));
  }

  @Test
  void archiveBeyondTheLimitsIsRefused() throws Exception {
    Map<String, byte[]> parts = document(FileKind.DOCX, false);
    parts.put("word/media/padding.bin", new byte[3 << 20]);
    Path source = Files.write(dir.resolve("bomb.docx"), zip(parts));
    StripException size = assertThrows(StripException.class,
        () -> new MetadataStripper(2 << 20, 1000).strip(source, dir.resolve("out.docx")));
    assertTrue(size.getMessage().contains("expands to more than"), size.getMessage());
    StripException count = assertThrows(StripException.class,
        () -> new MetadataStripper(1L << 32, 5).strip(source, dir.resolve("out.docx")));
    assertTrue(count.getMessage().contains("more than 5 entries"), count.getMessage());
    assertFalse(Files.exists(dir.resolve("out.docx")));
  }

  @Test
  void plainZipIsOtherAndDamagedZipIsRefused() throws Exception {
    byte[] plain = zip(new LinkedHashMap<>(Map.of("notes.txt", utf8(CANARY))));
    Path zip = Files.write(dir.resolve("notes.zip"), plain);
    assertEquals(FileKind.OTHER, stripper.detect(zip));
    StripReport report = stripper.strip(zip, dir.resolve("out.zip"));
    assertEquals(new StripReport(FileKind.OTHER, List.of()), report);
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("out.zip")));

    byte[] docx = zip(document(FileKind.DOCX, false));
    Path cut = Files.write(dir.resolve("cut.docx"),
        java.util.Arrays.copyOf(docx, docx.length - 30));
    assertEquals(FileKind.OTHER, stripper.detect(cut));
    assertThrows(StripException.class, () -> stripper.strip(cut, dir.resolve("out.docx")));
  }

  // ---- a minimal Office package ----

  private static String mainPart(FileKind kind) {
    return switch (kind) {
      case DOCX -> "word/document.xml";
      case XLSX -> "xl/workbook.xml";
      default -> "ppt/presentation.xml";
    };
  }

  private static Map<String, byte[]> document(FileKind kind, boolean withImage)
      throws IOException {
    String main = mainPart(kind);
    String folder = main.substring(0, main.indexOf('/'));
    String mainType = switch (kind) {
      case DOCX -> MAIN_TYPE_PREFIX + "wordprocessingml.document.main+xml";
      case XLSX -> MAIN_TYPE_PREFIX + "spreadsheetml.sheet.main+xml";
      default -> MAIN_TYPE_PREFIX + "presentationml.presentation.main+xml";
    };
    String body = switch (kind) {
      case DOCX -> "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/"
          + "2006/main\"><w:body><w:p><w:r><w:t>The checkpoint report</w:t></w:r></w:p>"
          + "</w:body></w:document>";
      case XLSX -> "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
          + "main\"><sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\" xmlns:r=\""
          + DOC + "relationships\"/></sheets></workbook>";
      default -> "<p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/"
          + "2006/main\"><p:sldSz cx=\"9144000\" cy=\"6858000\"/></p:presentation>";
    };
    Map<String, byte[]> parts = new LinkedHashMap<>();
    parts.put("[Content_Types].xml", utf8(declaration()
        + "<Types xmlns=\"" + PKG + "content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
        + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
        + "<Override PartName=\"/" + main + "\" ContentType=\"" + mainType + "\"/>"
        + "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd."
        + "openxmlformats-package.core-properties+xml\"/>"
        + "<Override PartName=\"/docProps/app.xml\" ContentType=\"" + MAIN_TYPE_PREFIX
        + "extended-properties+xml\"/>"
        + "<Override PartName=\"/docProps/custom.xml\" ContentType=\"" + MAIN_TYPE_PREFIX
        + "custom-properties+xml\"/></Types>"));
    parts.put("_rels/.rels", utf8(declaration()
        + "<Relationships xmlns=\"" + PKG + "relationships\">"
        + "<Relationship Id=\"rId3\" Type=\"" + DOC + "relationships/extended-properties\""
        + " Target=\"docProps/app.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"" + PKG + "relationships/metadata/core-properties\""
        + " Target=\"docProps/core.xml\"/>"
        + "<Relationship Id=\"rId1\" Type=\"" + DOC + "relationships/officeDocument\""
        + " Target=\"" + main + "\"/>"
        + "<Relationship Id=\"rId4\" Type=\"" + DOC + "relationships/custom-properties\""
        + " Target=\"docProps/custom.xml\"/></Relationships>"));
    parts.put(main, utf8(declaration() + "<!-- %PDF-1.7 is not a PDF here -->" + body));
    if (withImage) {
      parts.put(folder + "/media/image1.jpeg",
          Fixtures.jpegWithMetadata(Fixtures.picture(24, 16), (short) 0));
    }
    parts.put("docProps/core.xml", utf8(declaration()
        + "<cp:coreProperties xmlns:cp=\"" + PKG + "metadata/core-properties\""
        + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/"
        + "terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        + "<dc:title>" + CANARY + "</dc:title><dc:creator>" + AUTHOR + "</dc:creator>"
        + "<cp:lastModifiedBy>" + AUTHOR + "</cp:lastModifiedBy>"
        + "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + DATE + "</dcterms:created>"
        + "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + DATE + "</dcterms:modified>"
        + "</cp:coreProperties>"));
    parts.put("docProps/app.xml", utf8(declaration()
        + "<Properties xmlns=\"" + DOC + "extended-properties\" xmlns:vt=\"" + DOC
        + "docPropsVTypes\"><Template>" + Fixtures.SERIAL + ".dotm</Template>"
        + "<Manager>" + AUTHOR + "</Manager><Company>" + CANARY + "</Company>"
        + "<Application>Microsoft Office</Application><TotalTime>42</TotalTime>"
        + "<Pages>1</Pages></Properties>"));
    parts.put("docProps/custom.xml", utf8(declaration()
        + "<Properties xmlns=\"" + DOC + "custom-properties\" xmlns:vt=\"" + DOC
        + "docPropsVTypes\"><property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\""
        + " pid=\"2\" name=\"Where\"><vt:lpwstr>" + Fixtures.GPS_TEXT + " "
        + Fixtures.DATUM + "</vt:lpwstr></property></Properties>"));
    return parts;
  }

  private static String declaration() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";
  }

  private static byte[] zip(Map<String, byte[]> parts) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.setComment("saved by " + AUTHOR);
      for (Map.Entry<String, byte[]> part : parts.entrySet()) {
        ZipEntry entry = new ZipEntry(part.getKey());
        entry.setTime(1_709_287_200_000L);
        out.putNextEntry(entry);
        out.write(part.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static byte[] content(ZipFile zip, String name) throws IOException {
    ZipEntry entry = zip.getEntry(name);
    assertNotNull(entry, name);
    try (var in = zip.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  private static Element parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
  }
}
