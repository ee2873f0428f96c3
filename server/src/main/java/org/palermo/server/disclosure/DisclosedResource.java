package org.palermo.server.disclosure;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import org.palermo.server.http.Binary;
import org.palermo.server.http.Ids;
import org.palermo.server.sessions.Caller;

/**
 * What has been disclosed to the caller, a State account: exactly the versions a member's
 * client wrapped a key for it, and nothing else of their workspaces.
 */
@Path("api/v1/disclosed")
@RequestScoped
public class DisclosedResource {
  private final DisclosureService disclosures;

  @Inject
  public DisclosedResource(DisclosureService disclosures) {
    this.disclosures = disclosures;
  }

  public record DisclosedView(String workspaceId, String documentId, long version, long epoch,
      String manifest, String signature, String metadata, String deviceId, String wrapped,
      String disclosure, String discloserId) {
    static DisclosedView of(DisclosedRow r) {
      return new DisclosedView(Ids.hex(r.workspaceId()), Ids.hex(r.documentId()), r.version(),
          r.epoch(), Binary.encode(r.manifest()), Binary.encode(r.signature()),
          Binary.encode(r.metadata()), Ids.hex(r.deviceId()), Binary.encode(r.wrapped()),
          Binary.encode(r.disclosure()), Ids.hex(r.discloser()));
    }
  }

  public record DisclosedList(List<DisclosedView> documents) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public DisclosedList list(@Context SecurityContext security) {
    return new DisclosedList(disclosures.disclosedTo(Caller.require(security)).stream()
        .map(DisclosedView::of).toList());
  }
}
