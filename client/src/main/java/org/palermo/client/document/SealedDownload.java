package org.palermo.client.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.palermo.client.ClientException;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.SealedPart;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.seal.SealContext;
import org.palermo.security.seal.SealedContentException;
import org.palermo.text.Text;

/**
 * A verified version's sealed stream, fetched and opened with its key into a private file beside
 * the target, moved into place only once all of it verified: nothing unauthentic is ever left
 * under the target's name.
 */
final class SealedDownload {
  private SealedDownload() {}

  /**
   * @param streamPath where the server serves the sealed stream
   * @param original the kept original rather than the (stripped) content
   */
  static void write(PalermoHttp http, String streamPath, DocumentManifest m, SymmetricKey key,
      boolean original, Path target, DocumentClient.Progress progress) {
    DocumentId document = m.document();
    if (Files.exists(target)) {
      throw ClientException.usage(Text.of("document.target-exists", target));
    }
    if (original && m.original().isEmpty()) {
      throw ClientException.usage(Text.of("document.no-original", m.version(), document));
    }
    SealedPart part = original ? m.original().get() : m.content().orElseThrow();
    long expectedLength = original ? m.originalLength() : m.contentLength();
    SealContext context = original ? SealContext.original(m.workspace(), document, m.version())
        : SealContext.content(m.workspace(), document, m.version());
    Path dir = target.toAbsolutePath().getParent();
    Path partial = null;
    try {
      partial = Files.createTempFile(dir, ".palermo-", ".part",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      long written;
      try (InputStream sealed = new CountingInput(http.openStream(streamPath),
              part.sealedLength(), progress);
          OutputStream out = Files.newOutputStream(partial)) {
        written = ContentSeal.open(key, context, sealed, out);
      }
      if (written != expectedLength) {
        throw new NotAuthentic();
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      partial = null;
    } catch (SealedContentException | NotAuthentic e) {
      throw ClientException.integrity(Text.of("document.content-not-sealed", document,
          m.version()));
    } catch (IOException e) {
      throw ClientException.unreachable(Text.of("document.read-failed", document,
          e.getMessage()), e);
    } finally {
      if (partial != null) {
        deleteQuietly(partial);
      }
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // best effort: the scratch folder is owner-only
    }
  }

  /** Bytes that are not what the manifest signs (a length, or more than it names). */
  static final class NotAuthentic extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Counts what arrives for the progress bar, and refuses more than the manifest signs. */
  private static final class CountingInput extends java.io.FilterInputStream {
    private final long limit;
    private final DocumentClient.Progress progress;
    private long count;

    CountingInput(InputStream in, long limit, DocumentClient.Progress progress) {
      super(in);
      this.limit = limit;
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
        if (count > limit) {
          throw new NotAuthentic();
        }
        progress.update(count, limit);
      }
      return n;
    }
  }
}
