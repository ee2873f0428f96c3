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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;

/**
 * The checklists' routes, under {@code /api/v1/plugins/cluster-checklist/}: the reference data,
 * and per workspace its review profile, its schedule, and its checklists and their items.
 * What a person reads (problems' details, titles and labels) is in the request's
 * {@code Accept-Language} language among the six UN languages, English otherwise.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ChecklistResource {
  private final ChecklistService service;
  private final PluginContext context;

  ChecklistResource(ChecklistService service, PluginContext context) {
    this.service = service;
    this.context = context;
  }

  private PluginText messages(HttpHeaders headers) {
    return PluginText.of(context, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
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
    ReviewProfile toProfile(PluginText m) {
      if (state == null || instruments == null || partyToUncac == null || group == null
          || startYear == null) {
        throw m.problem(400, "checklist.profile-incomplete");
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
  public Profile profile(@PathParam("ws") String ws, @Context SecurityContext security,
      @Context HttpHeaders headers) throws SQLException {
    PluginText m = messages(headers);
    return service.profile(m, security.getUserPrincipal(), ws).map(Profile::of)
        .orElseThrow(() -> m.problem(404, "checklist.no-profile"));
  }

  @PUT
  @Path("workspaces/{ws}/profile")
  @Consumes(MediaType.APPLICATION_JSON)
  public Profile saveProfile(@PathParam("ws") String ws, Profile body,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    PluginText m = messages(headers);
    if (body == null) {
      throw m.problem(400, "checklist.send-profile");
    }
    return Profile.of(service.saveProfile(m, security.getUserPrincipal(), ws,
        body.toProfile(m)));
  }

  @GET
  @Path("workspaces/{ws}/schedule")
  public ChecklistService.Schedule schedule(@PathParam("ws") String ws,
      @QueryParam("year") Integer year, @QueryParam("calendarYear") Integer calendarYear,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    return service.schedule(messages(headers), security.getUserPrincipal(), ws, year,
        calendarYear);
  }

  @POST
  @Path("workspaces/{ws}/checklists/{checklist}")
  public ChecklistService.Checklist start(@PathParam("ws") String ws,
      @PathParam("checklist") String checklist, @Context SecurityContext security,
      @Context HttpHeaders headers) throws SQLException {
    return service.start(messages(headers), security.getUserPrincipal(), ws, checklist);
  }

  @GET
  @Path("workspaces/{ws}/checklists/{checklist}")
  public ChecklistService.Checklist get(@PathParam("ws") String ws,
      @PathParam("checklist") String checklist, @Context SecurityContext security,
      @Context HttpHeaders headers) throws SQLException {
    return service.get(messages(headers), security.getUserPrincipal(), ws, checklist);
  }

  @PATCH
  @Path("workspaces/{ws}/checklists/{checklist}/items/{item}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Item change(@PathParam("ws") String ws, @PathParam("checklist") String checklist,
      @PathParam("item") String item, ChecklistService.ItemChange body,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    PluginText m = messages(headers);
    if (body == null) {
      throw m.problem(400, "checklist.send-change");
    }
    return service.change(m, security.getUserPrincipal(), ws, checklist, item, body);
  }
}
