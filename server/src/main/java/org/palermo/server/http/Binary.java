package org.palermo.server.http;

import java.util.Base64;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.text.Text;

/** Binary request fields travel as unpadded base64url. */
public final class Binary {
  private Binary() {}

  public static byte[] decode(String text, String field, int minLength, int maxLength) {
    if (text == null) {
      throw new InvalidRequestException(field, Text.of("http.field-required", field));
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(field, Text.of("http.field-not-base64url", field));
    }
    if (bytes.length < minLength || bytes.length > maxLength) {
      throw new InvalidRequestException(field, minLength == maxLength
          ? Text.of("http.field-length", field, minLength)
          : Text.of("http.field-length-range", field, minLength, maxLength));
    }
    return bytes;
  }

  public static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
