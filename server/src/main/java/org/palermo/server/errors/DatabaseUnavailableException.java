package org.palermo.server.errors;

import org.palermo.text.Text;

import java.util.Map;

/** The database cannot be reached; the client may retry shortly. */
public final class DatabaseUnavailableException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException() {
    super(ProblemType.DATABASE_UNAVAILABLE, Text.of("errors.database-unavailable"));
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", "5");
  }
}
