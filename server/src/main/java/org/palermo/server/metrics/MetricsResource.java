package org.palermo.server.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.palermo.server.config.ServerConfig;

/**
 * Prometheus text exposition. Off unless enabled where the server binds beyond loopback: how
 * busy a server is says something about its users.
 */
@Path("api/v1/metrics")
@RequestScoped
public class MetricsResource {
  static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  private final ServerConfig config;

  @Inject
  public MetricsResource(PrometheusMeterRegistry registry, ServerConfig config) {
    this.registry = registry;
    this.config = config;
  }

  @GET
  @Produces(MEDIA_TYPE)
  public String scrape() {
    if (!config.metricsEnabled()) {
      throw new NotFoundException();
    }
    return registry.scrape();
  }
}
