package org.palermo.server.openapi;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Serves the OpenAPI 3.1 description of this API. */
@Path("api/v1/openapi.yaml")
@RequestScoped
public class OpenApiResource {
  static final String MEDIA_TYPE = "application/yaml";

  private final OpenApiDocument document;

  @Inject
  public OpenApiResource(OpenApiDocument document) {
    this.document = document;
  }

  @GET
  @Produces({MEDIA_TYPE, "text/yaml", "text/plain"})
  public Response get(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
    if (document.etag().equals(ifNoneMatch)) {
      return Response.notModified(EntityTag.valueOf(document.etag())).build();
    }
    StreamingOutput body = document::writeTo;
    return Response.ok(body).header(HttpHeaders.ETAG, document.etag()).build();
  }
}
