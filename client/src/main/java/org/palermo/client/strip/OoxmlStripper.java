package org.palermo.client.strip;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.palermo.text.Text;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Removes metadata from Office Open XML documents (DOCX, XLSX, PPTX and their macro-enabled and
 * template variants) by writing a new ZIP:
 *
 * <ul>
 *   <li>the core properties part ({@code docProps/core.xml}: creator, lastModifiedBy, dates,
 *       title, subject, keywords...) is replaced by an empty core properties document;
 *   <li>the extended properties part ({@code docProps/app.xml}: Company, Manager, Template,
 *       Application, TotalTime, statistics...) is replaced by an empty one;
 *   <li>the custom properties part ({@code docProps/custom.xml}) is removed, with its
 *       relationship in {@code _rels/.rels} and its override in {@code [Content_Types].xml};
 *   <li>embedded JPEG, PNG, TIFF, WebP, PDF and Office files (pictures, thumbnails, embedded
 *       workbooks) are stripped the same way as files of their own;
 *   <li>ZIP entry times are set to 1980-01-01 and ZIP comments and extra fields dropped.
 * </ul>
 *
 * <p>Everything else is copied unchanged, in its original order; the main part (for example
 * {@code word/document.xml}) comes out byte for byte as it went in. Left alone, by design: the
 * authors and dates of comments and tracked changes ({@code word/comments.xml},
 * {@code word/people.xml}, ...), revision identifiers in {@code word/settings.xml}, and the saved
 * folder path some Excel versions write into {@code xl/workbook.xml}.
 *
 * <p>Refused: archives with more than the entry limit, that expand beyond the size limit, with
 * an entry named with {@code ..}, an absolute path or a drive letter, or with duplicate names.
 */
final class OoxmlStripper {
  /** Strips a file found inside the package; returns its kind and what was removed. */
  interface Nested {
    StripReport strip(Path source, Path target, int depth) throws IOException, StripException;
  }

  static final String CORE_TYPE = "/metadata/core-properties";
  static final String APP_TYPE = "/extended-properties";
  static final String CUSTOM_TYPE = "/custom-properties";
  static final int MAX_XML = 16 << 20;

  private static final String CONTENT_TYPES = "[Content_Types].xml";
  private static final String PACKAGE_RELS = "_rels/.rels";
  private static final String RELS_NS =
      "http://schemas.openxmlformats.org/package/2006/relationships";
  private static final String TYPES_NS =
      "http://schemas.openxmlformats.org/package/2006/content-types";
  private static final String APP_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties";
  private static final byte[] EMPTY_CORE = ("<?xml version=\"1.0\" encoding=\"UTF-8\""
      + " standalone=\"yes\"?>\r\n<cp:coreProperties"
      + " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
      + " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      + " xmlns:dcterms=\"http://purl.org/dc/terms/\""
      + " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\""
      + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"/>")
      .getBytes(StandardCharsets.UTF_8);
  private static final List<String> APP_SENSITIVE = List.of("Template", "Manager", "Company",
      "HyperlinkBase", "Application", "AppVersion", "TotalTime", "TitlesOfParts");
  private static final LocalDateTime ZIP_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);
  private static final int SNIFF = 1024;
  private static final int MAX_DEPTH = 3;

  private final long maxBytes;
  private final int maxEntries;
  private final Scratch scratch;
  private final Nested nested;
  private final int depth;
  private long budget;

  OoxmlStripper(long maxBytes, int maxEntries, Scratch scratch, Nested nested, int depth) {
    this.maxBytes = maxBytes;
    this.maxEntries = maxEntries;
    this.scratch = scratch;
    this.nested = nested;
    this.depth = depth;
    this.budget = maxBytes;
  }

  /** The Office kind of an opened ZIP, or {@link FileKind#OTHER} if it is not an OOXML package. */
  static FileKind kindOf(ZipFile zip) throws IOException {
    ZipEntry types = zip.getEntry(CONTENT_TYPES);
    if (types != null && !types.isDirectory()) {
      try {
        Document doc = Xml.parse(readSmall(zip, types, null));
        NodeList overrides = doc.getElementsByTagNameNS("*", "Override");
        for (int i = 0; i < overrides.getLength(); i++) {
          FileKind kind = mainKind(((Element) overrides.item(i)).getAttribute("ContentType"));
          if (kind != null) {
            return kind;
          }
        }
      } catch (StripException | ZipException | EOFException e) {
        // A damaged or oversized [Content_Types].xml: fall back on the usual part names (a
        // damaged entry is refused when the package is rewritten).
      }
    }
    if (zip.getEntry("word/document.xml") != null) {
      return FileKind.DOCX;
    }
    if (zip.getEntry("xl/workbook.xml") != null) {
      return FileKind.XLSX;
    }
    if (zip.getEntry("ppt/presentation.xml") != null) {
      return FileKind.PPTX;
    }
    return FileKind.OTHER;
  }

  private static FileKind mainKind(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT).strip();
    if (!type.endsWith(".main+xml")) {
      return null;
    }
    if (type.contains("wordprocessingml") || type.startsWith("application/vnd.ms-word.")) {
      return FileKind.DOCX;
    }
    if (type.contains("spreadsheetml") || type.startsWith("application/vnd.ms-excel.")) {
      return FileKind.XLSX;
    }
    if (type.contains("presentationml") || type.startsWith("application/vnd.ms-powerpoint.")) {
      return FileKind.PPTX;
    }
    return null;
  }

  /** Writes the stripped package to {@code target}; returns what was removed. */
  List<Text> strip(ZipFile zip, Path target) throws IOException, StripException {
    if (depth > MAX_DEPTH) {
      throw new StripException(Text.of("strip.nested-too-deep", MAX_DEPTH));
    }
    try {
      return rewrite(zip, target);
    } catch (BudgetExceeded e) {
      throw new StripException(Text.of("strip.zip-bomb", maxBytes));
    } catch (ZipException | EOFException e) {
      // Reading an entry: bad compressed data, a CRC mismatch or data cut short.
      throw new StripException(Text.of("strip.zip-damaged", e.getMessage()), e);
    }
  }

  private List<Text> rewrite(ZipFile zip, Path target) throws IOException, StripException {
    List<ZipEntry> entries = checkEntries(zip);
    Parts parts = findParts(zip);
    List<Text> removed = new ArrayList<>();
    boolean timestamps = false;
    boolean comments = zip.getComment() != null && !zip.getComment().isEmpty();
    try (ZipOutputStream out = new ZipOutputStream(
        new BufferedOutputStream(Files.newOutputStream(target)), StandardCharsets.UTF_8)) {
      for (ZipEntry entry : entries) {
        String name = entry.getName();
        timestamps |= hasTimestamp(entry);
        comments |= entry.getComment() != null && !entry.getComment().isEmpty();
        if (name.equals(parts.custom)) {
          removed.add(Text.of("strip.part-details", name,
              Text.of("strip.custom-properties")));
          continue;
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setTimeLocal(ZIP_EPOCH);
        out.putNextEntry(copy);
        if (!entry.isDirectory()) {
          copyEntry(zip, entry, parts, out, removed);
        }
        out.closeEntry();
      }
    }
    if (timestamps) {
      removed.add(Text.of("strip.zip-timestamps"));
    }
    if (comments) {
      removed.add(Text.of("strip.zip-comments"));
    }
    return removed;
  }

  private static boolean hasTimestamp(ZipEntry entry) {
    try {
      return !ZIP_EPOCH.equals(entry.getTimeLocal());
    } catch (DateTimeException e) {
      return true;
    }
  }

  private void copyEntry(ZipFile zip, ZipEntry entry, Parts parts, OutputStream out,
      List<Text> removed) throws IOException, StripException {
    String name = entry.getName();
    if (name.equals(parts.core)) {
      Object label = coreLabel(readSmall(zip, entry, this));
      if (label != null) {
        removed.add(Text.of("strip.part-details", name, label));
      }
      out.write(EMPTY_CORE);
    } else if (name.equals(parts.app)) {
      byte[] app = readSmall(zip, entry, this);
      Object label = appLabel(app);
      if (label != null) {
        removed.add(Text.of("strip.part-details", name, label));
      }
      out.write(emptyApp(app));
    } else if (parts.custom != null && name.equals(PACKAGE_RELS)) {
      out.write(withoutCustomRelationship(readSmall(zip, entry, this)));
    } else if (parts.custom != null && name.equals(CONTENT_TYPES)) {
      out.write(withoutOverride(readSmall(zip, entry, this), parts.custom));
    } else {
      copyContent(zip, entry, out, removed);
    }
  }

  /** Copies a part, stripping it first if its content is a format this package handles. */
  private void copyContent(ZipFile zip, ZipEntry entry, OutputStream out, List<Text> removed)
      throws IOException, StripException {
    String name = entry.getName();
    try (BufferedInputStream in = new BufferedInputStream(counted(zip.getInputStream(entry)))) {
      in.mark(SNIFF);
      byte[] head = in.readNBytes(SNIFF);
      in.reset();
      FileKind kind = MetadataStripper.sniffEmbedded(head);
      List<Text> labels;
      try {
        if (kind == FileKind.JPEG) {
          labels = JpegStripper.strip(in, out, true);
        } else if (kind == FileKind.PNG) {
          labels = PngStripper.strip(in, out);
        } else if (kind != FileKind.OTHER || MetadataStripper.isZip(head)) {
          labels = stripNested(in, out);
        } else {
          in.transferTo(out);
          labels = List.of();
        }
      } catch (StripException e) {
        throw new StripException(Text.of("strip.in-part", name, e.text()), e);
      }
      for (Text label : labels) {
        removed.add(Text.of("strip.in-part", name, label));
      }
    }
  }

  private List<Text> stripNested(InputStream in, OutputStream out)
      throws IOException, StripException {
    Path spooled = scratch.newFile();
    Path stripped = scratch.newFile();
    try {
      try (OutputStream file = Files.newOutputStream(spooled)) {
        in.transferTo(file);
      }
      StripReport report = nested.strip(spooled, stripped, depth + 1);
      Files.copy(stripped, out);
      return report.removed();
    } finally {
      scratch.delete(spooled);
      scratch.delete(stripped);
    }
  }

  private List<ZipEntry> checkEntries(ZipFile zip) throws StripException {
    if (zip.size() > maxEntries) {
      throw new StripException(Text.of("strip.too-many-entries", maxEntries));
    }
    List<ZipEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Enumeration<? extends ZipEntry> e = zip.entries();
    while (e.hasMoreElements()) {
      ZipEntry entry = e.nextElement();
      String name = entry.getName();
      if (entries.size() == maxEntries) {
        throw new StripException(Text.of("strip.too-many-entries", maxEntries));
      }
      if (unsafeName(name)) {
        throw new StripException(Text.of("strip.unsafe-entry", printable(name)));
      }
      if (!names.add(name)) {
        throw new StripException(Text.of("strip.duplicate-entry", printable(name)));
      }
      entries.add(entry);
    }
    return entries;
  }

  static boolean unsafeName(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.startsWith("\\")
        || name.indexOf('\0') >= 0 || (name.length() > 1 && name.charAt(1) == ':')) {
      return true;
    }
    for (String part : name.split("[/\\\\]")) {
      if (part.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** The names of the property parts, from the package relationships or the usual names. */
  private record Parts(String core, String app, String custom) {}

  private Parts findParts(ZipFile zip) throws IOException, StripException {
    String core = null;
    String app = null;
    String custom = null;
    ZipEntry rels = zip.getEntry(PACKAGE_RELS);
    if (rels != null) {
      Document doc = Xml.parse(readSmall(zip, rels, this));
      for (Element rel : relationships(doc)) {
        String type = rel.getAttribute("Type");
        if ("External".equals(rel.getAttribute("TargetMode"))) {
          continue;
        }
        String target = partName(rel.getAttribute("Target"));
        if (type.endsWith(CORE_TYPE)) {
          core = target;
        } else if (type.endsWith(APP_TYPE)) {
          app = target;
        } else if (type.endsWith(CUSTOM_TYPE)) {
          custom = target;
        }
      }
    }
    core = core != null ? core : present(zip, "docProps/core.xml");
    app = app != null ? app : present(zip, "docProps/app.xml");
    custom = custom != null ? custom : present(zip, "docProps/custom.xml");
    return new Parts(core, app, custom);
  }

  private static String present(ZipFile zip, String name) {
    return zip.getEntry(name) != null ? name : null;
  }

  private static String partName(String target) {
    String name = target.strip();
    if (name.indexOf('%') >= 0) {
      try {
        name = new URI(name).getPath();
      } catch (URISyntaxException e) {
        name = target.strip();
      }
    }
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    return name.startsWith("./") ? name.substring(2) : name;
  }

  private static List<Element> relationships(Document doc) {
    List<Element> list = new ArrayList<>();
    NodeList nodes = doc.getElementsByTagNameNS("*", "Relationship");
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  private static byte[] withoutCustomRelationship(byte[] rels)
      throws IOException, StripException {
    Document doc = Xml.parse(rels);
    for (Element rel : relationships(doc)) {
      if (rel.getAttribute("Type").endsWith(CUSTOM_TYPE)) {
        rel.getParentNode().removeChild(rel);
      }
    }
    return Xml.serialize(doc);
  }

  private static byte[] withoutOverride(byte[] types, String part)
      throws IOException, StripException {
    Document doc = Xml.parse(types);
    NodeList overrides = doc.getElementsByTagNameNS("*", "Override");
    List<Element> drop = new ArrayList<>();
    for (int i = 0; i < overrides.getLength(); i++) {
      Element override = (Element) overrides.item(i);
      if (partName(override.getAttribute("PartName")).equalsIgnoreCase(part)) {
        drop.add(override);
      }
    }
    for (Element override : drop) {
      override.getParentNode().removeChild(override);
    }
    return Xml.serialize(doc);
  }

  /** The names of the core properties that had a value, or null if there were none. */
  private static Object coreLabel(byte[] core) {
    try {
      List<String> names = childrenWithContent(Xml.parse(core).getDocumentElement());
      return names.isEmpty() ? null : StripReport.list(names);
    } catch (StripException e) {
      return Text.of("strip.unreadable-core");
    }
  }

  /** The sensitive extended properties that had a value, "document statistics", or null. */
  private static Object appLabel(byte[] app) {
    try {
      List<String> names = childrenWithContent(Xml.parse(app).getDocumentElement());
      List<String> sensitive = new ArrayList<>();
      for (String name : names) {
        if (APP_SENSITIVE.contains(name)) {
          sensitive.add(name);
        }
      }
      if (!sensitive.isEmpty()) {
        return StripReport.list(sensitive);
      }
      return names.isEmpty() ? null : Text.of("strip.document-statistics");
    } catch (StripException e) {
      return Text.of("strip.unreadable-app");
    }
  }

  /** An empty extended properties part, in the namespace of the original when readable. */
  private static byte[] emptyApp(byte[] app) {
    String ns = APP_NS;
    try {
      String original = Xml.parse(app).getDocumentElement().getNamespaceURI();
      if (original != null && !original.isEmpty() && original.indexOf('"') < 0
          && original.indexOf('<') < 0 && original.indexOf('&') < 0) {
        ns = original;
      }
    } catch (StripException e) {
      // Keep the transitional namespace.
    }
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Properties"
        + " xmlns=\"" + ns + "\"/>").getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> childrenWithContent(Element root) {
    List<String> names = new ArrayList<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && !e.getTextContent().isBlank()) {
        String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        if (!names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  /** Reads a small XML part whole; {@code counter} may be null (detection only). */
  private static byte[] readSmall(ZipFile zip, ZipEntry entry, OoxmlStripper counter)
      throws IOException, StripException {
    InputStream raw = zip.getInputStream(entry);
    try (InputStream in = counter == null ? raw : counter.counted(raw)) {
      byte[] data = in.readNBytes(MAX_XML + 1);
      if (data.length > MAX_XML) {
        throw new StripException(Text.of("strip.part-too-large", printable(entry.getName()),
            MAX_XML));
      }
      return data;
    }
  }

  private InputStream counted(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          spend(1);
        }
        return b;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
          spend(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        spend(skipped);
        return skipped;
      }
    };
  }

  private void spend(long n) throws BudgetExceeded {
    budget -= n;
    if (budget < 0) {
      throw new BudgetExceeded();
    }
  }

  /** The archive expands beyond the size limit. */
  private static final class BudgetExceeded extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private static String printable(String name) {
    StringBuilder sb = new StringBuilder();
    for (char c : name.toCharArray()) {
      sb.append(c >= 0x20 && c != 0x7F ? c : '?');
      if (sb.length() == 120) {
        sb.append("...");
        break;
      }
    }
    return sb.toString();
  }
}
