package org.palermo.server.states;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.palermo.server.errors.InvalidRequestException;
import org.palermo.server.http.Binary;
import org.palermo.text.Text;

/**
 * The public list of State certificates. Reading needs no account; appending needs no session
 * either, because only an entry signed by the operator key is accepted.
 */
@Path("api/v1/states/certificates")
@RequestScoped
public class StateCertificateResource {
  /** Largest entry accepted: a certificate is about 260 bytes signed. */
  static final int MAX_ENTRY = 4096;

  private final StateCertificateService states;

  @Inject
  public StateCertificateResource(StateCertificateService states) {
    this.states = states;
  }

  /** A signed entry of the list, unpadded base64url. */
  public record EntryRequest(String entry) {}

  public record EntriesView(List<String> entries) {}

  public record AppendedView(long sequence) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public EntriesView entries() {
    return new EntriesView(states.entries().stream().map(Binary::encode).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response append(EntryRequest request) {
    if (request == null) {
      throw new InvalidRequestException(null,
          Text.of("states.send-entry", "{\"entry\": \"<base64url>\"}"));
    }
    long sequence = states.append(Binary.decode(request.entry(), "entry", 1, MAX_ENTRY));
    return Response.status(Response.Status.CREATED).entity(new AppendedView(sequence)).build();
  }
}
