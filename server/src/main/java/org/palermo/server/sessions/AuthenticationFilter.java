package org.palermo.server.sessions;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.palermo.server.errors.AuthenticationRequiredException;
import org.palermo.text.Text;

/**
 * Reads {@code Authorization: Bearer <token>}. A request without it goes on anonymous (routes
 * that need a caller say so with {@link Caller#require}); one with a dead or malformed token is
 * a 401 at once, so a client learns its session ended.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
  private static final String BEARER = "Bearer ";

  private final SessionService sessions;

  public AuthenticationFilter(SessionService sessions) {
    this.sessions = sessions;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new AuthenticationRequiredException(
          Text.of("sessions.send-bearer", Caller.BEARER_HEADER));
    }
    Caller caller = sessions.authenticate(header.substring(BEARER.length()).strip())
        .orElseThrow(() -> new AuthenticationRequiredException(
            Text.of("sessions.expired")));
    SecurityContext original = request.getSecurityContext();
    request.setSecurityContext(new SecurityContext() {
      @Override
      public Principal getUserPrincipal() {
        return caller;
      }

      @Override
      public boolean isUserInRole(String role) {
        return false;
      }

      @Override
      public boolean isSecure() {
        return original.isSecure();
      }

      @Override
      public String getAuthenticationScheme() {
        return "Bearer";
      }
    });
  }
}
