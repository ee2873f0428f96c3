package org.palermo.plugins.checklist;

import java.util.List;

/**
 * One item of a checklist: an applicable (instrument, article) of a cluster, or a step of the
 * action plan; its status, who is assigned, which documents it links (ids: the plugin never sees
 * their content) and the id of its notes, a document the members' clients sealed.
 */
public record Item(String item, String label, String instrument, String status,
    List<String> assignees, List<String> documents, String notes, String updatedBy,
    String updatedOn) {

  /** The statuses an item goes through. */
  public static final List<String> STATUSES = List.of("not-started", "gathering-evidence",
      "drafting", "submitted", "not-applicable");

  /** Whether the item needs no more work. */
  public boolean done() {
    return status.equals("submitted") || status.equals("not-applicable");
  }
}
