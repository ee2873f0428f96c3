package org.palermo.server.accounts;

import java.util.Locale;
import java.util.regex.Pattern;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.text.Text;

/**
 * An account's pseudonym. ASCII only, lower case, 3 to 32 characters: no look-alike letters
 * from other scripts can impersonate another member's handle.
 */
public record Handle(String value) {
  private static final Pattern RULE = Pattern.compile("[a-z0-9][a-z0-9._-]{1,30}[a-z0-9]");

  public Handle {
    if (value == null || !RULE.matcher(value).matches()) {
      throw new IllegalArgumentException("not a handle");
    }
  }

  /** The handle a person typed, folded to lower case; a 400 naming {@code field} otherwise. */
  public static Handle parse(String text, String field) {
    String folded = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    if (!RULE.matcher(folded).matches()) {
      throw new InvalidRequestException(field, Text.of("accounts.handle-invalid"));
    }
    return new Handle(folded);
  }

  @Override
  public String toString() {
    return value;
  }
}
