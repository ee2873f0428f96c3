package org.palermo.plugins.dialogue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.List;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;

/**
 * The dialogues' routes, under {@code /api/v1/plugins/dialogue-registration/}. What a person
 * reads (problems' details, the history's notes) is in the request's {@code Accept-Language}
 * language among the six UN languages, English otherwise.
 */
@Path("dialogues")
@Produces(MediaType.APPLICATION_JSON)
public class DialogueResource {
  private final DialogueService service;
  private final PluginContext context;

  DialogueResource(DialogueService service, PluginContext context) {
    this.service = service;
    this.context = context;
  }

  /** What the Secretariat sends to convene a dialogue. */
  public record NewDialogue(String workingGroup, String date, Integer minimum) {}

  /** What an organization sends to register. */
  public record NewRegistration(String workspace, String organization,
      List<String> representatives) {}

  /** A State's objection. */
  public record NewObjection(String reason) {}

  /** The Bureau's decision. */
  public record Decision(String decision, String reason) {}

  /** Written comments: a document of the workspace. */
  public record Comments(String document) {}

  /** The chair's summary. */
  public record ChairSummary(String text) {}

  private PluginText messages(HttpHeaders headers) {
    return PluginText.of(context, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
  }

  private static <T> T body(PluginText m, T body) {
    if (body == null) {
      throw m.problem(400, "dialogue.send-json");
    }
    return body;
  }

  @GET
  public List<DialogueService.Summary> list() throws SQLException {
    return service.list();
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public DialogueService.Summary create(NewDialogue body, @Context SecurityContext security,
      @Context HttpHeaders headers) throws SQLException {
    PluginText m = messages(headers);
    NewDialogue b = body(m, body);
    return service.create(m, security.getUserPrincipal(), b.workingGroup(), b.date(),
        b.minimum());
  }

  @GET
  @Path("{id}")
  public DialogueService.Detail get(@PathParam("id") String id,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    return service.get(messages(headers), security.getUserPrincipal(), id);
  }

  @POST
  @Path("{id}/registrations")
  @Consumes(MediaType.APPLICATION_JSON)
  public DialogueService.Own register(@PathParam("id") String id, NewRegistration body,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    PluginText m = messages(headers);
    NewRegistration b = body(m, body);
    return service.register(m, security.getUserPrincipal(), id, String.valueOf(b.workspace()),
        b.organization(), b.representatives());
  }

  @GET
  @Path("{id}/registrations/{ws}")
  public DialogueService.Own own(@PathParam("id") String id, @PathParam("ws") String ws,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    return service.own(messages(headers), security.getUserPrincipal(), id, ws);
  }

  @POST
  @Path("{id}/registrations/{ws}/objections")
  @Consumes(MediaType.APPLICATION_JSON)
  public DialogueService.Applicant object(@PathParam("id") String id, @PathParam("ws") String ws,
      NewObjection body, @Context SecurityContext security, @Context HttpHeaders headers)
      throws SQLException {
    PluginText m = messages(headers);
    return service.object(m, security.getUserPrincipal(), id, ws, body(m, body).reason());
  }

  @POST
  @Path("{id}/registrations/{ws}/decision")
  @Consumes(MediaType.APPLICATION_JSON)
  public DialogueService.Applicant decide(@PathParam("id") String id, @PathParam("ws") String ws,
      Decision body, @Context SecurityContext security, @Context HttpHeaders headers)
      throws SQLException {
    PluginText m = messages(headers);
    Decision b = body(m, body);
    return service.decide(m, security.getUserPrincipal(), id, ws, b.decision(), b.reason());
  }

  @PUT
  @Path("{id}/registrations/{ws}/comments")
  @Consumes(MediaType.APPLICATION_JSON)
  public DialogueService.Own comment(@PathParam("id") String id, @PathParam("ws") String ws,
      Comments body, @Context SecurityContext security, @Context HttpHeaders headers)
      throws SQLException {
    PluginText m = messages(headers);
    return service.comment(m, security.getUserPrincipal(), id, ws, body(m, body).document());
  }

  @POST
  @Path("{id}/not-convened")
  public DialogueService.Summary callOff(@PathParam("id") String id,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    return service.callOff(messages(headers), security.getUserPrincipal(), id);
  }

  @PUT
  @Path("{id}/summary")
  @Consumes(MediaType.APPLICATION_JSON)
  public DialogueService.Summary summary(@PathParam("id") String id, ChairSummary body,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    PluginText m = messages(headers);
    return service.attachSummary(m, security.getUserPrincipal(), id, body(m, body).text());
  }
}
