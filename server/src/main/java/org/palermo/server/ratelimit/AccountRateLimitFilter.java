package org.palermo.server.ratelimit;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.security.Principal;

/** Applies the per-account limit once authentication has named the caller. */
@Priority(Priorities.AUTHORIZATION)
public final class AccountRateLimitFilter implements ContainerRequestFilter {
  private final RateLimiter limiter;

  public AccountRateLimitFilter(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    if (principal != null) {
      limiter.acquire(RateLimit.API_PER_ACCOUNT, principal.getName());
    }
  }
}
