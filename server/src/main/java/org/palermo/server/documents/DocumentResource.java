package org.palermo.server.documents;

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
import org.palermo.server.errors.NotFoundProblemException;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/** A workspace's documents: lists, versions, new versions and the sealed bytes. */
@Path("api/v1/workspaces/{workspaceId}/documents")
@RequestScoped
public class DocumentResource {
  private static final byte[] FIRST = new byte[16];

  private final DocumentService documents;
  private final DocumentListing listing;
  private final UploadService uploads;

  @Inject
  public DocumentResource(DocumentService documents, DocumentListing listing,
      UploadService uploads) {
    this.documents = documents;
    this.listing = listing;
    this.uploads = uploads;
  }

  /** A new version: the signed manifest and, unless it is a removal, the sealed metadata. */
  public record NewVersionRequest(String manifest, String signature, String metadata) {}

  public record VersionList(List<VersionView> versions) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public byte[] list(@PathParam("workspaceId") String workspaceId,
      @QueryParam("after") String after, @QueryParam("limit") String limit,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    int size = limit == null ? 200 : parseLimit(limit);
    if (size < 1 || size > DocumentService.MAX_PAGE) {
      throw new InvalidRequestException("limit",
          Text.of("documents.limit-range", DocumentService.MAX_PAGE));
    }
    byte[] from = after == null ? FIRST : Ids.field(after, "after");
    return listing.page(caller, Ids.path(workspaceId, "workspace"), from, size);
  }

  @GET
  @Path("{documentId}/versions")
  @Produces(MediaType.APPLICATION_JSON)
  public VersionList versions(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId, @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    return new VersionList(documents.versions(caller, Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document")).stream().map(VersionView::of).toList());
  }

  @POST
  @Path("{documentId}/versions")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response put(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId, NewVersionRequest request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    if (request == null) {
      throw new InvalidRequestException(null, Text.of("documents.send-new-version",
          "{\"manifest\", \"signature\", \"metadata\"}"));
    }
    UploadService.Status status = uploads.begin(caller, Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document"), Binary.decode(request.manifest(), "manifest", 1, 2048),
        Binary.decode(request.signature(), "signature", 64, 64),
        request.metadata() == null ? null
            : Binary.decode(request.metadata(), "metadata", 1, UploadService.MAX_METADATA));
    return Response.status(Response.Status.CREATED).entity(UploadResource.UploadView.of(status))
        .build();
  }

  @GET
  @Path("{documentId}/versions/{version}/{stream}")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response content(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId, @PathParam("version") String version,
      @PathParam("stream") String stream, @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    SealedStream which = SealedStream.fromPath(stream);
    VersionRow row = documents.version(caller, Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document"), versionNumber(version), which);
    return SealedResponse.of(documents.open(row, which), which.length(row));
  }

  private static int parseLimit(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long versionNumber(String text) {
    try {
      long v = Long.parseLong(text);
      if (v >= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new NotFoundProblemException(Text.of("documents.no-version-number"));
  }
}
