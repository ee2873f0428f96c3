package org.palermo.server.http;

import java.util.Base64;
import org.palermo.server.errors.InvalidRequestException;

/** Binary request fields travel as unpadded base64url. */
public final class Binary {
  private Binary() {}

  public static byte[] decode(String text, String field, int minLength, int maxLength) {
    if (text == null) {
      throw new InvalidRequestException(field, "The field '" + field + "' is required.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field,
          "The field '" + field + "' is not unpadded base64url.");
    }
    if (bytes.length < minLength || bytes.length > maxLength) {
      throw new InvalidRequestException(field, "The field '" + field + "' must decode to "
          + (minLength == maxLength ? minLength : minLength + " to " + maxLength) + " bytes.");
    }
    return bytes;
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
