package org.palermo.server.sessions;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.HexFormat;
import org.palermo.server.errors.AuthenticationRequiredException;

/** The authenticated account behind a request, and the session it used. */
public record Caller(byte[] accountId, byte[] sessionId) implements Principal {
  /** The account id in hex: what rate limits count by. */
  @Override
  public String getName() {
    return HexFormat.of().formatHex(accountId);
  }

  /** The caller of a route that needs one; a 401 otherwise. */
  public static Caller require(SecurityContext context) {
    if (context != null && context.getUserPrincipal() instanceof Caller caller) {
      return caller;
    }
    throw new AuthenticationRequiredException(
        "This needs a session: log in, then send its token as 'Authorization: Bearer <token>'.");
  }
}
