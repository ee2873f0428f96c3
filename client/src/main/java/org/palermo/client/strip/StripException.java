package org.palermo.client.strip;

/**
 * A file claims a format (by its first bytes) but cannot be parsed or rewritten safely, so its
 * metadata cannot be removed. The message is one line meant for the user; a caller should refuse
 * to upload the file rather than upload it with its metadata.
 */
public final class StripException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal with a one-line reason. */
  public StripException(String message) {
    super(message);
  }

  /** A refusal with a one-line reason and the parser's error behind it. */
  public StripException(String message, Throwable cause) {
    super(message, cause);
  }
}
