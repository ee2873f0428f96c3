package org.palermo.client.i18n;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Output for a right-to-left language: each line that holds right-to-left letters starts with a
 * RIGHT-TO-LEFT MARK, so a terminal that applies the Unicode bidirectional algorithm lays it out
 * as a right-to-left paragraph even when it begins with a Latin word ("palermo:", a command
 * name). Arguments inside the text are already isolated by {@link org.palermo.text.Bundles}.
 * Lines without right-to-left letters (ids, paths, a JSON document) pass unchanged.
 */
public final class BidiLines extends FilterWriter {
  public static final char RLM = '\u200F';

  private final StringBuilder line = new StringBuilder();

  public BidiLines(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    if (c == '\n') {
      flushLine(true);
    } else {
      line.append((char) c);
    }
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(chars[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(text.charAt(i));
    }
  }

  @Override
  public void flush() throws IOException {
    // A prompt without a newline goes out as it stands.
    flushLine(false);
    super.flush();
  }

  @Override
  public void close() throws IOException {
    flush();
    super.close();
  }

  private void flushLine(boolean newline) throws IOException {
    if (line.length() > 0 && rightToLeft(line)) {
      out.write(RLM);
    }
    out.write(line.toString());
    if (newline) {
      out.write('\n');
    }
    line.setLength(0);
  }

  static boolean rightToLeft(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      byte direction = Character.getDirectionality(text.charAt(i));
      if (direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT
          || direction == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
        return true;
      }
    }
    return false;
  }
}
