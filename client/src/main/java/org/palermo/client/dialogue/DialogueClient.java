package org.palermo.client.dialogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.plugin.PluginRoutes;
import org.palermo.security.ids.WorkspaceId;

/** The dialogue-registration plugin's routes. */
public final class DialogueClient {
  /** The plugin's id. */
  public static final String PLUGIN = "dialogue-registration";
  private static final String BASE = new PluginRoutes(PLUGIN).path("dialogues");

  private final PalermoHttp http;

  public DialogueClient(PalermoHttp http) {
    this.http = http;
  }

  public JsonNode list() {
    return http.get(BASE);
  }

  public JsonNode show(String dialogue) {
    return http.get(BASE + "/" + dialogue);
  }

  public JsonNode convene(String workingGroup, String date, int minimum) {
    return http.post(BASE, Map.of("workingGroup", workingGroup, "date", date,
        "minimum", minimum));
  }

  public JsonNode register(String dialogue, WorkspaceId workspace, String organization,
      List<String> representatives) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workspace", workspace.toString());
    body.put("organization", organization);
    body.put("representatives", representatives);
    return http.post(BASE + "/" + dialogue + "/registrations", body);
  }

  public JsonNode registration(String dialogue, WorkspaceId workspace) {
    return http.get(BASE + "/" + dialogue + "/registrations/" + workspace);
  }

  public JsonNode object(String dialogue, String registration, String reason) {
    return http.post(BASE + "/" + dialogue + "/registrations/" + registration + "/objections",
        Map.of("reason", reason));
  }

  public JsonNode decide(String dialogue, String registration, String decision,
      String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decision", decision);
    if (reason != null) {
      body.put("reason", reason);
    }
    return http.post(BASE + "/" + dialogue + "/registrations/" + registration + "/decision",
        body);
  }

  public JsonNode comment(String dialogue, WorkspaceId workspace, String document) {
    return http.put(BASE + "/" + dialogue + "/registrations/" + workspace + "/comments",
        Map.of("document", document));
  }

  public JsonNode callOff(String dialogue) {
    return http.post(BASE + "/" + dialogue + "/not-convened", Map.of());
  }

  public JsonNode summary(String dialogue, String text) {
    return http.put(BASE + "/" + dialogue + "/summary", Map.of("text", text));
  }
}
