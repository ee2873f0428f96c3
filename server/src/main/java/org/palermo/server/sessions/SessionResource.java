package org.palermo.server.sessions;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.palermo.server.accounts.AccountService;
import org.palermo.server.accounts.Handle;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.http.Binary;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimited;
import org.palermo.text.Text;

/** Log in, list and end sessions. */
@Path("api/v1/sessions")
@RequestScoped
public class SessionResource {
  private final AccountService accounts;
  private final SessionService sessions;

  @Inject
  public SessionResource(AccountService accounts, SessionService sessions) {
    this.accounts = accounts;
    this.sessions = sessions;
  }

  public record LoginRequest(String handle, String authenticationKey) {}

  public record LoginView(String token, String sessionId, String expiresAt) {}

  public record SessionView(String sessionId, String createdAt, String lastUsedAt,
      String expiresAt, boolean current) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RateLimited(RateLimit.LOGIN_PER_ADDRESS)
  public Response login(LoginRequest request) {
    if (request == null) {
      throw new InvalidRequestException(null, Text.of("sessions.send-login"));
    }
    var issued = accounts.login(Handle.parse(request.handle(), "handle"),
        Binary.decode(request.authenticationKey(), "authenticationKey", 32, 32));
    return Response.status(Response.Status.CREATED).entity(new LoginView(issued.token(),
        HexFormat.of().formatHex(issued.session().id()),
        issued.session().expiresAt() + "Z")).build();
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<SessionView> list(@Context SecurityContext security) {
    Caller caller = Caller.require(security);
    return sessions.list(caller).stream().map(s -> new SessionView(
        HexFormat.of().formatHex(s.id()), s.createdAt() + "Z", s.lastUsedAt() + "Z",
        s.expiresAt() + "Z", Arrays.equals(s.id(), caller.sessionId()))).toList();
  }

  @DELETE
  @Path("current")
  public Response logout(@Context SecurityContext security) {
    sessions.logout(Caller.require(security));
    return Response.noContent().build();
  }

  @DELETE
  @Path("{sessionId}")
  public Response revoke(@Context SecurityContext security,
      @PathParam("sessionId") String sessionId) {
    Caller caller = Caller.require(security);
    if (sessionId == null || !sessionId.matches("[0-9a-f]{32}")) {
      throw new NotFoundProblemException(Text.of("sessions.no-such-session"));
    }
    sessions.revoke(caller, HexFormat.of().parseHex(sessionId));
    return Response.noContent().build();
  }
}
