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

  /**
   * Appends a plugin action signed by {@code who} to the workspace's audit log, as the person's
   * client does before asking a plugin for a change; returns its sequence.
   */
  public long audit(Cli.Person who, String workspace, String plugin, String subject,
      String action) {
    org.palermo.client.home.Home home = new org.palermo.client.home.Home(who.home());
    org.palermo.client.http.PalermoHttp http = new org.palermo.client.http.PalermoHttp(
        server.server().baseUri(), TestServer.trusting(server.server()));
    http.useToken(home.requireSession());
    org.palermo.client.account.AccountClient accounts =
        new org.palermo.client.account.AccountClient(http, home);
    org.palermo.client.workspace.WorkspaceClient workspaces =
        new org.palermo.client.workspace.WorkspaceClient(http, home,
            accounts.unlock(Cli.PASSPHRASE.toCharArray()), accounts);
    return new org.palermo.client.audit.AuditClient(http, home, workspaces,
        java.time.Clock.systemUTC()).pluginAction(
            org.palermo.security.ids.WorkspaceId.parse(workspace), plugin, subject, action);
  }

  /** The answer's JSON, after checking it is a 200. */
  public static JsonNode ok(HttpResponse<String> answer) throws Exception {
    assertEquals(200, answer.statusCode(), answer.body());
    return JSON.readTree(answer.body());
  }
}
