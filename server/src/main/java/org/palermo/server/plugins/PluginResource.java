package org.palermo.server.plugins;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.palermo.plugin.api.Capability;
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

  /**
   * A dead letter: an event the plugin failed on every try. Public, so the reason is its kind
   * (the exception's class, or the time limit), never the plugin's message: the server log and
   * the database keep that.
   */
  public record DeadLetterView(String kind, int failures, String reason, String failedAt) {}

  /** A plugin's event delivery: how many dead letters it has, and the latest few. */
  public record EventsView(long deadLetters, List<DeadLetterView> recent) {}

  public record PluginView(String file, String id, String version, String state,
      List<String> capabilities, String reason, List<String> warnings, EventsView events) {}

  public record PluginsView(String api, List<PluginView> plugins) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public PluginsView list() {
    return new PluginsView(PluginApi.VERSION, host.plugins().stream().map(this::view).toList());
  }

  private static String publicReason(String reason) {
    int colon = reason.indexOf(": ");
    return colon < 0 ? reason : reason.substring(0, colon);
  }

  private PluginView view(PluginHost.Plugin p) {
    EventsView events = p.state() != PluginHost.State.STARTED ? null
        : host.deadLetters(p.id()).map(d -> new EventsView(d.count(), d.recent().stream()
            .map(l -> new DeadLetterView(l.kind(), l.failures(), publicReason(l.reason()),
                l.failedAt().toString() + "Z"))
            .toList()))
        .orElse(null);
    return new PluginView(p.file(), p.id(), p.version(),
        p.state().name().toLowerCase(Locale.ROOT),
        p.capabilities().stream().map(Capability::label).sorted().toList(), p.reason(),
        p.warnings(), events);
  }
}
