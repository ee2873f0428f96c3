package org.palermo.server.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.Test;
import org.palermo.server.bootstrap.PalermoServer;
import org.palermo.server.testing.TestServer;

/** The served routes and the published description are the same set, both ways. */
class OpenApiRoutesTest {
  private static OpenAPI spec() {
    String yaml = new String(OpenApiDocument.load().bytes(), StandardCharsets.UTF_8);
    var result = new OpenAPIParser().readContents(yaml, null, new ParseOptions());
    assertTrue(result.getMessages().isEmpty(), () -> result.getMessages().toString());
    return result.getOpenAPI();
  }

  static Set<String> specRoutes(OpenAPI api) {
    Set<String> routes = new TreeSet<>();
    api.getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
        .forEach(method -> routes.add(method.name() + " " + path)));
    return routes;
  }

  static Set<String> servedRoutes(Set<Class<?>> resources) {
    Set<String> routes = new TreeSet<>();
    for (Class<?> type : resources) {
      Resource resource = Resource.from(type);
      collect(resource, "/" + trim(resource.getPath()), routes);
    }
    return routes;
  }

  private static void collect(Resource resource, String prefix, Set<String> routes) {
    for (ResourceMethod method : resource.getResourceMethods()) {
      routes.add(method.getHttpMethod().toUpperCase(Locale.ROOT) + " " + prefix);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, prefix + "/" + trim(child.getPath()), routes);
    }
  }

  private static String trim(String path) {
    return path.replaceAll("^/+|/+$", "");
  }

  @Test
  void everyServedRoute_isInTheSpec_andEverySpecRoute_isServed() {
    assertEquals(specRoutes(spec()), servedRoutes(PalermoServer.RESOURCES));
  }

  @Test
  void routeComparison_detectsAnUndescribedRoute() {
    Set<String> served = servedRoutes(Set.of(org.palermo.server.testing.ProbeResource.class));
    assertTrue(served.contains("POST /api/v1/test-probe/echo"), served::toString);
    assertTrue(!specRoutes(spec()).containsAll(served));
  }

  @Test
  void openApiYaml_isServedAsYamlWithEtag() {
    try (TestServer server = TestServer.start()) {
      var response = server.get("/api/v1/openapi.yaml");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("")
          .startsWith("application/yaml"));
      assertTrue(response.body().startsWith("openapi: 3.1.0"));
      String etag = response.headers().firstValue("ETag").orElseThrow();
      var again = server.send(server.request("/api/v1/openapi.yaml")
          .header("If-None-Match", etag).GET().build());
      assertEquals(304, again.statusCode());
    }
  }
}
