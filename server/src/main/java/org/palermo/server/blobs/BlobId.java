package org.palermo.server.blobs;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Identifier of a blob: 128 random bits written as 32 lowercase hexadecimal characters.
 *
 * <p>The value ends up in file paths and object keys, so the constructor accepts nothing but
 * {@code ^[0-9a-f]{32}$}: no separators, dots, upper case or non-ASCII digits can get through,
 * which rules out path traversal and two spellings of the same blob.
 *
 * @param value the 32 lowercase hexadecimal characters
 */
public record BlobId(String value) {

  /** Number of characters in the rendered form. */
  public static final int LENGTH = 32;

  private static final int RANDOM_BYTES = LENGTH / 2;
  private static final HexFormat HEX = HexFormat.of();

  /**
   * @throws IllegalArgumentException if {@code value} is null or not 32 lowercase hex characters
   */
  public BlobId {
    if (!isWellFormed(value)) {
      // The rejected input is not echoed: it may come from a request and end up in a log.
      throw new IllegalArgumentException("a blob id is 32 lowercase hexadecimal characters");
    }
  }

  /** A new identifier with 128 bits drawn from {@code random}. */
  public static BlobId random(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new BlobId(HEX.formatHex(bytes));
  }

  /**
   * Parses the rendered form.
   *
   * @throws IllegalArgumentException if {@code text} is null or does not match
   *     {@code ^[0-9a-f]{32}$}
   */
  public static BlobId parse(String text) {
    return new BlobId(text);
  }

  /** Whether {@code text} is a valid rendered blob id. */
  public static boolean isWellFormed(String text) {
    if (text == null || text.length() != LENGTH) {
      return false;
    }
    for (int i = 0; i < LENGTH; i++) {
      char c = text.charAt(i);
      // Explicit ASCII ranges: Character.isDigit would let other scripts' digits through.
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  /** The 32-character rendered form, as used in paths and keys. */
  @Override
  public String toString() {
    return value;
  }
}
