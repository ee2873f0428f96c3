package org.palermo.plugins.translation;

import java.security.Principal;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.palermo.plugin.api.PluginContext;
import org.palermo.plugin.api.PluginText;
import org.palermo.plugin.api.WorkspaceViews;

/**
 * The rules of language versions and translation requests. The server knows ids, versions,
 * levels and language tags only: a translation's words are sealed like any document's.
 *
 * <ul>
 *   <li>A translation is a document of the same workspace linked to a version of its source;
 *       it is outdated as soon as the source has a later version.
 *   <li>A translation is never more open than its source (confidential, then States only,
 *       then public): a member may keep it more closed, never more open.
 *   <li>Members who write (owner, editor, contributor) request and link; viewers read.
 * </ul>
 */
final class TranslationService {
  static final String ID = "[0-9a-f]{32}";
  static final List<String> STATUSES = List.of("open", "in-progress", "done", "cancelled");
  private static final List<String> LEVELS = List.of("confidential", "states-only", "public");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final TranslationStore store;
  private final PluginContext context;
  private final WorkspaceViews views;
  private final Clock clock;

  TranslationService(TranslationStore store, PluginContext context, WorkspaceViews views,
      Clock clock) {
    this.store = store;
    this.context = context;
    this.views = views;
    this.clock = clock;
  }

  /** A language version as listed. */
  record Version(String source, long sourceVersion, long sourceCurrentVersion,
      String sourceLanguage, String translation, long translationVersion, String language,
      boolean outdated, boolean machineTranslated, String engine, String level,
      String sourceLevel, String linkedBy, String linkedAt) {}

  /** A request as listed. */
  record Request(String id, String source, long sourceVersion, String language, String due,
      String assignee, String assigneeHandle, String status, boolean overdue,
      String translation, String requestedBy, String requestedAt) {}

  List<Version> versions(Principal caller, String ws, PluginText texts) throws SQLException {
    role(caller, ws, texts);
    Map<String, WorkspaceViews.Document> documents = documents(ws);
    List<Version> out = new ArrayList<>();
    for (TranslationStore.Link link : store.links(ws)) {
      WorkspaceViews.Document source = documents.get(link.sourceId());
      WorkspaceViews.Document translation = documents.get(link.translationId());
      if (source == null || translation == null || translation.removed()) {
        continue;
      }
      out.add(version(link, source, translation));
    }
    return out;
  }

  Version link(Principal caller, String ws, String sourceId, Long sourceVersion,
      String translationId, String sourceLanguage, String language, String engine,
      PluginText texts) throws SQLException {
    writer(caller, ws, texts);
    String from = language(sourceLanguage, "sourceLanguage", texts);
    String to = language(language, "language", texts);
    if (from.equals(to)) {
      throw texts.problem(400, "translation.same-language", to);
    }
    if (engine != null && !engine.matches("[a-z0-9-]{1,40}")) {
      throw texts.problem(400, "translation.bad-engine");
    }
    Map<String, WorkspaceViews.Document> documents = documents(ws);
    WorkspaceViews.Document source = present(documents, sourceId, texts);
    WorkspaceViews.Document translation = present(documents, translationId, texts);
    if (source.documentId().equals(translation.documentId())) {
      throw texts.problem(400, "translation.own-translation");
    }
    if (store.isTranslation(ws, source.documentId())) {
      throw texts.problem(409, "translation.source-is-translation", source.documentId());
    }
    long version = sourceVersion == null ? source.version() : sourceVersion;
    if (version < 1 || version > source.version()) {
      throw texts.problem(400, "translation.no-such-source-version", version, source.version());
    }
    if (LEVELS.indexOf(translation.level()) > LEVELS.indexOf(source.level())) {
      throw texts.problem(409, "translation.more-open-than-source", translation.level(),
          source.level());
    }
    TranslationStore.Link link = new TranslationStore.Link(translation.documentId(), ws,
        source.documentId(), version, translation.version(), from, to, engine,
        caller.getName(), now());
    store.link(link);
    store.fulfil(ws, source.documentId(), to, translation.documentId());
    return version(link, source, translation);
  }

  void unlink(Principal caller, String ws, String translationId, PluginText texts)
      throws SQLException {
    writer(caller, ws, texts);
    if (translationId == null || !translationId.matches(ID)
        || store.link(ws, translationId).isEmpty()) {
      throw texts.problem(404, "translation.no-such-link");
    }
    store.unlink(ws, translationId);
  }

  List<Request> request(Principal caller, String ws, String sourceId, List<String> languages,
      String due, String assigneeHandle, PluginText texts) throws SQLException {
    writer(caller, ws, texts);
    Map<String, WorkspaceViews.Document> documents = documents(ws);
    WorkspaceViews.Document source = present(documents, sourceId, texts);
    if (languages == null || languages.isEmpty() || languages.size() > PluginText.LANGUAGES.size()) {
      throw texts.problem(400, "translation.name-languages");
    }
    List<String> targets = languages.stream().map(l -> language(l, "languages", texts))
        .distinct().toList();
    LocalDate dueOn = date(due, texts);
    if (dueOn.isBefore(today())) {
      throw texts.problem(400, "translation.due-in-past", due);
    }
    String assignee = null;
    if (assigneeHandle != null && !assigneeHandle.isBlank()) {
      assignee = views.members(ws).stream()
          .filter(m -> m.handle().equals(assigneeHandle) || m.accountId().equals(assigneeHandle))
          .map(WorkspaceViews.Member::accountId).findFirst()
          .orElseThrow(() -> texts.problem(400, "translation.assignee-not-member",
              assigneeHandle));
    }
    List<TranslationStore.Request> made = new ArrayList<>();
    for (String language : targets) {
      TranslationStore.Request r = new TranslationStore.Request(newId(), ws,
          source.documentId(), source.version(), language, dueOn, assignee, "open", null,
          caller.getName(), now());
      store.add(r);
      made.add(r);
    }
    Map<String, String> handles = handles(ws);
    return made.stream().map(r -> request(r, handles)).toList();
  }

  List<Request> requests(Principal caller, String ws, PluginText texts) throws SQLException {
    role(caller, ws, texts);
    Map<String, String> handles = handles(ws);
    return store.requests(ws).stream().map(r -> request(r, handles)).toList();
  }

  Request setStatus(Principal caller, String ws, String id, String status, PluginText texts)
      throws SQLException {
    String role = role(caller, ws, texts);
    TranslationStore.Request r = (id != null && id.matches(ID) ? store.request(ws, id)
        : Optional.<TranslationStore.Request>empty())
        .orElseThrow(() -> texts.problem(404, "translation.no-such-request"));
    if (status == null || !STATUSES.contains(status)) {
      throw texts.problem(400, "translation.bad-status", String.join(", ", STATUSES));
    }
    boolean manages = role.equals("owner") || role.equals("editor");
    if (!manages && !caller.getName().equals(r.assignee())
        && !caller.getName().equals(r.requestedBy())) {
      throw texts.problem(403, "translation.not-yours");
    }
    if (r.status().equals("done") || r.status().equals("cancelled")) {
      throw texts.problem(409, "translation.request-closed", r.status());
    }
    store.setStatus(r.id(), status, null);
    return request(store.request(ws, r.id()).orElseThrow(), handles(ws));
  }

  private Version version(TranslationStore.Link link, WorkspaceViews.Document source,
      WorkspaceViews.Document translation) {
    return new Version(link.sourceId(), link.sourceVersion(), source.version(),
        link.sourceLanguage(), link.translationId(), link.translationVersion(), link.language(),
        source.version() > link.sourceVersion() || source.removed(),
        link.machineEngine() != null, link.machineEngine(), translation.level(),
        source.level(), link.linkedBy(), link.linkedAt().truncatedTo(ChronoUnit.MINUTES)
            .toString());
  }

  private Request request(TranslationStore.Request r, Map<String, String> handles) {
    boolean open = r.status().equals("open") || r.status().equals("in-progress");
    return new Request(r.id(), r.sourceId(), r.sourceVersion(), r.language(),
        r.dueOn().toString(), r.assignee(), r.assignee() == null ? null
            : handles.get(r.assignee()), r.status(), open && r.dueOn().isBefore(today()),
        r.translationId(), r.requestedBy(), r.requestedAt().truncatedTo(ChronoUnit.MINUTES)
            .toString());
  }

  private String role(Principal caller, String ws, PluginText texts) {
    if (ws == null || !ws.matches(ID)) {
      throw texts.problem(404, "translation.no-such-workspace");
    }
    return context.callerRole(caller, ws)
        .orElseThrow(() -> texts.problem(404, "translation.no-such-workspace"));
  }

  private void writer(Principal caller, String ws, PluginText texts) {
    if (role(caller, ws, texts).equals("viewer")) {
      throw texts.problem(403, "translation.viewers-read");
    }
  }

  private Map<String, WorkspaceViews.Document> documents(String ws) {
    return views.documents(ws).stream()
        .collect(Collectors.toMap(WorkspaceViews.Document::documentId, Function.identity()));
  }

  private Map<String, String> handles(String ws) {
    return views.members(ws).stream().collect(Collectors.toMap(WorkspaceViews.Member::accountId,
        WorkspaceViews.Member::handle, (a, b) -> a));
  }

  private static WorkspaceViews.Document present(Map<String, WorkspaceViews.Document> documents,
      String id, PluginText texts) {
    WorkspaceViews.Document d = id == null ? null : documents.get(id);
    if (d == null || d.removed()) {
      throw texts.problem(404, "translation.no-such-document", String.valueOf(id));
    }
    return d;
  }

  private static String language(String tag, String field, PluginText texts) {
    if (tag == null || !PluginText.LANGUAGES.contains(tag)) {
      throw texts.problem(400, "translation.bad-language", field,
          String.join(", ", PluginText.LANGUAGES));
    }
    return tag;
  }

  private static LocalDate date(String value, PluginText texts) {
    try {
      return LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw texts.problem(400, "translation.bad-date");
    }
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String newId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }
}
