package org.palermo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
  private static String document() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getClassLoader()
        .getResourceAsStream("org/palermo/api/openapi.yaml")) {
      assertNotNull(in, "openapi.yaml is on the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void openApiDocument_parsedByReferenceParser_hasNoErrors() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(document(), null, options);
    assertTrue(result.getMessages() == null || result.getMessages().isEmpty(),
        () -> "parser messages: " + result.getMessages());
    OpenAPI api = result.getOpenAPI();
    assertNotNull(api);
    assertEquals("3.1.0", api.getOpenapi());
    assertFalse(api.getPaths().isEmpty());
  }

  @Test
  void openApiDocument_everyPath_isUnderApiV1() throws IOException {
    OpenAPI api = new OpenAPIParser().readContents(document(), null, new ParseOptions())
        .getOpenAPI();
    api.getPaths().keySet().forEach(path ->
        assertTrue(path.startsWith("/api/v1/"), () -> path + " is outside /api/v1/"));
  }

  @Test
  void openApiDocument_everyOperation_hasIdAndResponses() throws IOException {
    OpenAPI api = new OpenAPIParser().readContents(document(), null, new ParseOptions())
        .getOpenAPI();
    api.getPaths().forEach((path, item) -> item.readOperations().forEach(op -> {
      assertNotNull(op.getOperationId(), () -> path + " has an operation without operationId");
      assertFalse(op.getResponses().isEmpty(), () -> path + " has an operation without responses");
    }));
  }

  @Test
  void parser_givenBrokenDocument_reportsErrors() {
    SwaggerParseResult result = new OpenAPIParser().readContents(
        "openapi: 3.1.0\ninfo: {}\npaths:\n  /x:\n    get:\n      responses: 7\n", null,
        new ParseOptions());
    assertFalse(result.getMessages().isEmpty(), "a broken document is reported");
  }
}
