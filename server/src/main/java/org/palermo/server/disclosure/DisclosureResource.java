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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;
import org.palermo.text.Text;

/** A document's disclosure log, and the keys its States-only level gives State accounts. */
@Path("api/v1/workspaces/{workspaceId}/documents/{documentId}/disclosure")
@RequestScoped
public class DisclosureResource {
  /** Largest entry: a change naming 250 States is under 1.2 KiB signed. */
  static final int MAX_ENTRY = 4096;
  /** Most grants in one change: every certified account of every State, with room. */
  static final int MAX_GRANTS = 2000;

  /** A released document key. */
  static final int KEY_LENGTH = 32;

  private final DisclosureService disclosures;

  @Inject
  public DisclosureResource(DisclosureService disclosures) {
    this.disclosures = disclosures;
  }

  /** A document key wrapped to one device of a State account; ids in hex, bytes base64url. */
  public record GrantView(String accountId, String deviceId, long version, String wrapped) {}

  /**
   * A signed change and, for a States-only level, the grants it comes with; for a public level,
   * {@code release}: the published version's key (base64url, 32 bytes), served to anyone.
   */
  public record ChangeRequest(String entry, List<GrantView> grants, String release) {}

  public record EntriesView(List<String> entries) {}

  public record AppendedView(long sequence) {}

  /** The grants of a request, checked for form; at most {@link #MAX_GRANTS}. */
  static List<DisclosureService.Grant> grants(List<GrantView> views) {
    if (views.size() > MAX_GRANTS) {
      throw new InvalidRequestException("grants", Text.of("disclosure.too-many-grants",
          MAX_GRANTS));
    }
    List<DisclosureService.Grant> grants = new ArrayList<>(views.size());
    for (GrantView g : views) {
      if (g == null) {
        throw new InvalidRequestException("grants", Text.of("disclosure.grant-not-object"));
      }
      grants.add(new DisclosureService.Grant(Ids.field(g.accountId(), "accountId"),
          Ids.field(g.deviceId(), "deviceId"), g.version(),
          Binary.decode(g.wrapped(), "wrapped", KeyWrap.WRAPPED_LENGTH, KeyWrap.WRAPPED_LENGTH)));
    }
    return grants;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public EntriesView entries(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId, @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    return new EntriesView(disclosures.entries(caller, Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document")).stream().map(Binary::encode).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response append(@PathParam("workspaceId") String workspaceId,
      @PathParam("documentId") String documentId, ChangeRequest request,
      @Context SecurityContext security) {
    Caller caller = Caller.require(security);
    if (request == null) {
      throw new InvalidRequestException(null, Text.of("disclosure.send-change",
          "{\"entry\": \"<base64url>\", \"grants\": [...]}"));
    }
    List<DisclosureService.Grant> grants = grants(request.grants() == null ? List.of()
        : request.grants());
    long sequence = disclosures.append(caller, Ids.path(workspaceId, "workspace"),
        Ids.path(documentId, "document"), Binary.decode(request.entry(), "entry", 1, MAX_ENTRY),
        grants, java.util.Optional.ofNullable(request.release())
            .map(r -> Binary.decode(r, "release", KEY_LENGTH, KEY_LENGTH)));
    return Response.status(Response.Status.CREATED).entity(new AppendedView(sequence)).build();
  }
}
