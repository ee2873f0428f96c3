package org.palermo.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls to one plugin's routes as a logged-in person, with an optional JSON body. */
public final class PluginCalls {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestServer server;
  private final String base;

  public PluginCalls(TestServer server, String pluginId) {
    this.server = server;
    this.base = "api/v1/plugins/" + pluginId + "/";
  }

  /** {@code method} on {@code path} (relative to the plugin's mount) as {@code who}. */
  public HttpResponse<String> call(Cli.Person who, String method, String path, String json)
      throws java.io.IOException {
    HttpRequest.Builder b = server.request(base + path)
        .header("Authorization", "Bearer " + who.token());
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    return server.send(b.build());
  }

  /** The answer's JSON, after checking it is a 200. */
  public static JsonNode ok(HttpResponse<String> answer) throws Exception {
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }
}
