package org.palermo.server.documents;

import java.util.Locale;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.text.Text;

/** The sealed streams of a version: the content and, when kept, the untouched original. */
public enum SealedStream {
  CONTENT(1),
  ORIGINAL(2);

  private final int code;

  SealedStream(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The stream's name in paths and messages: {@code content} or {@code original}. */
  public String pathName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** From a path segment ({@code content} or {@code original}); anything else is a 404. */
  public static SealedStream fromPath(String segment) {
    for (SealedStream s : values()) {
      if (s.pathName().equals(segment)) {
        return s;
      }
    }
    throw new NotFoundProblemException(Text.of("documents.no-such-stream"));
  }

  long declaredLength(UploadRow upload) {
    return this == CONTENT ? upload.contentLength() : upload.originalLength();
  }

  public long length(VersionRow version) {
    return this == CONTENT ? version.contentLength() : version.originalLength();
  }
}
