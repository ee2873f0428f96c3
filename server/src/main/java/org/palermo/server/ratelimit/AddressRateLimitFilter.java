package org.palermo.server.ratelimit;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;

/**
 * Applies the per-address limit to every request before anything else runs. The source address
 * is read here and handed only to the in-memory {@link RateLimiter}; nothing else keeps it.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class AddressRateLimitFilter implements ContainerRequestFilter {
  /** The request property that carries the source address to {@link RateLimitedFeature}. */
  static final String SOURCE_ADDRESS = AddressRateLimitFilter.class.getName() + ".address";

  private final RateLimiter limiter;

  @Context private HttpServletRequest servletRequest;

  public AddressRateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String address = servletRequest.getRemoteAddr();
    // Held for the route limits of this request only; the request object is gone after it.
    request.setProperty(SOURCE_ADDRESS, address);
    limiter.acquire(RateLimit.API_PER_ADDRESS, address);
  }
}
