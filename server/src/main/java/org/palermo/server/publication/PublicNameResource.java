package org.palermo.server.publication;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;

/** The name a workspace shows beside what it publishes (owners set or clear it). */
@Path("api/v1/workspaces/{workspaceId}/public-name")
@RequestScoped
public class PublicNameResource {
  private final PublicationService publications;

  @Inject
  public PublicNameResource(PublicationService publications) {
    this.publications = publications;
  }

  /** {@code name} null or blank clears it. */
  public record PublicNameRequest(String name) {}

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("workspaceId") String workspaceId, PublicNameRequest request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    publications.setPublicName(caller, Ids.path(workspaceId, "workspace"),
        request == null ? null : request.name());
    return Response.noContent().build();
  }
}
