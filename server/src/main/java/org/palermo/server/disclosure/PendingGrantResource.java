package org.palermo.server.disclosure;

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
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.palermo.security.keys.Identity;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/**
 * Keys a workspace's States-only documents still owe to State accounts certified after the
 * level was set, and the grants a member's client makes to pay them.
 */
@Path("api/v1/workspaces/{workspaceId}/pending-grants")
@RequestScoped
public class PendingGrantResource {
  private final DisclosureService disclosures;

  @Inject
  public PendingGrantResource(DisclosureService disclosures) {
    this.disclosures = disclosures;
  }

  public record PendingView(String documentId, long version, long disclosureSequence,
      String accountId, String deviceId, String handle, String state) {
    static PendingView of(DisclosureService.Pending p) {
      Identity id = p.certificate().certificate().identity();
      return new PendingView(Ids.hex(p.documentId()), p.version(), p.disclosureSequence(),
          id.account().toString(), id.device().toString(),
          p.certificate().certificate().handle(), p.certificate().certificate().state().alpha3());
    }
  }

  public record PendingList(List<PendingView> pending) {}

  public record GrantsRequest(List<DisclosureResource.GrantView> grants) {}

  public record FulfilledView(int added) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public PendingList pending(@PathParam("workspaceId") String workspaceId,
      @Context SecurityContext security) {
    return new PendingList(disclosures.pending(Caller.require(security),
        Ids.path(workspaceId, "workspace")).stream().map(PendingView::of).toList());
  }

  @POST
  @Path("{documentId}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public FulfilledView fulfil(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId, GrantsRequest request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    if (request == null || request.grants() == null || request.grants().isEmpty()) {
      throw new InvalidRequestException("grants",
          Text.of("disclosure.send-grants", "{\"grants\": [...]}"));
    }
    return new FulfilledView(disclosures.fulfil(caller, Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document"), DisclosureResource.grants(request.grants())));
  }
}
