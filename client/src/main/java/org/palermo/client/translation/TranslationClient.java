package org.palermo.client.translation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.plugin.PluginRoutes;
import org.palermo.security.ids.WorkspaceId;

/** The translation plugin's routes: language versions, requests and the reference glossary. */
public final class TranslationClient {
  /** The plugin's id, and where its routes are. */
  public static final String PLUGIN = "translation";
  private static final PluginRoutes ROUTES = new PluginRoutes(PLUGIN);

  private final PalermoHttp http;

  public TranslationClient(PalermoHttp http) {
    this.http = http;
  }

  public JsonNode versions(WorkspaceId workspace) {
    return http.get(ROUTES.workspace(workspace) + "versions");
  }

  /** Links {@code translation} as the {@code language} version of the source's version. */
  public JsonNode link(WorkspaceId workspace, String source, Long sourceVersion,
      String translation, String sourceLanguage, String language, String machineEngine) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", source);
    body.put("sourceVersion", sourceVersion);
    body.put("translation", translation);
    body.put("sourceLanguage", sourceLanguage);
    body.put("language", language);
    body.put("machineEngine", machineEngine);
    return http.post(ROUTES.workspace(workspace) + "versions", body);
  }

  public JsonNode unlink(WorkspaceId workspace, String translation) {
    return http.delete(ROUTES.workspace(workspace) + "versions/" + translation);
  }

  public JsonNode requests(WorkspaceId workspace) {
    return http.get(ROUTES.workspace(workspace) + "requests");
  }

  public JsonNode request(WorkspaceId workspace, String source, List<String> languages,
      String due, String assignee) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("source", source);
    body.put("languages", languages);
    body.put("due", due);
    body.put("assignee", assignee);
    return http.post(ROUTES.workspace(workspace) + "requests", body);
  }

  public JsonNode setStatus(WorkspaceId workspace, String request, String status) {
    return http.put(ROUTES.workspace(workspace) + "requests/" + request, Map.of("status", status));
  }

  public JsonNode glossary() {
    return http.get(ROUTES.path("glossary"));
  }
}
