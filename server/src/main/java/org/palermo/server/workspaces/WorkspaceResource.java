package org.palermo.server.workspaces;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Locale;
import org.palermo.security.membership.Role;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/** Workspaces, their membership log and the caller's invitations. */
@Path("api/v1")
@RequestScoped
public class WorkspaceResource {
  /** An encoded chain entry is at most a 1 MiB payload plus its fixed fields. */
  private static final int MAX_ENTRY = (1 << 20) + 1024;

  private final WorkspaceService workspaces;

  @Inject
  public WorkspaceResource(WorkspaceService workspaces) {
    this.workspaces = workspaces;
  }

  /** A signed membership-log entry, unpadded base64url. */
  public record EntryRequest(String entry) {}

  public record CreatedView(String workspaceId, long headSequence) {}

  public record HeadView(long headSequence) {}

  public record WorkspaceView(String workspaceId, String role, long headSequence,
      long currentEpoch) {}

  public record WorkspaceList(List<WorkspaceView> workspaces) {}

  public record EntriesView(List<String> entries) {}

  public record InvitationView(String invitationId, String workspaceId, String role) {}

  public record InvitationList(List<InvitationView> invitations) {}

  @POST
  @Path("workspaces")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response create(EntryRequest request, @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    WorkspaceRow row = workspaces.create(caller, entry(request));
    return Response.status(Response.Status.CREATED)
        .entity(new CreatedView(Ids.hex(row.id()), row.headSequence())).build();
  }

  @GET
  @Path("workspaces")
  @Produces(MediaType.APPLICATION_JSON)
  public WorkspaceList list(@Context SecurityContext security) {
    return new WorkspaceList(workspaces.list(Caller.require(security)).stream()
        .map(w -> new WorkspaceView(Ids.hex(w.id()), roleName(w.role()), w.headSequence(),
            w.currentEpoch()))
        .toList());
  }

  @GET
  @Path("workspaces/{workspaceId}/membership")
  @Produces(MediaType.APPLICATION_JSON)
  public EntriesView entries(@PathParam("workspaceId") String workspaceId,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    return new EntriesView(workspaces.entries(caller, Ids.path(workspaceId, "workspace"))
        .stream().map(Binary::encode).toList());
  }

  @POST
  @Path("workspaces/{workspaceId}/membership")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public HeadView append(@PathParam("workspaceId") String workspaceId, EntryRequest request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    byte[] id = Ids.path(workspaceId, "workspace");
    return new HeadView(workspaces.append(caller, id, entry(request)));
  }

  /** A workspace name sealed under one epoch's key, unpadded base64url. */
  public record SealedName(long epoch, String sealedName) {}

  public record SealedNames(List<SealedName> names) {}

  @GET
  @Path("workspaces/{workspaceId}/names")
  @Produces(MediaType.APPLICATION_JSON)
  public SealedNames names(@PathParam("workspaceId") String workspaceId,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    return new SealedNames(workspaces.names(caller, Ids.path(workspaceId, "workspace")).stream()
        .map(n -> new SealedName(n.epoch(), Binary.encode(n.sealedName()))).toList());
  }

  @POST
  @Path("workspaces/{workspaceId}/names")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response putName(@PathParam("workspaceId") String workspaceId, SealedName request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    if (request == null) {
      throw new InvalidRequestException(null,
          Text.of("workspaces.send-name", "{\"epoch\": N, \"sealedName\": \"...\"}"));
    }
    workspaces.putName(caller, Ids.path(workspaceId, "workspace"), request.epoch(),
        Binary.decode(request.sealedName(), "sealedName", 1, 2048));
    return Response.noContent().build();
  }

  @GET
  @Path("invitations")
  @Produces(MediaType.APPLICATION_JSON)
  public InvitationList invitations(@Context SecurityContext security) {
    return new InvitationList(workspaces.invitations(Caller.require(security)).stream()
        .map(i -> new InvitationView(Ids.hex(i.id()), Ids.hex(i.workspaceId()),
            roleName(i.role())))
        .toList());
  }

  static String roleName(int code) {
    return Role.fromCode(code).name().toLowerCase(Locale.ROOT);
  }

  private static byte[] entry(EntryRequest request) {
    if (request == null) {
      throw new InvalidRequestException(null,
          Text.of("workspaces.send-entry", "{\"entry\": \"<base64url>\"}"));
    }
    return Binary.decode(request.entry(), "entry", 1, MAX_ENTRY);
  }
}
