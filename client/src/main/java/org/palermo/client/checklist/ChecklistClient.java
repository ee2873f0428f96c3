package org.palermo.client.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.plugin.PluginRoutes;
import org.palermo.client.plugin.SealedRef;
import org.palermo.client.plugin.SealedStorage;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.text.Text;

/**
 * The cluster-checklist plugin's client: its routes, and the notes of an item sealed here
 * (through {@link SealedStorage}) before their document id goes to the plugin.
 */
public final class ChecklistClient {
  /** The plugin's id, and where its routes are. */
  public static final String PLUGIN = "cluster-checklist";
  private static final PluginRoutes ROUTES = new PluginRoutes(PLUGIN);

  private final PalermoHttp http;

  public ChecklistClient(PalermoHttp http) {
    this.http = http;
  }

  public JsonNode profile(WorkspaceId workspace) {
    return http.get(ROUTES.workspace(workspace) + "profile");
  }

  public JsonNode saveProfile(WorkspaceId workspace, String state, List<String> instruments,
      boolean partyToUncac, int group, int startYear) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("state", state);
    body.put("instruments", instruments);
    body.put("partyToUncac", partyToUncac);
    body.put("group", group);
    body.put("startYear", startYear);
    return http.put(ROUTES.workspace(workspace) + "profile", body);
  }

  /** The phase in a Mechanism year, or a calendar year, or this year when both are null. */
  public JsonNode schedule(WorkspaceId workspace, Integer year, Integer calendarYear) {
    return http.get(ROUTES.workspace(workspace) + "schedule" + (year != null ? "?year=" + year
        : calendarYear != null ? "?calendarYear=" + calendarYear : ""));
  }

  public JsonNode start(WorkspaceId workspace, String checklist) {
    return http.post(ROUTES.workspace(workspace) + "checklists/" + checklist, Map.of());
  }

  public JsonNode get(WorkspaceId workspace, String checklist) {
    return http.get(ROUTES.workspace(workspace) + "checklists/" + checklist);
  }

  /**
   * Changes an item; null arguments leave that part as it is. {@code audit} is the sequence of
   * the audit log entry this member appended for this change (see {@link #auditAction}): the
   * plugin makes no change the audit log does not hold.
   */
  public JsonNode change(WorkspaceId workspace, String checklist, String item, String status,
      List<String> assignees, List<String> documents, String notes, long audit) {
    return patch(workspace, checklist, item, status, assignees, documents, notes,
        Map.of("audit", audit));
  }

  /** Asks whether the change would be taken, changing nothing (a refusal throws as usual). */
  public void check(WorkspaceId workspace, String checklist, String item, String status,
      List<String> assignees, List<String> documents, String notes) {
    patch(workspace, checklist, item, status, assignees, documents, notes,
        Map.of("check", true));
  }

  private JsonNode patch(WorkspaceId workspace, String checklist, String item, String status,
      List<String> assignees, List<String> documents, String notes, Map<String, Object> more) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (status != null) {
      body.put("status", status);
    }
    if (assignees != null) {
      body.put("assignees", assignees);
    }
    if (documents != null) {
      body.put("documents", documents);
    }
    if (notes != null) {
      body.put("notes", notes);
    }
    body.putAll(more);
    return http.patch(ROUTES.workspace(workspace) + "checklists/" + checklist + "/items/" + item, body);
  }

  /**
   * Seals {@code text} as the item's notes (a new version of its notes if it has some) and
   * returns their document id, to send with the change; the server sees neither the text nor
   * its name.
   */
  public String sealNotes(SealedStorage sealed, String checklist, String item, String text) {
    JsonNode current = find(get(sealed.workspace(), checklist), item);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String notes = current.path("notes").isTextual() ? current.path("notes").asText() : null;
    SealedRef ref = notes == null ? sealed.put(checklist + " " + item, bytes)
        : sealed.update(current(sealed, notes), bytes);
    return ref.documentId();
  }

  /** The current version of the notes, among this plugin's sealed items of the workspace. */
  private static SealedRef current(SealedStorage sealed, String documentId) {
    return sealed.list().stream().map(i -> i.ref())
        .filter(r -> r.documentId().equals(documentId)).findFirst()
        .orElseThrow(() -> org.palermo.client.ClientException.refused(
            Text.of("checklist.notes-not-this-plugins", documentId)));
  }

  /** The item's notes, opened and verified here; null when it has none. */
  public String notes(SealedStorage sealed, String checklist, String item) {
    JsonNode current = find(get(sealed.workspace(), checklist), item);
    if (!current.path("notes").isTextual()) {
      return null;
    }
    return new String(sealed.get(current.path("notes").asText()), StandardCharsets.UTF_8);
  }

  /** What an item change names in the workspace's audit log: {@code "<checklist> <item>"}. */
  public static String auditSubject(String checklist, String item) {
    return checklist + " " + item;
  }

  /**
   * What an item change says in the workspace's audit log, for the parts changed (null ones
   * were not): the status word, how many assignees and linked documents, the notes' document
   * id. Only what the plugin already has, never content: not who is assigned, not the notes.
   */
  public static String auditAction(String status, List<String> assignees,
      List<String> documents, String notesDocument) {
    List<String> parts = new ArrayList<>();
    if (status != null) {
      parts.add("status " + status);
    }
    if (assignees != null) {
      parts.add("assignees " + new java.util.LinkedHashSet<>(assignees).size());
    }
    if (documents != null) {
      parts.add("documents " + new java.util.LinkedHashSet<>(documents).size());
    }
    if (notesDocument != null) {
      parts.add("notes " + notesDocument);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing changed");
    }
    return String.join("; ", parts);
  }

  /** The item of a checklist answer; a usage error naming the items when it is not there. */
  public static JsonNode find(JsonNode checklist, String item) {
    for (JsonNode i : checklist.path("items")) {
      if (i.path("item").asText().equals(item)) {
        return i;
      }
    }
    throw org.palermo.client.ClientException.usage(Text.of("checklist.no-such-item", item,
        checklist.path("checklist").asText()));
  }
}
