package org.palermo.server.documents;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/**
 * The sealed streams of a new version, sent in runs from the offset the server has; then the
 * completion that makes the version current.
 */
@Path("api/v1/uploads/{uploadId}")
@RequestScoped
public class UploadResource {
  /** Routes whose body is a sealed stream, exempt from the JSON body limit. */
  public static final String STREAM_PATH = "api/v1/uploads/[0-9a-f]{32}/(content|original)";

  private final UploadService uploads;

  @Inject
  public UploadResource(UploadService uploads) {
    this.uploads = uploads;
  }

  public record UploadView(String uploadId, long version, long contentLength,
      long contentReceived, long originalLength, long originalReceived, boolean complete) {
    static UploadView of(UploadService.Status s) {
      return new UploadView(Ids.hex(s.uploadId()), s.version(), s.contentLength(),
          s.contentReceived(), s.originalLength(), s.originalReceived(), s.complete());
    }
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public UploadView status(@PathParam("uploadId") String uploadId,
      @Context SecurityContext security) {
    return UploadView.of(uploads.status(Caller.require(security),
        Ids.path(uploadId, "upload")));
  }

  @PUT
  @Path("{stream}")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  @Produces(MediaType.APPLICATION_JSON)
  public UploadView receive(@PathParam("uploadId") String uploadId,
      @PathParam("stream") String stream, @QueryParam("offset") String offset, InputStream body,
      @Context SecurityContext security) throws IOException {
    Caller caller = Caller.require(security);
    return UploadView.of(uploads.receive(caller, Ids.path(uploadId, "upload"),
        SealedStream.fromPath(stream), offset(offset), body));
  }

  private static long offset(String text) {
    try {
      long value = text == null ? -1 : Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new InvalidRequestException("offset", Text.of("documents.offset-required"));
  }

  @POST
  @Path("complete")
  @Produces(MediaType.APPLICATION_JSON)
  public UploadView complete(@PathParam("uploadId") String uploadId,
      @Context SecurityContext security) throws IOException {
    return UploadView.of(uploads.complete(Caller.require(security),
        Ids.path(uploadId, "upload")));
  }
}
