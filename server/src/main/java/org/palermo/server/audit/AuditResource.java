package org.palermo.server.audit;

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
import java.util.List;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/** A workspace's audit log: members read it and append the entries their clients sign. */
@Path("api/v1/workspaces/{workspaceId}/audit")
@RequestScoped
public class AuditResource {
  /** Largest entry: grants to 1,000 accounts are about 16 KiB signed. */
  static final int MAX_ENTRY = 20_000;

  private final AuditService audit;

  @Inject
  public AuditResource(AuditService audit) {
    this.audit = audit;
  }

  public record EntryRequest(String entry) {}

  public record AuditView(String serverKey, List<String> entries) {}

  public record AppendedView(long sequence) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public AuditView entries(@PathParam("workspaceId") String workspaceId,
      @QueryParam("from") String from, @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    return new AuditView(Binary.encode(audit.serverKey().encode()),
        audit.entries(caller, Ids.path(workspaceId, "workspace"), parseFrom(from)).stream()
            .map(Binary::encode).toList());
  }

  private static long parseFrom(String text) {
    if (text == null) {
      return 0;
    }
    try {
      long from = Long.parseLong(text);
      if (from >= 0) {
        return from;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidRequestException("from", Text.of("audit.from-invalid"));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response append(@PathParam("workspaceId") String workspaceId, EntryRequest request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    if (request == null) {
      throw new InvalidRequestException(null,
          Text.of("audit.send-entry", "{\"entry\": \"<base64url>\"}"));
    }
    long sequence = audit.append(caller, Ids.path(workspaceId, "workspace"),
        Binary.decode(request.entry(), "entry", 1, MAX_ENTRY));
    return Response.status(Response.Status.CREATED).entity(new AppendedView(sequence)).build();
  }
}
