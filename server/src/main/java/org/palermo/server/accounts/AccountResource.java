package org.palermo.server.accounts;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.HexFormat;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimited;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/** Pseudonymous accounts: register, login parameters, the caller's own account and bundle. */
@Path("api/v1/accounts")
@RequestScoped
public class AccountResource {
  private final AccountService accounts;

  @Inject
  public AccountResource(AccountService accounts) {
    this.accounts = accounts;
  }

  /** The body of a registration. Binary fields are unpadded base64url. */
  public record RegisterRequest(String accountId, String handle, String deviceId, String signingKey,
      String agreementKey, String kdfParameters, String keyBundle, String authenticationKey) {}

  public record AccountView(String accountId, String handle, String deviceId, String signingKey,
      String agreementKey) {
    static AccountView of(Account a) {
      return new AccountView(HexFormat.of().formatHex(a.id()), a.handle(),
          HexFormat.of().formatHex(a.deviceId()), Binary.encode(a.signingKey()),
          Binary.encode(a.agreementKey()));
    }
  }

  public record LoginParametersView(String kdfParameters) {}

  public record KeyBundleView(String kdfParameters, String keyBundle) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @RateLimited(RateLimit.REGISTER_PER_ADDRESS)
  public Response register(RegisterRequest request) {
    if (request == null) {
      throw new InvalidRequestException(null, Text.of("accounts.send-registration"));
    }
    Account account = accounts.register(new AccountService.Registration(
        id128(request.accountId(), "accountId"),
        Handle.parse(request.handle(), "handle"),
        id128(request.deviceId(), "deviceId"),
        Binary.decode(request.signingKey(), "signingKey", 1, 64),
        Binary.decode(request.agreementKey(), "agreementKey", 1, 64),
        Binary.decode(request.kdfParameters(), "kdfParameters", 1, 128),
        Binary.decode(request.keyBundle(), "keyBundle", 64, AccountService.MAX_KEY_BUNDLE),
        Binary.decode(request.authenticationKey(), "authenticationKey",
            AuthenticationVerifier.KEY_LENGTH, AuthenticationVerifier.KEY_LENGTH)));
    return Response.status(Response.Status.CREATED).entity(AccountView.of(account)).build();
  }

  @GET
  @Path("login-parameters")
  @Produces(MediaType.APPLICATION_JSON)
  @RateLimited(RateLimit.LOGIN_PER_ADDRESS)
  public LoginParametersView loginParameters(@QueryParam("handle") String handle) {
    return new LoginParametersView(
        Binary.encode(accounts.loginParameters(Handle.parse(handle, "handle"))));
  }

  @GET
  @Path("me")
  @Produces(MediaType.APPLICATION_JSON)
  public AccountView me(@Context SecurityContext security) {
    return AccountView.of(accounts.find(Caller.require(security)));
  }

  /**
   * Another account's published identity, by handle, for inviting it or comparing its
   * fingerprint. Clients trust it only on first use and through the verification code.
   */
  @GET
  @Path("by-handle/{handle}")
  @Produces(MediaType.APPLICATION_JSON)
  public AccountView byHandle(@PathParam("handle") String handle,
      @Context SecurityContext security) {
    Caller.require(security);
    return AccountView.of(accounts.findByHandle(Handle.parse(handle, "handle")));
  }

  /** Another account's published identity, by id (to name the members a log lists). */
  @GET
  @Path("by-id/{accountId}")
  @Produces(MediaType.APPLICATION_JSON)
  public AccountView byId(@PathParam("accountId") String accountId,
      @Context SecurityContext security) {
    Caller.require(security);
    return AccountView.of(accounts.findById(Ids.path(accountId, "account")).orElseThrow(
        () -> new NotFoundProblemException(Text.of("accounts.no-such-account"))));
  }

  @GET
  @Path("me/key-bundle")
  @Produces(MediaType.APPLICATION_JSON)
  public KeyBundleView keyBundle(@Context SecurityContext security) {
    Account account = accounts.find(Caller.require(security));
    return new KeyBundleView(Binary.encode(account.kdfParameters()),
        Binary.encode(account.keyBundle()));
  }

  private static byte[] id128(String hex, String field) {
    return Ids.field(hex, field);
  }
}
