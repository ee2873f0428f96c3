package org.palermo.server.http;

import java.util.HexFormat;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.text.Text;

/** Ids (128 random bits made by clients) as they travel: 32 lower-case hex digits. */
public final class Ids {
  private Ids() {}

  /** An id from a request body or query: a malformed one is a 400 naming the field. */
  public static byte[] field(String hex, String field) {
    if (!wellFormed(hex)) {
      throw new InvalidRequestException(field, Text.of("http.id-malformed", field));
    }
    return HexFormat.of().parseHex(hex);
  }

  /**
   * An id from a path: a malformed one names nothing that exists, so it is a 404 (the same
   * answer as an id nobody may see).
   *
   * @param what the kind of id: {@code workspace}, {@code document}, {@code upload} or
   *     {@code account} (the 404 names it)
   */
  public static byte[] path(String hex, String what) {
    if (!wellFormed(hex)) {
      throw new NotFoundProblemException(noSuch(what));
    }
    return HexFormat.of().parseHex(hex);
  }

  /** One sentence per kind of id, so that each language can say it its own way. */
  private static Text noSuch(String what) {
    return switch (what) {
      case "workspace" -> Text.of("http.no-such-workspace");
      case "document" -> Text.of("http.no-such-document");
      case "upload" -> Text.of("http.no-such-upload");
      case "account" -> Text.of("http.no-such-account");
      default -> Text.of("http.no-such-id");
    };
  }

  public static String hex(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  private static boolean wellFormed(String hex) {
    if (hex == null || hex.length() != 32) {
      return false;
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
