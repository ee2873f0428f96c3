package org.palermo.server.plugins;

import java.util.Map;
import org.palermo.server.errors.ProblemException;
import org.palermo.server.errors.ProblemType;

/** A plugin already has as many requests in progress as it may; the client may retry. */
public final class PluginBusyException extends ProblemException {
  private static final long serialVersionUID = 1L;

  public PluginBusyException(String id, int limit) {
    super(ProblemType.PLUGIN_BUSY, "The plugin '" + id + "' is answering " + limit
        + " requests already; try again shortly. The rest of the server is not affected.");
  }

  @Override
  public Map<String, String> headers() {
    return Map.of("Retry-After", "5");
  }
}
