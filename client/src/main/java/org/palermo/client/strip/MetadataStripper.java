package org.palermo.client.strip;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipFile;
import org.palermo.text.Text;

/**
 * Removes location and authoring metadata from files before they are uploaded: EXIF (with GPS
 * positions), XMP, IPTC and comments from pictures; the document information, XMP and document
 * ID from PDFs; the document properties from Office files. The pictures' pixels, the PDFs' pages
 * and the Office documents' content are not changed.
 *
 * <p>The format is recognised from the content, never from the file name. Files of other formats
 * are copied unchanged and reported as {@link FileKind#OTHER}, with nothing removed. A file that
 * claims a supported format but cannot be parsed is refused with a {@link StripException}, so
 * that it is not uploaded with its metadata. The source file is only ever read.
 *
 * <p>What each format loses, in detail:
 *
 * <ul>
 *   <li>JPEG: APP1 (EXIF, XMP), APP13 (Photoshop IRB / IPTC), APP0 other than JFIF, APP2 other
 *       than ICC_PROFILE, APP3..APP15 except an Adobe APP14, comments, and anything after the
 *       end of the image; the compressed image data is copied byte for byte. An EXIF orientation
 *       other than upright is written back on its own, so that the picture is not turned.
 *   <li>PNG: tEXt, zTXt, iTXt (and the XMP in it), eXIf, tIME, private and unknown ancillary
 *       chunks, and data after IEND; the critical, colour and animation chunks stay.
 *   <li>TIFF: every tag not needed to show the picture, among them the EXIF and GPS directories,
 *       XMP, IPTC, Photoshop resources, GeoTIFF tags, Artist, HostComputer, Software, DateTime,
 *       ImageDescription, Make, Model and Copyright. Camera raw files and BigTIFF are refused.
 *   <li>WebP: the EXIF and XMP chunks (and their flags in VP8X) and unknown chunks.
 *   <li>PDF: the document information dictionary, all XMP streams, PieceInfo, LastModified, the
 *       document ID, the metadata inside embedded JPEG images, and earlier revisions (the file is
 *       written anew). Encrypted PDFs are refused. Annotation authors, form values, embedded
 *       files and signatures are left alone.
 *   <li>DOCX, XLSX, PPTX: the core, extended (app) and custom document properties, metadata in
 *       embedded pictures and documents, ZIP timestamps and comments. The main part is kept
 *       byte for byte; so are, by design, the authors of comments and tracked changes.
 * </ul>
 *
 * <p>Files are streamed, never read whole into memory, except TIFF directories, Office XML
 * property parts (at most 16 MiB each) and what PDFBox needs to hold of a PDF. Office archives
 * are refused beyond 4 GiB uncompressed or 100,000 entries, or with unsafe entry names.
 *
 * <p>Instances hold no state between calls and may be shared between threads.
 */
public final class MetadataStripper {
  static final long DEFAULT_MAX_ZIP_BYTES = 4L << 30;
  static final int DEFAULT_MAX_ZIP_ENTRIES = 100_000;

  private static final byte[] PNG = PngStripper.SIGNATURE;
  private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final int HEAD = 1024;

  private final long maxZipBytes;
  private final int maxZipEntries;

  /** A stripper with the standard limits for Office archives (4 GiB, 100,000 entries). */
  public MetadataStripper() {
    this(DEFAULT_MAX_ZIP_BYTES, DEFAULT_MAX_ZIP_ENTRIES);
  }

  /** A stripper with other limits for Office archives (for tests). */
  MetadataStripper(long maxZipBytes, int maxZipEntries) {
    this.maxZipBytes = maxZipBytes;
    this.maxZipEntries = maxZipEntries;
  }

  /**
   * Detects the format by content (magic bytes), not by file name. A ZIP archive is one of the
   * Office kinds when its {@code [Content_Types].xml} or main part says so, and {@link
   * FileKind#OTHER} otherwise, also when its directory cannot be read (which {@link #strip}
   * refuses).
   */
  public FileKind detect(Path file) throws IOException {
    byte[] head = head(file);
    FileKind kind = sniff(head);
    if (kind == FileKind.OTHER && isZip(head)) {
      ZipFile zip;
      try {
        zip = new ZipFile(file.toFile(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return FileKind.OTHER;
      }
      try (zip) {
        return OoxmlStripper.kindOf(zip);
      }
    }
    return kind;
  }

  /**
   * Writes a copy of {@code source} without location/authoring metadata to {@code target} and
   * says what was removed. Unknown formats are copied unchanged with {@code report.kind() ==
   * FileKind.OTHER} and an empty removed list. Never modifies {@code source}.
   *
   * <p>The copy is written to a temporary file next to {@code target} and then renamed over it, so
   * {@code target} is replaced only by a complete result; on failure it is left as it was.
   *
   * @throws StripException if the file claims a supported format but cannot be parsed (or is
   *     encrypted, or exceeds a limit): it must not be uploaded as it is
   * @throws IllegalArgumentException if {@code target} is {@code source}
   */
  public StripReport strip(Path source, Path target) throws IOException, StripException {
    if (Files.exists(target) && Files.isSameFile(source, target)) {
      throw new IllegalArgumentException("the target must not be the source: " + source);
    }
    Path dir = target.toAbsolutePath().getParent();
    try (Scratch scratch = new Scratch(dir)) {
      Path temp = scratch.newFile();
      StripReport report = strip(source, temp, scratch, 0);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return report;
    }
  }

  private StripReport strip(Path source, Path target, Scratch scratch, int depth)
      throws IOException, StripException {
    byte[] head = head(source);
    FileKind kind = sniff(head);
    List<Text> removed;
    try {
      removed = switch (kind) {
        case JPEG -> streamed(source, target, true);
        case PNG -> streamed(source, target, false);
        case WEBP -> WebpStripper.strip(source, target);
        case TIFF -> TiffStripper.strip(source, target);
        case PDF -> PdfStripper.strip(source, target);
        default -> null;
      };
    } catch (RuntimeException e) {
      // A structure the parsers did not foresee: refuse rather than let it through.
      throw new StripException(Text.of("strip.unexpected-structure", kind, e), e);
    }
    if (removed != null) {
      return new StripReport(kind, removed);
    }
    if (isZip(head)) {
      ZipFile zip;
      try {
        zip = new ZipFile(source.toFile(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new StripException(Text.of("strip.zip-directory-unreadable",
            e.getClass().getSimpleName(), e.getMessage()), e);
      }
      try (zip) {
        kind = OoxmlStripper.kindOf(zip);
        if (kind != FileKind.OTHER) {
          OoxmlStripper ooxml = new OoxmlStripper(maxZipBytes, maxZipEntries, scratch,
              (in, out, d) -> strip(in, out, scratch, d), depth);
          return new StripReport(kind, ooxml.strip(zip, target));
        }
      } catch (RuntimeException e) {
        throw new StripException(Text.of("strip.zip-unexpected-structure", e), e);
      }
    }
    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
    return new StripReport(FileKind.OTHER, List.of());
  }

  private static List<Text> streamed(Path source, Path target, boolean jpeg)
      throws IOException, StripException {
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
      return jpeg ? JpegStripper.strip(in, out, false) : PngStripper.strip(in, out);
    }
  }

  /** The kind of a non-ZIP format from the first bytes of a file, or OTHER. */
  static FileKind sniff(byte[] head) {
    int n = head.length;
    if (n >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8
        && (head[2] & 0xFF) == 0xFF) {
      return FileKind.JPEG;
    }
    if (startsWith(head, PNG)) {
      return FileKind.PNG;
    }
    if (n >= 4 && ((head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43)
        && head[3] == 0) || (head[0] == 'M' && head[1] == 'M' && head[2] == 0
        && (head[3] == 42 || head[3] == 43)))) {
      return FileKind.TIFF;
    }
    if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
        && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return FileKind.WEBP;
    }
    for (int i = 0; i + PDF.length <= n; i++) {
      if (head[i] == '%' && startsWith(head, i, PDF)) {
        return FileKind.PDF;
      }
    }
    return FileKind.OTHER;
  }

  /**
   * Like {@link #sniff}, for a part inside a document: there a PDF must start with its header,
   * so that a text part that merely mentions "%PDF-" is not taken for one.
   */
  static FileKind sniffEmbedded(byte[] head) {
    FileKind kind = sniff(head);
    return kind == FileKind.PDF && !startsWith(head, PDF) ? FileKind.OTHER : kind;
  }

  /** Whether the first bytes are a ZIP local file header. */
  static boolean isZip(byte[] head) {
    return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), HEAD)) {
      return in.readNBytes(HEAD);
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return startsWith(data, 0, prefix);
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (data.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
