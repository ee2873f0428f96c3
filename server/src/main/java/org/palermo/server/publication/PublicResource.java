package org.palermo.server.publication;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.palermo.server.accounts.Account;
import org.palermo.server.documents.DocumentService;
import org.palermo.server.documents.SealedResponse;
import org.palermo.server.documents.SealedStream;
import org.palermo.server.documents.VersionRow;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.text.Text;

/**
 * What workspaces published, for anyone, without an account: the index, each published version
 * with its released key, and its sealed content. Readers' clients verify and open them; the
 * server opens nothing.
 */
@Path("api/v1/public")
@RequestScoped
public class PublicResource {
  /** Most rows in one page of the index. */
  static final int MAX_LIMIT = 100;

  private final PublicationService publications;
  private final DocumentService documents;

  @Inject
  public PublicResource(PublicationService publications, DocumentService documents) {
    this.publications = publications;
    this.documents = documents;
  }

  /** An account's public keys as the server serves them; ids in hex, keys base64url. */
  public record PersonView(String accountId, String handle, String deviceId, String signingKey,
      String agreementKey) {
    static PersonView of(Account a) {
      return new PersonView(Ids.hex(a.id()), a.handle(), Ids.hex(a.deviceId()),
          Binary.encode(a.signingKey()), Binary.encode(a.agreementKey()));
    }
  }

  /** A published version; {@code key} is the released document key of that version. */
  public record PublishedView(String workspaceId, String documentId, long version, long epoch,
      String publishedOn, String publicName, String manifest, String signature, String metadata,
      String key, String disclosure, PersonView author, PersonView discloser) {
    static PublishedView of(PublicationService.Published p) {
      PublicRow r = p.row();
      return new PublishedView(Ids.hex(r.workspaceId()), Ids.hex(r.documentId()), r.version(),
          r.epoch(), r.publishedOn().toString(), r.publicName(), Binary.encode(r.manifest()),
          Binary.encode(r.signature()), Binary.encode(r.metadata()),
          Binary.encode(r.documentKey()), Binary.encode(r.disclosure()),
          PersonView.of(p.author()), PersonView.of(p.discloser()));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IndexView(List<PublishedView> documents, String next) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public IndexView index(@QueryParam("after") String after, @QueryParam("limit") String limit) {
    int n = parseLimit(limit);
    PublicationService.Page page = publications.index(PublicationService.Cursor.parse(after), n);
    return new IndexView(page.rows().stream()
        .map(r -> PublishedView.of(publications.withAccounts(r))).toList(),
        page.next().map(PublicationService.Cursor::toString).orElse(null));
  }

  @GET
  @Path("{workspaceId}/{documentId}")
  @Produces(MediaType.APPLICATION_JSON)
  public PublishedView published(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId) {
    return PublishedView.of(publications.find(Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document")));
  }

  @GET
  @Path("{workspaceId}/{documentId}/content")
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public Response content(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId) {
    VersionRow row = publications.publishedVersion(Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document"));
    return SealedResponse.of(documents.open(row, SealedStream.CONTENT),
        SealedStream.CONTENT.length(row));
  }

  private static int parseLimit(String text) {
    if (text == null) {
      return 50;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidRequestException("limit", Text.of("publication.limit-range", MAX_LIMIT));
  }
}
