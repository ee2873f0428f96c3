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
import org.palermo.plugin.api.PluginText;
import org.palermo.plugin.api.WorkspaceViews;

/**
 * The checklists' rules. Every member reads; owners and editors set the profile, start
 * checklists, assign and change anything; a contributor changes the status, documents and notes
 * of items assigned to it; a viewer only reads. Anyone else learns nothing (404).
 */
final class ChecklistService {
  static final String ACTION_PLAN = "action-plan";
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

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
  String role(PluginText m, Principal caller, String workspaceId) {
    if (!ID.matcher(workspaceId).matches()) {
      throw m.problem(404, "checklist.not-found");
    }
    return context.callerRole(caller, workspaceId)
        .orElseThrow(() -> m.problem(404, "checklist.not-found"));
  }

  private static boolean manages(String role) {
    return role.equals("owner") || role.equals("editor");
  }

  Optional<ReviewProfile> profile(PluginText m, Principal caller, String ws)
      throws SQLException {
    role(m, caller, ws);
    return store.profile(ws);
  }

  ReviewProfile saveProfile(PluginText m, Principal caller, String ws, ReviewProfile p)
      throws SQLException {
    if (!manages(role(m, caller, ws))) {
      throw m.problem(403, "checklist.only-managers-set-profile");
    }
    p.problem(data).ifPresent(problem -> {
      throw new PluginProblem(400, m.get(problem.key(), problem.args()));
    });
    store.saveProfile(ws, p, caller.getName(), today());
    return p;
  }

  private ReviewProfile requireProfile(PluginText m, String ws) throws SQLException {
    return store.profile(ws).orElseThrow(() -> m.problem(409, "checklist.profile-first"));
  }

  /** The phase in a Mechanism year (or, with {@code calendar}, a calendar year), and the next. */
  record Schedule(ReviewProfile.Phase phase, ReviewProfile.Phase next,
      List<ReferenceData.Article> articles) {}

  Schedule schedule(PluginText m, Principal caller, String ws, Integer year,
      Integer calendarYear) throws SQLException {
    role(m, caller, ws);
    ReviewProfile p = requireProfile(m, ws);
    int y = year != null ? year : p.yearOf(calendarYear != null ? calendarYear
        : LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear());
    if (y < 1 || y > 100) {
      throw m.problem(400, "checklist.year-range", p.startYear());
    }
    ReviewProfile.Phase phase = p.phaseIn(data, y);
    return new Schedule(phase, p.nextAfter(data, y).orElse(null),
        phase.cluster() == 0 ? List.of() : p.articles(data, phase.cluster()));
  }

  /** A checklist's name: cluster-1 to cluster-N, or action-plan. */
  private int clusterOf(PluginText m, String checklist) {
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
    throw m.problem(404, "checklist.no-checklist", checklist, data.clusters().size(),
        ACTION_PLAN);
  }

  /** A checklist with its items and progress. */
  record Checklist(String checklist, String title, List<Item> items,
      Map<String, Progress> progress) {}

  /** Items done (submitted or not applicable) of all, per instrument (or "all"). */
  record Progress(int done, int total, int percent) {}

  Checklist start(PluginText m, Principal caller, String ws, String checklist)
      throws SQLException {
    if (!manages(role(m, caller, ws))) {
      throw m.problem(403, "checklist.only-managers-start");
    }
    int cluster = clusterOf(m, checklist);
    List<String[]> items = new ArrayList<>();
    if (cluster == 0) {
      for (ReferenceData.Step s : data.steps()) {
        items.add(new String[] {s.phase() + "." + s.number(), null});
      }
    } else {
      for (ReferenceData.Article a : requireProfile(m, ws).articles(data, cluster)) {
        items.add(new String[] {a.instrument() + ":" + a.article(), a.instrument()});
      }
    }
    if (!store.create(ws, checklist, items)) {
      throw m.problem(409, "checklist.started-already", checklist);
    }
    return read(m, ws, checklist);
  }

  Checklist get(PluginText m, Principal caller, String ws, String checklist)
      throws SQLException {
    role(m, caller, ws);
    clusterOf(m, checklist);
    Checklist c = read(m, ws, checklist);
    if (c.items().isEmpty()) {
      throw m.problem(404, "checklist.not-started", checklist);
    }
    return c;
  }

  private Checklist read(PluginText m, String ws, String checklist) throws SQLException {
    int cluster = clusterOf(m, checklist);
    List<Item> items = new ArrayList<>();
    for (ChecklistStore.Row r : store.items(ws, checklist)) {
      items.add(new Item(r.item(), label(m, r), r.instrument(), r.status(), r.assignees(),
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
    String title = cluster == 0 ? m.get("checklist.title-action-plan")
        : m.get("checklist.title-cluster", cluster, data.clusters().get(cluster));
    return new Checklist(checklist, title, items, progress);
  }

  private static Progress progress(List<Item> items) {
    int done = (int) items.stream().filter(Item::done).count();
    return new Progress(done, items.size(), items.isEmpty() ? 0 : done * 100 / items.size());
  }

  /** An item's label: the instrument's name and article, or the step (reference data). */
  private String label(PluginText m, ChecklistStore.Row r) {
    if (r.instrument() != null) {
      String article = r.item().substring(r.item().indexOf(':') + 1);
      return m.get("checklist.label-article",
          data.instruments().getOrDefault(r.instrument(), r.instrument()), article);
    }
    for (ReferenceData.Step s : data.steps()) {
      if ((s.phase() + "." + s.number()).equals(r.item())) {
        return m.get("checklist.label-step", s.phase(), s.number(), s.text());
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
  private long requireAudited(PluginText m, Principal caller, String ws, String checklist,
      String item, ItemChange change) {
    String expected = auditAction(change);
    if (expected.isEmpty()) {
      throw m.problem(400, "checklist.nothing-to-change");
    }
    String subject = checklist + " " + item;
    if (change.audit() == null) {
      throw m.problem(400, "checklist.audit-missing", ClusterChecklistPlugin.ID, subject,
          expected);
    }
    WorkspaceViews.AuditedAction a = views.auditedAction(ws, change.audit()).orElseThrow(() ->
        m.problem(400, "checklist.audit-not-plugin-action", change.audit(),
            ClusterChecklistPlugin.ID, subject, expected));
    if (!a.accountId().equals(caller.getName()) || !a.plugin().equals(ClusterChecklistPlugin.ID)
        || !a.subject().equals(subject) || !a.action().equals(expected)) {
      throw m.problem(400, "checklist.audit-not-yours", change.audit(),
          ClusterChecklistPlugin.ID, subject, expected);
    }
    return change.audit();
  }

  Item change(PluginText m, Principal caller, String ws, String checklist, String item,
      ItemChange change) throws SQLException {
    String role = role(m, caller, ws);
    clusterOf(m, checklist);
    Item current = read(m, ws, checklist).items().stream().filter(i -> i.item().equals(item))
        .findFirst().orElseThrow(() -> m.problem(404, "checklist.no-item", item, checklist));
    if (!manages(role)) {
      if (!role.equals("contributor") || !current.assignees().contains(caller.getName())) {
        throw m.problem(403, "checklist.only-assigned-change");
      }
      if (change.assignees() != null) {
        throw m.problem(403, "checklist.only-managers-assign");
      }
    }
    if (change.status() != null && !Item.STATUSES.contains(change.status())) {
      throw m.problem(400, "checklist.status-values", String.join(", ", Item.STATUSES));
    }
    Set<String> assignees = change.assignees() == null ? null
        : new LinkedHashSet<>(change.assignees());
    if (assignees != null) {
      Set<String> members = views.members(ws).stream().map(WorkspaceViews.Member::accountId)
          .collect(Collectors.toSet());
      for (String a : assignees) {
        if (!members.contains(a)) {
          throw m.problem(400, "checklist.assignee-not-member", a);
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
          throw m.problem(400, "checklist.document-not-present", d);
        }
      }
    }
    boolean clearNotes = change.notes() != null && change.notes().isEmpty();
    if (change.notes() != null && !clearNotes && !present.contains(change.notes())) {
      throw m.problem(400, "checklist.notes-not-document", change.notes());
    }
    if (Boolean.TRUE.equals(change.check())) {
      if (auditAction(change).isEmpty()) {
        throw m.problem(400, "checklist.nothing-to-change");
      }
      return current;
    }
    long audit = requireAudited(m, caller, ws, checklist, item, change);
    if (!store.update(ws, checklist, item, new ChecklistStore.Change(change.status(),
        assignees, documents, clearNotes ? null : change.notes(), clearNotes), audit,
        caller.getName(), today())) {
      throw m.problem(409, "checklist.audit-used", audit);
    }
    return read(m, ws, checklist).items().stream().filter(i -> i.item().equals(item))
        .findFirst().orElseThrow();
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }
}
