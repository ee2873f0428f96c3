package org.palermo.client.strip;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.palermo.text.Text;

/**
 * Removes metadata from a PDF with PDFBox and writes the document anew (a full save, so earlier
 * revisions kept by incremental updates are gone, along with any object nothing refers to).
 *
 * <p>Removed: the document information dictionary (Author, Title, Creator, Producer, dates...),
 * the document XMP stream and every other /Metadata stream (pages, images, fonts), /PieceInfo
 * (private application data) and /LastModified on any object, the document ID (a new one is
 * made), and the EXIF, XMP and other application segments inside embedded JPEG images (lossless,
 * as for JPEG files). Encrypted PDFs are refused. Left alone: annotations (their author and
 * dates included), form field values, embedded files and digital signatures, which the rewrite
 * invalidates.
 */
final class PdfStripper {
  private static final long MEMORY_CACHE = 64L << 20;
  private static final int MESSAGE_MAX = 200;

  private PdfStripper() {}

  static List<Text> strip(Path source, Path target) throws IOException, StripException {
    PDDocument doc;
    try {
      doc = Loader.loadPDF(source.toFile(), "", null, null,
          MemoryUsageSetting.setupMixed(MEMORY_CACHE).streamCache);
    } catch (InvalidPasswordException e) {
      throw encrypted();
    } catch (IOException | RuntimeException e) {
      if (!Files.isReadable(source)) {
        throw e;
      }
      throw damaged(e);
    }
    try (doc) {
      if (doc.isEncrypted()) {
        throw encrypted();
      }
      List<Text> removed;
      try {
        if (doc.getNumberOfPages() == 0) {
          throw new StripException(Text.of("strip.pdf-no-pages"));
        }
        removed = clean(doc);
      } catch (IOException | RuntimeException e) {
        throw damaged(e);
      }
      WatchedOutput out = new WatchedOutput(Files.newOutputStream(target));
      try (out) {
        doc.save(out);
      } catch (IOException | RuntimeException e) {
        if (out.failure != null) {
          throw out.failure;
        }
        throw damaged(e);
      }
      return removed;
    }
  }

  private static List<Text> clean(PDDocument doc) throws IOException, StripException {
    List<Text> removed = new ArrayList<>();
    COSDictionary trailer = doc.getDocument().getTrailer();
    COSDictionary info = trailer.getCOSDictionary(COSName.INFO);
    if (info != null) {
      List<String> keys = new ArrayList<>();
      for (COSName key : info.keySet()) {
        COSBase value = info.getDictionaryObject(key);
        if (value != null && !(value instanceof COSNull)
            && !(value instanceof COSString s && s.getString().isEmpty())) {
          keys.add(key.getName());
        }
      }
      if (!keys.isEmpty()) {
        removed.add(Text.of("strip.pdf-info", StripReport.list(keys)));
      }
    }
    trailer.removeItem(COSName.INFO);
    COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
    if (catalog.containsKey(COSName.METADATA)) {
      catalog.removeItem(COSName.METADATA);
      removed.add(Text.of("strip.pdf-xmp"));
    }
    Walk walk = new Walk();
    walk.run(catalog);
    if (walk.metadata > 0) {
      removed.add(Text.of("strip.pdf-xmp-objects", walk.metadata));
    }
    if (walk.pieceInfo > 0) {
      removed.add(Text.of("strip.pdf-piece-info", walk.pieceInfo));
    }
    if (walk.lastModified > 0) {
      removed.add(Text.of("strip.pdf-last-modified", walk.lastModified));
    }
    if (walk.images > 0) {
      removed.add(Text.of("strip.pdf-jpeg-images", walk.images,
          StripReport.list(List.copyOf(walk.imageLabels))));
    }
    if (trailer.containsKey(COSName.ID)) {
      trailer.removeItem(COSName.ID);
      removed.add(Text.of("strip.pdf-document-id"));
    }
    return removed;
  }

  /** A walk over every object reachable from the catalog: what the full save will write. */
  private static final class Walk {
    private final Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Deque<COSBase> todo = new ArrayDeque<>();
    private final Set<Text> imageLabels = new LinkedHashSet<>();
    private int metadata;
    private int pieceInfo;
    private int lastModified;
    private int images;

    void run(COSDictionary catalog) throws IOException, StripException {
      todo.push(catalog);
      while (!todo.isEmpty()) {
        COSBase next = todo.pop();
        if (next instanceof COSObject ref) {
          next = ref.getObject();
        }
        if (next == null || !seen.add(next)) {
          continue;
        }
        if (next instanceof COSDictionary dict) {
          visit(dict);
          for (COSBase value : dict.getValues()) {
            todo.push(value);
          }
        } else if (next instanceof COSArray array) {
          for (COSBase value : array) {
            todo.push(value);
          }
        }
      }
    }

    private void visit(COSDictionary dict) throws IOException, StripException {
      if (dict.containsKey(COSName.METADATA)) {
        dict.removeItem(COSName.METADATA);
        metadata++;
      }
      if (dict.containsKey(COSName.PIECE_INFO)) {
        dict.removeItem(COSName.PIECE_INFO);
        pieceInfo++;
      }
      if (dict.containsKey(COSName.LAST_MODIFIED)) {
        dict.removeItem(COSName.LAST_MODIFIED);
        lastModified++;
      }
      if (dict instanceof COSStream stream && isJpegImage(stream)) {
        stripJpeg(stream);
      }
    }

    private void stripJpeg(COSStream stream) throws IOException, StripException {
      ByteArrayOutputStream stripped = new ByteArrayOutputStream();
      List<Text> labels;
      try (InputStream raw = stream.createRawInputStream()) {
        labels = JpegStripper.strip(raw, stripped, true);
      } catch (StripException e) {
        throw new StripException(Text.of("strip.pdf-damaged-jpeg", e.text()), e);
      }
      if (!labels.isEmpty()) {
        try (OutputStream raw = stream.createRawOutputStream()) {
          stripped.writeTo(raw);
        }
        imageLabels.addAll(labels);
        images++;
      }
    }

    private static boolean isJpegImage(COSStream stream) {
      if (!COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
        return false;
      }
      COSBase filter = stream.getDictionaryObject(COSName.FILTER);
      if (filter instanceof COSArray array && array.size() == 1) {
        filter = array.getObject(0);
      }
      return COSName.DCT_DECODE.equals(filter);
    }
  }

  /** An output stream that remembers whether writing to the file itself failed. */
  private static final class WatchedOutput extends FilterOutputStream {
    private IOException failure;

    WatchedOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }
  }

  private static StripException encrypted() {
    return new StripException(Text.of("strip.pdf-encrypted"));
  }

  private static StripException damaged(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.lines().findFirst().orElse("").strip();
    if (message.length() > MESSAGE_MAX) {
      message = message.substring(0, MESSAGE_MAX) + "...";
    }
    return new StripException(Text.of("strip.pdf-damaged", message), e);
  }
}
