package org.palermo.server.plugins;

import org.palermo.text.Text;

import java.util.Map;
import org.palermo.server.errors.ProblemException;
import org.palermo.server.errors.ProblemType;

/** A plugin already has as many requests in progress as it may; the client may retry. */
public final class PluginBusyException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public PluginBusyException(String id, int limit) {
    super(ProblemType.PLUGIN_BUSY, Text.of("plugins.busy", id, limit));
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", "5");
  }
}
