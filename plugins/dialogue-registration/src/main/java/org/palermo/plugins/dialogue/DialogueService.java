package org.palermo.plugins.dialogue;

import java.security.Principal;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;
import org.palermo.plugin.api.WorkspaceViews;

/**
 * The constructive dialogues' rules: the Secretariat convenes, organizations register in time,
 * certified States see the applicants and may object, the Bureau rules on objections, the chair
 * may call a dialogue off when too few applied and attaches the summary afterwards.
 */
final class DialogueService {
  private static final String ID = "[0-9a-f]{32}";
  static final String OPEN = "open";
  static final String NOT_CONVENED = "not-convened";
  static final String HELD = "held";

  private final DialogueStore store;
  private final java.util.function.Supplier<Roles> roles;
  private final PluginContext context;
  private final WorkspaceViews views;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  DialogueService(DialogueStore store, java.util.function.Supplier<Roles> roles,
      PluginContext context, WorkspaceViews views, Clock clock) {
    this.store = store;
    this.roles = roles;
    this.context = context;
    this.views = views;
    this.clock = clock;
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  private boolean has(Principal caller, String role) {
    return roles.get().has(caller.getName(), role);
  }

  private boolean official(Principal caller) {
    return has(caller, "secretariat") || has(caller, "bureau") || has(caller, "chair");
  }

  private DialogueStore.Dialogue dialogue(PluginText m, String id) throws SQLException {
    if (!id.matches(ID)) {
      throw m.problem(404, "dialogue.no-dialogue");
    }
    return store.dialogue(id).orElseThrow(() -> m.problem(404, "dialogue.no-dialogue"));
  }

  /** A dialogue as anyone logged in sees it. */
  record Summary(String id, String workingGroup, String date, String registrationDeadline,
      int minimum, String status, int applications, String summary) {}

  private Summary summary(DialogueStore.Dialogue d) throws SQLException {
    return new Summary(d.id(), d.workingGroup(), d.day().toString(),
        Rules.deadline(d.day()).toString(), d.minimum(), d.status(),
        store.applications(d.id()), d.summary());
  }

  List<Summary> list() throws SQLException {
    List<Summary> out = new ArrayList<>();
    for (DialogueStore.Dialogue d : store.dialogues()) {
      out.add(summary(d));
    }
    return out;
  }

  Summary create(PluginText m, Principal caller, String workingGroup, String date,
      Integer minimum) throws SQLException {
    if (!has(caller, "secretariat")) {
      throw m.problem(403, "dialogue.only-secretariat-convenes");
    }
    if (workingGroup == null || !Rules.WORKING_GROUPS.contains(workingGroup)) {
      throw m.problem(400, "dialogue.working-group-values",
          String.join(", ", Rules.WORKING_GROUPS));
    }
    LocalDate day = date(m, date);
    if (!day.isAfter(today())) {
      throw m.problem(400, "dialogue.date-later");
    }
    int min = minimum == null ? 1 : minimum;
    if (min < 1 || min > 1000) {
      throw m.problem(400, "dialogue.minimum-range");
    }
    byte[] id = new byte[16];
    random.nextBytes(id);
    DialogueStore.Dialogue d = new DialogueStore.Dialogue(HexFormat.of().formatHex(id),
        workingGroup, day, min, OPEN, null);
    store.create(d, caller.getName());
    return summary(d);
  }

  private static LocalDate date(PluginText m, String text) {
    try {
      return LocalDate.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw m.problem(400, "dialogue.date-format");
    }
  }

  /** A registration as the rules show it to States and officials. */
  record Applicant(String registration, String organization, String status, String registeredOn,
      List<String> representatives, String comments, List<DialogueStore.Objection> objections) {}

  /** A dialogue with, for certified States and officials, its applicants. */
  record Detail(Summary dialogue, List<Applicant> applicants) {}

  Detail get(PluginText m, Principal caller, String id) throws SQLException {
    DialogueStore.Dialogue d = dialogue(m, id);
    boolean state = context.certifiedState(caller).isPresent();
    if (!state && !official(caller)) {
      return new Detail(summary(d), null);
    }
    List<Applicant> applicants = new ArrayList<>();
    for (DialogueStore.Registration r : store.registrations(id)) {
      Map<String, String> handles = new LinkedHashMap<>();
      views.members(r.workspaceId())
          .forEach(member -> handles.put(member.accountId(), member.handle()));
      applicants.add(new Applicant(r.workspaceId(), r.organization(), r.status(),
          r.registeredOn().toString(), r.representatives().stream()
              .map(a -> handles.getOrDefault(a, a)).toList(), r.comments(),
          store.objections(id, r.workspaceId())));
    }
    return new Detail(summary(d), applicants);
  }

  private String memberRole(PluginText m, Principal caller, String ws) {
    if (!ws.matches(ID)) {
      throw m.problem(404, "dialogue.not-found-workspace");
    }
    return context.callerRole(caller, ws).orElseThrow(() ->
        m.problem(404, "dialogue.not-found-workspace"));
  }

  private static boolean manages(String role) {
    return role.equals("owner") || role.equals("editor");
  }

  /** A registration as its organization sees it, with every change of its status. */
  record Own(String dialogue, String organization, String status, String registeredOn,
      List<String> representatives, String comments, List<DialogueStore.Change> history) {}

  Own register(PluginText m, Principal caller, String id, String ws, String organization,
      List<String> representatives) throws SQLException {
    DialogueStore.Dialogue d = dialogue(m, id);
    if (!manages(memberRole(m, caller, ws))) {
      throw m.problem(403, "dialogue.only-managers-register");
    }
    if (!d.status().equals(OPEN)) {
      throw m.problem(409, "dialogue.not-open", d.status());
    }
    LocalDate today = today();
    if (!Rules.inTime(today, d.day())) {
      throw m.problem(409, "dialogue.registration-closed", Rules.deadline(d.day()),
          Rules.DEADLINE_DAYS, d.day());
    }
    if (organization == null || organization.isBlank() || organization.length() > 200
        || organization.codePoints().anyMatch(Character::isISOControl)) {
      throw m.problem(400, "dialogue.organization-name");
    }
    if (representatives == null || representatives.isEmpty() || representatives.size() > 10) {
      throw m.problem(400, "dialogue.representatives-count");
    }
    Map<String, String> byHandle = new LinkedHashMap<>();
    views.members(ws).forEach(member -> byHandle.put(member.handle(), member.accountId()));
    List<String> accounts = new ArrayList<>();
    for (String handle : representatives) {
      String account = byHandle.get(handle);
      if (account == null) {
        throw m.problem(400, "dialogue.representative-not-member", handle);
      }
      if (!accounts.contains(account)) {
        accounts.add(account);
      }
    }
    boolean made = store.register(id, new DialogueStore.Registration(ws, organization.strip(),
        "registered", today, null, accounts), note("dialogue.history-registered", null));
    if (!made) {
      throw m.problem(409, "dialogue.registered-already");
    }
    return own(m, caller, id, ws);
  }

  /**
   * A history line: its bundle key and the Bureau's reason (its argument, if any), so each
   * reader sees it in their language, with the English text kept beside them.
   */
  private DialogueStore.Note note(String key, String reason) {
    String english = PluginText.english(context).get(key, reason);
    return new DialogueStore.Note(english.length() > 1000 ? english.substring(0, 1000)
        : english, key, reason);
  }

  /** A history line in the reader's language; as written when it has no key this bundle has. */
  private static DialogueStore.Change shown(PluginText m, DialogueStore.Line line) {
    String key = line.note().key();
    String note = key != null && m.has(key) ? m.get(key, line.note().reason())
        : line.note().english();
    return new DialogueStore.Change(line.status(), note, line.on());
  }

  Own own(PluginText m, Principal caller, String id, String ws) throws SQLException {
    dialogue(m, id);
    memberRole(m, caller, ws);
    DialogueStore.Registration r = store.registration(id, ws).orElseThrow(() ->
        m.problem(404, "dialogue.not-registered"));
    return new Own(id, r.organization(), r.status(), r.registeredOn().toString(),
        r.representatives(), r.comments(),
        store.history(id, ws).stream().map(line -> shown(m, line)).toList());
  }

  private DialogueStore.Registration registration(PluginText m, String id, String ws)
      throws SQLException {
    return store.registration(id, ws).orElseThrow(() ->
        m.problem(404, "dialogue.no-registration"));
  }

  Applicant object(PluginText m, Principal caller, String id, String ws, String reason)
      throws SQLException {
    DialogueStore.Dialogue d = dialogue(m, id);
    String state = context.certifiedState(caller).orElseThrow(() ->
        m.problem(403, "dialogue.only-states-object"));
    DialogueStore.Registration r = registration(m, id, ws);
    if (!d.status().equals(OPEN) || !today().isBefore(d.day())) {
      throw m.problem(409, "dialogue.objection-late");
    }
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw m.problem(400, "dialogue.objection-reason");
    }
    store.object(id, ws, new DialogueStore.Objection(state, reason.strip(),
        today().toString()));
    if (!r.status().equals("referred")) {
      store.changeStatus(id, ws, "referred", note("dialogue.history-referred", null), today());
    }
    return get(m, caller, id).applicants().stream().filter(a -> a.registration().equals(ws))
        .findFirst().orElseThrow();
  }

  Applicant decide(PluginText m, Principal caller, String id, String ws, String decision,
      String reason) throws SQLException {
    dialogue(m, id);
    if (!has(caller, "bureau")) {
      throw m.problem(403, "dialogue.only-bureau-rules");
    }
    DialogueStore.Registration r = registration(m, id, ws);
    if (!r.status().equals("referred")) {
      throw m.problem(409, "dialogue.not-referred", r.status());
    }
    boolean admit = switch (String.valueOf(decision)) {
      case "admit" -> true;
      case "reject" -> false;
      default -> throw m.problem(400, "dialogue.decision-values");
    };
    String why = reason == null || reason.isBlank() ? null : reason.strip();
    if (why != null && why.length() > 1000) {
      why = why.substring(0, 1000);
    }
    DialogueStore.Note note = why == null
        ? note(admit ? "dialogue.history-admitted" : "dialogue.history-rejected", null)
        : note(admit ? "dialogue.history-admitted-because" : "dialogue.history-rejected-because",
            why);
    store.changeStatus(id, ws, admit ? "admitted" : "rejected", note, today());
    return get(m, caller, id).applicants().stream().filter(a -> a.registration().equals(ws))
        .findFirst().orElseThrow();
  }

  Summary callOff(PluginText m, Principal caller, String id) throws SQLException {
    DialogueStore.Dialogue d = dialogue(m, id);
    if (!has(caller, "chair")) {
      throw m.problem(403, "dialogue.only-chair-calls-off");
    }
    int applications = store.applications(id);
    if (!d.status().equals(OPEN) || !Rules.mayCallOff(today(), d.day(), applications,
        d.minimum())) {
      throw m.problem(409, "dialogue.call-off-conditions", Rules.deadline(d.day()),
          applications, d.minimum());
    }
    store.setStatus(id, NOT_CONVENED);
    for (DialogueStore.Registration r : store.registrations(id)) {
      store.changeStatus(id, r.workspaceId(), NOT_CONVENED,
          note("dialogue.history-not-convened", null), today());
    }
    return summary(dialogue(m, id));
  }

  Own comment(PluginText m, Principal caller, String id, String ws, String document)
      throws SQLException {
    DialogueStore.Dialogue d = dialogue(m, id);
    if (!manages(memberRole(m, caller, ws))) {
      throw m.problem(403, "dialogue.only-managers-comment");
    }
    DialogueStore.Registration r = registration(m, id, ws);
    if (!today().isBefore(d.day()) || !d.status().equals(OPEN)
        || r.status().equals("rejected")) {
      throw m.problem(409, "dialogue.comments-late");
    }
    boolean present = views.documents(ws).stream()
        .anyMatch(doc -> doc.documentId().equals(document) && !doc.removed());
    if (document == null || !present) {
      throw m.problem(400, "dialogue.comments-document");
    }
    store.setComments(id, ws, document);
    return own(m, caller, id, ws);
  }

  Summary attachSummary(PluginText m, Principal caller, String id, String text)
      throws SQLException {
    DialogueStore.Dialogue d = dialogue(m, id);
    if (!has(caller, "chair")) {
      throw m.problem(403, "dialogue.only-chair-summary");
    }
    if (today().isBefore(d.day()) || d.status().equals(NOT_CONVENED)) {
      throw m.problem(409, "dialogue.summary-not-held");
    }
    if (text == null || text.isBlank() || text.length() > 20_000) {
      throw m.problem(400, "dialogue.summary-length");
    }
    store.setSummary(id, text.strip());
    store.setStatus(id, HELD);
    return summary(dialogue(m, id));
  }
}
