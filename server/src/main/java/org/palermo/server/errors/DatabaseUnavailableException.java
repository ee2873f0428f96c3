package org.palermo.server.errors;

import java.util.Map;

/** The database cannot be reached; the client may retry shortly. */
public final class DatabaseUnavailableException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public DatabaseUnavailableException() {
    super(ProblemType.DATABASE_UNAVAILABLE,
        "The database is unreachable. Nothing was changed; try again in a few seconds.");
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", "5");
  }
}
