package org.palermo.server.plugins;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.palermo.plugin.api.PluginApi;

/** The installed plugins with their state, and the reason when one is not running. */
@Path("api/v1/plugins")
@RequestScoped
public class PluginResource {
  private final PluginHost host;

  @Inject
  public PluginResource(PluginHost host) {
    this.host = host;
  }

  public record PluginView(String file, String id, String version, String state,
      List<String> capabilities, String reason) {}

  public record PluginsView(String api, List<PluginView> plugins) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public PluginsView list() {
    return new PluginsView(PluginApi.VERSION, host.plugins().stream().map(p -> new PluginView(
        p.file(), p.id(), p.version(), p.state().name().toLowerCase(java.util.Locale.ROOT),
        p.capabilities().stream().map(c -> c.label()).sorted().toList(), p.reason()))
        .toList());
  }
}
