package org.palermo.plugins.example;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.Map;
import org.palermo.plugin.api.WorkspaceViews;

/** A workspace's activity counts, for its members only (anyone else: 404, as the core does). */
@Path("activity/{workspaceId}")
public class ActivityResource {
  private final WorkspaceViews views;
  private final ActivityStore store;

  ActivityResource(WorkspaceViews views, ActivityStore store) {
    this.views = views;
    this.store = store;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Long> activity(@PathParam("workspaceId") String workspaceId,
      @Context SecurityContext security) throws SQLException {
    String caller = security.getUserPrincipal().getName();
    if (!workspaceId.matches("[0-9a-f]{32}") || views.roleOf(workspaceId, caller).isEmpty()) {
      throw new NotFoundException("No such workspace, or you are not a member of it.");
    }
    return store.counts(workspaceId);
  }
}
