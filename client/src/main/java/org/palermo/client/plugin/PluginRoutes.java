package org.palermo.client.plugin;

import org.palermo.security.ids.WorkspaceId;

/** Where a plugin's routes are on the server: under {@code api/v1/plugins/<id>/}. */
public record PluginRoutes(String plugin) {
  /** A route of the plugin: {@code api/v1/plugins/<id>/<route>}. */
  public String path(String route) {
    return "api/v1/plugins/" + plugin + "/" + route;
  }

  /** The prefix of the plugin's routes about one workspace, ending in a slash. */
  public String workspace(WorkspaceId workspace) {
    return path("workspaces/" + workspace + "/");
  }
}
