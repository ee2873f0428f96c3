package org.palermo.client.strip;

import org.palermo.client.i18n.ClientText;
import org.palermo.text.Text;

/**
 * A file claims a format (by its first bytes) but cannot be parsed or rewritten safely, so its
 * metadata cannot be removed. The reason is one line meant for the user ({@link #text}, in the
 * {@code strip} bundle); a caller should refuse to upload the file rather than upload it with
 * its metadata.
 */
public final class StripException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Text text;

  /** A refusal with a one-line reason. */
  public StripException(Text text) {
    this(text, null);
  }

  /** A refusal with a one-line reason and the parser's error behind it. */
  public StripException(Text text, Throwable cause) {
    super(null, cause);
    this.text = text;
  }

  /** The reason, before translation. */
  public Text text() {
    return text;
  }

  /** The reason in English, for tests and stack traces. */
  @Override
  public String getMessage() {
    return ClientText.english(text);
  }
}
