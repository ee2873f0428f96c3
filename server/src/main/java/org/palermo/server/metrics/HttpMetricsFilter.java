package org.palermo.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Counts and times requests by method, route template and status: never by concrete path, so
 * no identifier or address reaches the metrics.
 */
@PreMatching
public final class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String STARTED = HttpMetricsFilter.class.getName() + ".started";

  private final MeterRegistry registry;

  public HttpMetricsFilter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, Timer.start(registry));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STARTED) instanceof Timer.Sample sample) {
      sample.stop(Timer.builder("palermo.http.requests")
          .tag("method", request.getMethod())
          .tag("route", route(request))
          .tag("status", Integer.toString(response.getStatus()))
          .register(registry));
    }
  }

  private static String route(ContainerRequestContext request) {
    if (!(request.getUriInfo() instanceof ExtendedUriInfo info)
        || info.getMatchedTemplates().isEmpty()) {
      return "unmatched";
    }
    List<String> templates = new ArrayList<>();
    info.getMatchedTemplates().forEach(t -> templates.add(t.getTemplate()));
    Collections.reverse(templates);
    return String.join("", templates).replace("//", "/");
  }
}
