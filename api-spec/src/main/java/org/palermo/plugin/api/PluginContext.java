package org.palermo.plugin.api;

import java.util.Set;

/** What the host gives a plugin when it starts: who it is and what it may use. */
public interface PluginContext {
  /** The plugin's id, as its descriptor gives it. */
  String id();

  /** The plugin's version, as its descriptor gives it. */
  String version();

  /** The capabilities the plugin declared and the operator approved. */
  Set<Capability> capabilities();

  /** Read-only views of workspaces, when the plugin has {@code read-workspaces}. */
  default java.util.Optional<WorkspaceViews> workspaces() {
    return java.util.Optional.empty();
  }
}
