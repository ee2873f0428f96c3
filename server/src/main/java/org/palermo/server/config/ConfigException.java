package org.palermo.server.config;

/**
 * A setting the operator must fix before the server can start. Its message is one line that
 * names the setting and says what to do; {@code Main} prints it without a stack trace.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
