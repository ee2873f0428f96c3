package org.palermo.server.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;

/**
 * Counts and times requests by method, route template and status: never by concrete path, so
 * no identifier or address reaches the metrics. The time runs until the response body is
 * written (for a JSON list, its serialisation counts), and is a histogram, so percentiles can
 * be read from {@code palermo_http_requests_seconds_bucket}.
 */
@PreMatching
public final class HttpMetricsFilter
    implements ContainerRequestFilter, ContainerResponseFilter, WriterInterceptor {
  private static final String STARTED = HttpMetricsFilter.class.getName() + ".started";
  private static final String TIMER = HttpMetricsFilter.class.getName() + ".timer";

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
    if (!(request.getProperty(STARTED) instanceof Timer.Sample sample)) {
      return;
    }
    Timer timer = Timer.builder("palermo.http.requests")
        .tag("method", request.getMethod())
        .tag("route", route(request))
        .tag("status", Integer.toString(response.getStatus()))
        .publishPercentileHistogram()
        .serviceLevelObjectives(Duration.ofMillis(50))
        .register(registry);
    if (response.hasEntity()) {
      request.setProperty(TIMER, timer); // stopped once the body is written
    } else {
      request.removeProperty(STARTED);
      sample.stop(timer);
    }
  }

  @Override
  public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
    try {
      context.proceed();
    } finally {
      if (context.getProperty(STARTED) instanceof Timer.Sample sample
          && context.getProperty(TIMER) instanceof Timer timer) {
        context.removeProperty(STARTED);
        sample.stop(timer);
      }
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
