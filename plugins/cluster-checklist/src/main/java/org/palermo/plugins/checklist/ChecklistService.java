package org.palermo.plugins.checklist;

import java.security.Principal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginProblem;
import org.palermo.plugin.api.WorkspaceViews;

/**
 * The checklists' rules. Every member reads; owners and editors set the profile, start
 * checklists, assign and change anything; a contributor changes the status, documents and notes
 * of items assigned to it; a viewer only reads. Anyone else learns nothing (404).
 */
final class ChecklistService {
  static final String ACTION_PLAN = "action-plan";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
  private static final String NOT_FOUND = "No such workspace, or you are not a member of it.";

  private final ReferenceData data;
  private final ChecklistStore store;
  private final PluginContext context;
  private final WorkspaceViews views;
  private final Clock clock;

  ChecklistService(ReferenceData data, ChecklistStore store, PluginContext context,
      WorkspaceViews views, Clock clock) {
    this.data = data;
    this.store = store;
    this.context = context;
    this.views = views;
    this.clock = clock;
  }

  ReferenceData reference() {
    return data;
  }

  /** The caller's role in the workspace; a 404 when it is not a member. */
  String role(Principal caller, String workspaceId) {
    if (!ID.matcher(workspaceId).matches()) {
      throw new PluginProblem(404, NOT_FOUND);
    }
    return context.callerRole(caller, workspaceId)
        .orElseThrow(() -> new PluginProblem(404, NOT_FOUND));
  }

  private static boolean manages(String role) {
    return role.equals("owner") || role.equals("editor");
  }

  Optional<ReviewProfile> profile(Principal caller, String ws) throws SQLException {
    role(caller, ws);
    return store.profile(ws);
  }

  ReviewProfile saveProfile(Principal caller, String ws, ReviewProfile p) throws SQLException {
    if (!manages(role(caller, ws))) {
      throw new PluginProblem(403, "Only owners and editors set the review profile.");
    }
    p.problem(data).ifPresent(problem -> {
      throw new PluginProblem(400, "The profile does not fit: " + problem + ".");
    });
    store.saveProfile(ws, p, caller.getName(), today());
    return p;
  }

  private ReviewProfile requireProfile(String ws) throws SQLException {
    return store.profile(ws).orElseThrow(() -> new PluginProblem(409, "Set the workspace's"
        + " review profile first (the State, its instruments, UNCAC, its group, the start"
        + " year)."));
  }

  /** The phase in a Mechanism year (or, with {@code calendar}, a calendar year), and the next. */
  record Schedule(ReviewProfile.Phase phase, ReviewProfile.Phase next,
      List<ReferenceData.Article> articles) {}

  Schedule schedule(Principal caller, String ws, Integer year, Integer calendarYear)
      throws SQLException {
    role(caller, ws);
    ReviewProfile p = requireProfile(ws);
    int y = year != null ? year : p.yearOf(calendarYear != null ? calendarYear
        : LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear());
    if (y < 1 || y > 100) {
      throw new PluginProblem(400, "The year of the Mechanism is 1 (its first preparatory"
          + " year, " + p.startYear() + ") or later.");
    }
    ReviewProfile.Phase phase = p.phaseIn(data, y);
    return new Schedule(phase, p.nextAfter(data, y).orElse(null),
        phase.cluster() == 0 ? List.of() : p.articles(data, phase.cluster()));
  }

  /** A checklist's name: cluster-1 to cluster-N, or action-plan. */
  private int clusterOf(String checklist) {
    if (checklist.equals(ACTION_PLAN)) {
      return 0;
    }
    if (checklist.startsWith("cluster-")) {
      try {
        int n = Integer.parseInt(checklist.substring("cluster-".length()));
        if (data.clusters().containsKey(n)) {
          return n;
        }
      } catch (NumberFormatException e) {
        // below
      }
    }
    throw new PluginProblem(404, "No checklist '" + checklist + "': there are cluster-1 to"
        + " cluster-" + data.clusters().size() + " and " + ACTION_PLAN + ".");
  }

  /** A checklist with its items and progress. */
  record Checklist(String checklist, String title, List<Item> items,
      Map<String, Progress> progress) {}

  /** Items done (submitted or not applicable) of all, per instrument (or "all"). */
  record Progress(int done, int total, int percent) {}

  Checklist start(Principal caller, String ws, String checklist) throws SQLException {
    if (!manages(role(caller, ws))) {
      throw new PluginProblem(403, "Only owners and editors start checklists.");
    }
    int cluster = clusterOf(checklist);
    List<String[]> items = new ArrayList<>();
    if (cluster == 0) {
      for (ReferenceData.Step s : data.steps()) {
        items.add(new String[] {s.phase() + "." + s.number(), null});
      }
    } else {
      for (ReferenceData.Article a : requireProfile(ws).articles(data, cluster)) {
        items.add(new String[] {a.instrument() + ":" + a.article(), a.instrument()});
      }
    }
    if (!store.create(ws, checklist, items)) {
      throw new PluginProblem(409, "The workspace has a " + checklist + " checklist already.");
    }
    return read(ws, checklist);
  }

  Checklist get(Principal caller, String ws, String checklist) throws SQLException {
    role(caller, ws);
    clusterOf(checklist);
    Checklist c = read(ws, checklist);
    if (c.items().isEmpty()) {
      throw new PluginProblem(404, "The workspace has no " + checklist + " checklist yet:"
          + " an owner or editor starts it.");
    }
    return c;
  }

  private Checklist read(String ws, String checklist) throws SQLException {
    int cluster = clusterOf(checklist);
    List<Item> items = new ArrayList<>();
    for (ChecklistStore.Row r : store.items(ws, checklist)) {
      items.add(new Item(r.item(), label(r), r.instrument(), r.status(), r.assignees(),
          r.documents(), r.notes(), r.updatedBy(), r.updatedOn()));
    }
    Map<String, Progress> progress = new LinkedHashMap<>();
    progress.put("all", progress(items));
    if (cluster != 0) {
      for (String instrument : data.instruments().keySet()) {
        List<Item> of = items.stream().filter(i -> instrument.equals(i.instrument())).toList();
        if (!of.isEmpty()) {
          progress.put(instrument, progress(of));
        }
      }
    }
    String title = cluster == 0 ? "The guide's model action plan"
        : "Cluster " + cluster + ": " + data.clusters().get(cluster);
    return new Checklist(checklist, title, items, progress);
  }

  private static Progress progress(List<Item> items) {
    int done = (int) items.stream().filter(Item::done).count();
    return new Progress(done, items.size(), items.isEmpty() ? 0 : done * 100 / items.size());
  }

  private String label(ChecklistStore.Row r) {
    if (r.instrument() != null) {
      String article = r.item().substring(r.item().indexOf(':') + 1);
      return data.instruments().getOrDefault(r.instrument(), r.instrument()) + ", article "
          + article;
    }
    for (ReferenceData.Step s : data.steps()) {
      if ((s.phase() + "." + s.number()).equals(r.item())) {
        return "Phase " + s.phase() + ", step " + s.number() + ": " + s.text();
      }
    }
    return r.item();
  }

  /**
   * What a member asks to change in an item; null fields stay as they are. {@code audit} is the
   * sequence of the workspace's audit log entry the member's client signed for this very change
   * first (plugin cluster-checklist, subject "CHECKLIST ITEM", action as {@link #auditAction}).
   * With {@code check} true, nothing changes: the answer says whether the change would be
   * taken, so a client appends an audit entry only for a change the plugin will make.
   */
  record ItemChange(String status, List<String> assignees, List<String> documents,
      String notes, Long audit, Boolean check) {}

  /**
   * What a change says in the audit log: the parts changed, in this order, joined by "; ":
   * "status S", "assignees N", "documents N", "notes DOCUMENT" (or "notes none").
   */
  static String auditAction(ItemChange c) {
    List<String> parts = new ArrayList<>();
    if (c.status() != null) {
      parts.add("status " + c.status());
    }
    if (c.assignees() != null) {
      parts.add("assignees " + new LinkedHashSet<>(c.assignees()).size());
    }
    if (c.documents() != null) {
      parts.add("documents " + new LinkedHashSet<>(c.documents()).size());
    }
    if (c.notes() != null) {
      parts.add("notes " + (c.notes().isEmpty() ? "none" : c.notes()));
    }
    return String.join("; ", parts);
  }

  /** The change's audit entry, checked: this caller's, this plugin's, this item's, these words. */
  private long requireAudited(Principal caller, String ws, String checklist, String item,
      ItemChange change) {
    String expected = auditAction(change);
    if (expected.isEmpty()) {
      throw new PluginProblem(400, "Nothing to change.");
    }
    String how = " Your client appends an entry to the workspace's audit log first (plugin "
        + ClusterChecklistPlugin.ID + ", subject '" + checklist + " " + item + "', action '"
        + expected + "') and sends its sequence as 'audit'.";
    if (change.audit() == null) {
      throw new PluginProblem(400, "Each change is in the workspace's audit log." + how);
    }
    WorkspaceViews.AuditedAction a = views.auditedAction(ws, change.audit()).orElseThrow(() ->
        new PluginProblem(400, "Audit log entry " + change.audit() + " is not a plugin action."
            + how));
    if (!a.accountId().equals(caller.getName()) || !a.plugin().equals(ClusterChecklistPlugin.ID)
        || !a.subject().equals(checklist + " " + item) || !a.action().equals(expected)) {
      throw new PluginProblem(400, "Audit log entry " + change.audit() + " is not yours for"
          + " this change." + how);
    }
    return change.audit();
  }

  Item change(Principal caller, String ws, String checklist, String item, ItemChange change)
      throws SQLException {
    String role = role(caller, ws);
    clusterOf(checklist);
    Item current = read(ws, checklist).items().stream().filter(i -> i.item().equals(item))
        .findFirst().orElseThrow(() -> new PluginProblem(404, "No item '" + item + "' in the "
            + checklist + " checklist."));
    if (!manages(role)) {
      if (!role.equals("contributor") || !current.assignees().contains(caller.getName())) {
        throw new PluginProblem(403, "Only owners, editors and the contributors assigned to"
            + " an item change it.");
      }
      if (change.assignees() != null) {
        throw new PluginProblem(403, "Only owners and editors assign items.");
      }
    }
    if (change.status() != null && !Item.STATUSES.contains(change.status())) {
      throw new PluginProblem(400, "The status is one of " + String.join(", ", Item.STATUSES)
          + ".");
    }
    Set<String> assignees = change.assignees() == null ? null
        : new LinkedHashSet<>(change.assignees());
    if (assignees != null) {
      Set<String> members = views.members(ws).stream().map(WorkspaceViews.Member::accountId)
          .collect(Collectors.toSet());
      for (String a : assignees) {
        if (!members.contains(a)) {
          throw new PluginProblem(400, "Assign members of the workspace: " + a
              + " is not one.");
        }
      }
    }
    Set<String> documents = change.documents() == null ? null
        : new LinkedHashSet<>(change.documents());
    Set<String> present = views.documents(ws).stream().filter(d -> !d.removed())
        .map(WorkspaceViews.Document::documentId).collect(Collectors.toSet());
    if (documents != null) {
      for (String d : documents) {
        if (!present.contains(d)) {
          throw new PluginProblem(400, "Link documents of the workspace: " + d
              + " is not one (or it was removed).");
        }
      }
    }
    boolean clearNotes = change.notes() != null && change.notes().isEmpty();
    if (change.notes() != null && !clearNotes && !present.contains(change.notes())) {
      throw new PluginProblem(400, "The notes are a document of the workspace, sealed by"
          + " your client: " + change.notes() + " is not one.");
    }
    if (Boolean.TRUE.equals(change.check())) {
      if (auditAction(change).isEmpty()) {
        throw new PluginProblem(400, "Nothing to change.");
      }
      return current;
    }
    long audit = requireAudited(caller, ws, checklist, item, change);
    if (!store.update(ws, checklist, item, new ChecklistStore.Change(change.status(),
        assignees, documents, clearNotes ? null : change.notes(), clearNotes), audit,
        caller.getName(), today())) {
      throw new PluginProblem(409, "Audit log entry " + audit + " vouched for a change"
          + " already: append a new one for this change.");
    }
    return read(ws, checklist).items().stream().filter(i -> i.item().equals(item))
        .findFirst().orElseThrow();
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }
}
