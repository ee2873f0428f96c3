package org.palermo.server.ratelimit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;

/** Gives every {@link RateLimited} route a filter that takes from its per-address buckets. */
public final class RateLimitedFeature implements DynamicFeature {
  private final RateLimiter limiter;

  public RateLimitedFeature(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    RateLimited annotation = resource.getResourceMethod().getAnnotation(RateLimited.class);
    if (annotation == null) {
      return;
    }
    List<RateLimit> limits = List.of(annotation.value());
    for (RateLimit limit : limits) {
      if (limit.scope() != RateLimit.Scope.ADDRESS) {
        throw new IllegalStateException(
            limit + " is not counted by address: the service applies it");
      }
    }
    context.register(new RouteLimitFilter(limiter, limits));
  }

  @Priority(Priorities.AUTHENTICATION - 50)
  static final class RouteLimitFilter implements ContainerRequestFilter {
    private final RateLimiter limiter;
    private final List<RateLimit> limits;

    RouteLimitFilter(RateLimiter limiter, List<RateLimit> limits) {
      this.limiter = limiter;
      this.limits = limits;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      String address = (String) request.getProperty(AddressRateLimitFilter.SOURCE_ADDRESS);
      for (RateLimit limit : limits) {
        limiter.acquire(limit, address);
      }
    }
  }
}
