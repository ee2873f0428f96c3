package org.palermo.plugins.checklist;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.palermo.plugin.api.PluginProblem;

/**
 * The checklists' routes, under {@code /api/v1/plugins/cluster-checklist/}: the reference data,
 * and per workspace its review profile, its schedule, and its checklists and their items.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ChecklistResource {
  private final ChecklistService service;

  ChecklistResource(ChecklistService service) {
    this.service = service;
  }

  /** The reference data as the plugin uses it (the operator's file, if there is one). */
  public record Reference(Map<String, String> instruments, Map<Integer, String> clusters,
      List<ReferenceData.Article> articles, Map<String, Integer> schedule,
      List<ReferenceData.Step> actionPlan) {}

  @GET
  @Path("reference")
  public Reference reference() {
    ReferenceData d = service.reference();
    return new Reference(d.instruments(), d.clusters(), d.articles(), Map.of(
        "preparatoryYears", d.preparatoryYears(), "phaseYears", d.phaseYears(),
        "groups", d.groups()), d.steps());
  }

  /** A review profile as the API takes and gives it. */
  public record Profile(String state, List<String> instruments, Boolean partyToUncac,
      Integer group, Integer startYear) {
    ReviewProfile toProfile() {
      if (state == null || instruments == null || partyToUncac == null || group == null
          || startYear == null) {
        throw new PluginProblem(400, "A profile has state, instruments, partyToUncac, group"
            + " and startYear.");
      }
      return new ReviewProfile(state.strip(), new HashSet<>(instruments), partyToUncac, group,
          startYear);
    }

    static Profile of(ReviewProfile p) {
      return new Profile(p.state(), p.instruments().stream().sorted().toList(),
          p.partyToUncac(), p.group(), p.startYear());
    }
  }

  @GET
  @Path("workspaces/{ws}/profile")
  public Profile profile(@PathParam("ws") String ws, @Context SecurityContext security)
      throws SQLException {
    return service.profile(security.getUserPrincipal(), ws).map(Profile::of)
        .orElseThrow(() -> new PluginProblem(404, "The workspace has no review profile yet."));
  }

  @PUT
  @Path("workspaces/{ws}/profile")
  @Consumes(MediaType.APPLICATION_JSON)
  public Profile saveProfile(@PathParam("ws") String ws, Profile body,
      @Context SecurityContext security) throws SQLException {
    if (body == null) {
      throw new PluginProblem(400, "Send the profile as JSON.");
    }
    return Profile.of(service.saveProfile(security.getUserPrincipal(), ws, body.toProfile()));
  }

  @GET
  @Path("workspaces/{ws}/schedule")
  public ChecklistService.Schedule schedule(@PathParam("ws") String ws,
      @QueryParam("year") Integer year, @QueryParam("calendarYear") Integer calendarYear,
      @Context SecurityContext security) throws SQLException {
    return service.schedule(security.getUserPrincipal(), ws, year, calendarYear);
  }

  @POST
  @Path("workspaces/{ws}/checklists/{checklist}")
  public ChecklistService.Checklist start(@PathParam("ws") String ws,
      @PathParam("checklist") String checklist, @Context SecurityContext security)
      throws SQLException {
    return service.start(security.getUserPrincipal(), ws, checklist);
  }

  @GET
  @Path("workspaces/{ws}/checklists/{checklist}")
  public ChecklistService.Checklist get(@PathParam("ws") String ws,
      @PathParam("checklist") String checklist, @Context SecurityContext security)
      throws SQLException {
    return service.get(security.getUserPrincipal(), ws, checklist);
  }

  @PATCH
  @Path("workspaces/{ws}/checklists/{checklist}/items/{item}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Item change(@PathParam("ws") String ws, @PathParam("checklist") String checklist,
      @PathParam("item") String item, ChecklistService.ItemChange body,
      @Context SecurityContext security) throws SQLException {
    if (body == null) {
      throw new PluginProblem(400, "Send the change as JSON.");
    }
    return service.change(security.getUserPrincipal(), ws, checklist, item, body);
  }
}
