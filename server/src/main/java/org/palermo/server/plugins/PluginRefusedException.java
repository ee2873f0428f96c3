package org.palermo.server.plugins;

/** A plugin the host will not load, with the one reason an operator can act on. */
final class PluginRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  PluginRefusedException(String reason) {
    super(reason);
  }
}
