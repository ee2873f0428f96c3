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
import org.palermo.plugin.api.PluginProblem;
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

  private DialogueStore.Dialogue dialogue(String id) throws SQLException {
    if (!id.matches(ID)) {
      throw new PluginProblem(404, "No such dialogue.");
    }
    return store.dialogue(id).orElseThrow(() -> new PluginProblem(404, "No such dialogue."));
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

  Summary create(Principal caller, String workingGroup, String date, Integer minimum)
      throws SQLException {
    if (!has(caller, "secretariat")) {
      throw new PluginProblem(403, "Only the Secretariat convenes constructive dialogues.");
    }
    if (workingGroup == null || !Rules.WORKING_GROUPS.contains(workingGroup)) {
      throw new PluginProblem(400, "The Working Group is one of "
          + String.join(", ", Rules.WORKING_GROUPS) + ".");
    }
    LocalDate day = date(date);
    if (!day.isAfter(today())) {
      throw new PluginProblem(400, "A dialogue is convened for a later day.");
    }
    int min = minimum == null ? 1 : minimum;
    if (min < 1 || min > 1000) {
      throw new PluginProblem(400, "The minimum number of applications is 1 to 1000.");
    }
    byte[] id = new byte[16];
    random.nextBytes(id);
    DialogueStore.Dialogue d = new DialogueStore.Dialogue(HexFormat.of().formatHex(id),
        workingGroup, day, min, OPEN, null);
    store.create(d, caller.getName());
    return summary(d);
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(String.valueOf(text));
    } catch (DateTimeParseException e) {
      throw new PluginProblem(400, "The date is YYYY-MM-DD.");
    }
  }

  /** A registration as the rules show it to States and officials. */
  record Applicant(String registration, String organization, String status, String registeredOn,
      List<String> representatives, String comments, List<DialogueStore.Objection> objections) {}

  /** A dialogue with, for certified States and officials, its applicants. */
  record Detail(Summary dialogue, List<Applicant> applicants) {}

  Detail get(Principal caller, String id) throws SQLException {
    DialogueStore.Dialogue d = dialogue(id);
    boolean state = context.certifiedState(caller).isPresent();
    if (!state && !official(caller)) {
      return new Detail(summary(d), null);
    }
    List<Applicant> applicants = new ArrayList<>();
    for (DialogueStore.Registration r : store.registrations(id)) {
      Map<String, String> handles = new LinkedHashMap<>();
      views.members(r.workspaceId()).forEach(m -> handles.put(m.accountId(), m.handle()));
      applicants.add(new Applicant(r.workspaceId(), r.organization(), r.status(),
          r.registeredOn().toString(), r.representatives().stream()
              .map(a -> handles.getOrDefault(a, a)).toList(), r.comments(),
          store.objections(id, r.workspaceId())));
    }
    return new Detail(summary(d), applicants);
  }

  private String memberRole(Principal caller, String ws) {
    if (!ws.matches(ID)) {
      throw new PluginProblem(404, "No such workspace, or you are not a member of it.");
    }
    return context.callerRole(caller, ws).orElseThrow(() -> new PluginProblem(404,
        "No such workspace, or you are not a member of it."));
  }

  private static boolean manages(String role) {
    return role.equals("owner") || role.equals("editor");
  }

  /** A registration as its organization sees it, with every change of its status. */
  record Own(String dialogue, String organization, String status, String registeredOn,
      List<String> representatives, String comments, List<DialogueStore.Change> history) {}

  Own register(Principal caller, String id, String ws, String organization,
      List<String> representatives) throws SQLException {
    DialogueStore.Dialogue d = dialogue(id);
    if (!manages(memberRole(caller, ws))) {
      throw new PluginProblem(403, "Owners and editors register their organization.");
    }
    if (!d.status().equals(OPEN)) {
      throw new PluginProblem(409, "This dialogue is " + d.status() + ".");
    }
    LocalDate today = today();
    if (!Rules.inTime(today, d.day())) {
      throw new PluginProblem(409, "Registration for this dialogue closed on "
          + Rules.deadline(d.day()) + ", " + Rules.DEADLINE_DAYS + " days before it is held on "
          + d.day() + " (UTC).");
    }
    if (organization == null || organization.isBlank() || organization.length() > 200
        || organization.codePoints().anyMatch(Character::isISOControl)) {
      throw new PluginProblem(400, "Name the organization: 1 to 200 characters.");
    }
    if (representatives == null || representatives.isEmpty() || representatives.size() > 10) {
      throw new PluginProblem(400, "Name 1 to 10 representatives, by their handles.");
    }
    Map<String, String> byHandle = new LinkedHashMap<>();
    views.members(ws).forEach(m -> byHandle.put(m.handle(), m.accountId()));
    List<String> accounts = new ArrayList<>();
    for (String handle : representatives) {
      String account = byHandle.get(handle);
      if (account == null) {
        throw new PluginProblem(400, "Representatives are members of the workspace: '"
            + handle + "' is not one.");
      }
      if (!accounts.contains(account)) {
        accounts.add(account);
      }
    }
    boolean made = store.register(id, new DialogueStore.Registration(ws, organization.strip(),
        "registered", today, null, accounts), "Registered; the list of applicants is"
        + " circulated to the States Parties.");
    if (!made) {
      throw new PluginProblem(409, "This organization is registered for the dialogue"
          + " already.");
    }
    return own(caller, id, ws);
  }

  Own own(Principal caller, String id, String ws) throws SQLException {
    dialogue(id);
    memberRole(caller, ws);
    DialogueStore.Registration r = store.registration(id, ws).orElseThrow(() ->
        new PluginProblem(404, "Your organization has not registered for this dialogue."));
    return new Own(id, r.organization(), r.status(), r.registeredOn().toString(),
        r.representatives(), r.comments(), store.history(id, ws));
  }

  private DialogueStore.Registration registration(String id, String ws) throws SQLException {
    return store.registration(id, ws).orElseThrow(() ->
        new PluginProblem(404, "No such registration."));
  }

  Applicant object(Principal caller, String id, String ws, String reason) throws SQLException {
    DialogueStore.Dialogue d = dialogue(id);
    String state = context.certifiedState(caller).orElseThrow(() -> new PluginProblem(403,
        "Only certified State accounts object to an applicant."));
    DialogueStore.Registration r = registration(id, ws);
    if (!d.status().equals(OPEN) || !today().isBefore(d.day())) {
      throw new PluginProblem(409, "Objections are made before the dialogue.");
    }
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw new PluginProblem(400, "Give the reason for the objection, 1 to 1000 characters.");
    }
    store.object(id, ws, new DialogueStore.Objection(state, reason.strip(),
        today().toString()));
    if (!r.status().equals("referred")) {
      store.changeStatus(id, ws, "referred", "A State Party objected; the matter is referred"
          + " to the Bureau of the Conference.", today());
    }
    return get(caller, id).applicants().stream().filter(a -> a.registration().equals(ws))
        .findFirst().orElseThrow();
  }

  Applicant decide(Principal caller, String id, String ws, String decision, String reason)
      throws SQLException {
    dialogue(id);
    if (!has(caller, "bureau")) {
      throw new PluginProblem(403, "Only the Bureau rules on objections.");
    }
    DialogueStore.Registration r = registration(id, ws);
    if (!r.status().equals("referred")) {
      throw new PluginProblem(409, "The Bureau rules on registrations referred to it; this one"
          + " is " + r.status() + ".");
    }
    String status = switch (String.valueOf(decision)) {
      case "admit" -> "admitted";
      case "reject" -> "rejected";
      default -> throw new PluginProblem(400, "The decision is admit or reject.");
    };
    String note = "The Bureau " + status + " the registration"
        + (reason == null || reason.isBlank() ? "." : ": " + reason.strip());
    store.changeStatus(id, ws, status, note.length() > 1000 ? note.substring(0, 1000) : note,
        today());
    return get(caller, id).applicants().stream().filter(a -> a.registration().equals(ws))
        .findFirst().orElseThrow();
  }

  Summary callOff(Principal caller, String id) throws SQLException {
    DialogueStore.Dialogue d = dialogue(id);
    if (!has(caller, "chair")) {
      throw new PluginProblem(403, "Only the chair decides not to convene a dialogue.");
    }
    int applications = store.applications(id);
    if (!d.status().equals(OPEN) || !Rules.mayCallOff(today(), d.day(), applications,
        d.minimum())) {
      throw new PluginProblem(409, "A dialogue is not convened only after its registration"
          + " deadline (" + Rules.deadline(d.day()) + ") and with fewer applications than"
          + " its minimum (" + applications + " of " + d.minimum() + ").");
    }
    store.setStatus(id, NOT_CONVENED);
    for (DialogueStore.Registration r : store.registrations(id)) {
      store.changeStatus(id, r.workspaceId(), NOT_CONVENED, "The chair decided not to convene"
          + " the dialogue: too few organizations applied.", today());
    }
    return summary(dialogue(id));
  }

  Own comment(Principal caller, String id, String ws, String document) throws SQLException {
    DialogueStore.Dialogue d = dialogue(id);
    if (!manages(memberRole(caller, ws))) {
      throw new PluginProblem(403, "Owners and editors submit their organization's written"
          + " comments.");
    }
    DialogueStore.Registration r = registration(id, ws);
    if (!today().isBefore(d.day()) || !d.status().equals(OPEN)
        || r.status().equals("rejected")) {
      throw new PluginProblem(409, "Written comments are submitted before the session, by a"
          + " registration that stands.");
    }
    boolean present = views.documents(ws).stream()
        .anyMatch(doc -> doc.documentId().equals(document) && !doc.removed());
    if (document == null || !present) {
      throw new PluginProblem(400, "Link a document of the workspace (its disclosure level"
          + " governs who reads it).");
    }
    store.setComments(id, ws, document);
    return own(caller, id, ws);
  }

  Summary attachSummary(Principal caller, String id, String text) throws SQLException {
    DialogueStore.Dialogue d = dialogue(id);
    if (!has(caller, "chair")) {
      throw new PluginProblem(403, "Only the chair writes the dialogue's summary.");
    }
    if (today().isBefore(d.day()) || d.status().equals(NOT_CONVENED)) {
      throw new PluginProblem(409, "The summary follows a dialogue that was held.");
    }
    if (text == null || text.isBlank() || text.length() > 20_000) {
      throw new PluginProblem(400, "The summary is 1 to 20,000 characters.");
    }
    store.setSummary(id, text.strip());
    store.setStatus(id, HELD);
    return summary(dialogue(id));
  }
}
