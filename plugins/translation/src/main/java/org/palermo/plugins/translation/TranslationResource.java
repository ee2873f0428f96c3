package org.palermo.plugins.translation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** The translation routes, under {@code /api/v1/plugins/translation/}. */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class TranslationResource {
  private final TranslationService service;
  private final Glossary.Reference glossary;
  private final PluginContext context;

  TranslationResource(TranslationService service, Glossary.Reference glossary,
      PluginContext context) {
    this.service = service;
    this.glossary = glossary;
    this.context = context;
  }

  /** A translation to link to a version of its source. */
  public record NewLink(String source, Long sourceVersion, String translation,
      String sourceLanguage, String language, String machineEngine) {}

  /** A request for translations of a document. */
  public record NewRequest(String source, List<String> languages, String due, String assignee) {}

  /** A request's new status. */
  public record NewStatus(String status) {}

  @GET
  @Path("glossary")
  public Glossary.Reference glossary() {
    return glossary;
  }

  @GET
  @Path("workspaces/{ws}/versions")
  public List<TranslationService.Version> versions(@PathParam("ws") String ws,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    return service.versions(security.getUserPrincipal(), ws, texts(headers));
  }

  @POST
  @Path("workspaces/{ws}/versions")
  @Consumes(MediaType.APPLICATION_JSON)
  public TranslationService.Version link(@PathParam("ws") String ws, NewLink body,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    PluginText texts = texts(headers);
    NewLink b = body(body, texts);
    return service.link(security.getUserPrincipal(), ws, b.source(), b.sourceVersion(),
        b.translation(), b.sourceLanguage(), b.language(), b.machineEngine(), texts);
  }

  @DELETE
  @Path("workspaces/{ws}/versions/{translation}")
  public void unlink(@PathParam("ws") String ws, @PathParam("translation") String translation,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    service.unlink(security.getUserPrincipal(), ws, translation, texts(headers));
  }

  @GET
  @Path("workspaces/{ws}/requests")
  public List<TranslationService.Request> requests(@PathParam("ws") String ws,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    return service.requests(security.getUserPrincipal(), ws, texts(headers));
  }

  @POST
  @Path("workspaces/{ws}/requests")
  @Consumes(MediaType.APPLICATION_JSON)
  public List<TranslationService.Request> request(@PathParam("ws") String ws, NewRequest body,
      @Context SecurityContext security, @Context HttpHeaders headers) throws SQLException {
    PluginText texts = texts(headers);
    NewRequest b = body(body, texts);
    return service.request(security.getUserPrincipal(), ws, b.source(), b.languages(), b.due(),
        b.assignee(), texts);
  }

  @PUT
  @Path("workspaces/{ws}/requests/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public TranslationService.Request status(@PathParam("ws") String ws,
      @PathParam("id") String id, NewStatus body, @Context SecurityContext security,
      @Context HttpHeaders headers) throws SQLException {
    PluginText texts = texts(headers);
    return service.setStatus(security.getUserPrincipal(), ws, id, body(body, texts).status(),
        texts);
  }

  /** Texts in the caller's language. */
  private PluginText texts(HttpHeaders headers) {
    return PluginText.of(context, headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
  }

  private static <T> T body(T body, PluginText texts) {
    if (body == null) {
      throw texts.problem(400, "translation.send-json");
    }
    return body;
  }
}
