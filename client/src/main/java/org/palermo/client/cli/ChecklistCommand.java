package org.palermo.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.checklist.ChecklistClient;
import org.palermo.client.plugin.SealedStorage;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo checklist ...}: the cluster-checklist plugin's review profile, schedule and
 * checklists; an item's notes are sealed here before anything reaches the server.
 */
@Command(name = "checklist", mixinStandardHelpOptions = true)
final class ChecklistCommand {
  @ParentCommand PalermoCli root;


  private ChecklistClient client() {
    return new ChecklistClient(root.loggedIn());
  }

  private WorkspaceId workspace(PalermoCli.Unlocked session, String ws) {
    return session.workspaces().resolve(ws);
  }

  @Command(name = "profile", mixinStandardHelpOptions = true)
  int profile(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-checklist.ws") String ws,
      @Option(names = "--state", paramLabel = "STATE", descriptionKey = "help-checklist.state")
      String state,
      @Option(names = "--instrument", paramLabel = "ID", split = ",",
          descriptionKey = "help-checklist.instrument") List<String> instruments,
      @Option(names = "--uncac", paramLabel = "yes|no", descriptionKey = "help-checklist.uncac")
      String uncac,
      @Option(names = "--group", paramLabel = "N", descriptionKey = "help-checklist.group")
      Integer group,
      @Option(names = "--start-year", paramLabel = "YEAR",
          descriptionKey = "help-checklist.start-year") Integer startYear) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    JsonNode profile;
    if (state == null && instruments == null && uncac == null && group == null
        && startYear == null) {
      profile = client().profile(workspace);
    } else {
      if (state == null || instruments == null || uncac == null || group == null
          || startYear == null) {
        throw ClientException.usage(Text.of("cmd-checklist.profile-needs-all"));
      }
      if (!uncac.equals("yes") && !uncac.equals("no")) {
        throw ClientException.usage(Text.of("cmd-checklist.uncac-yes-or-no"));
      }
      profile = client().saveProfile(workspace, state, instruments, uncac.equals("yes"), group,
          startYear);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", profile.path("state").asText());
    List<String> ids = new ArrayList<>();
    profile.path("instruments").forEach(i -> ids.add(i.asText()));
    out.put("instruments", String.join(",", ids));
    out.put("partyToUncac", root.value(profile.path("partyToUncac").asBoolean()
        ? Text.of("cmd-checklist.yes") : Text.of("cmd-checklist.no")));
    out.put("group", profile.path("group").asInt());
    out.put("startYear", profile.path("startYear").asInt());
    root.print(out);
    return 0;
  }

  @Command(name = "schedule", mixinStandardHelpOptions = true)
  int schedule(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-checklist.ws") String ws,
      @Option(names = "--year", paramLabel = "N", descriptionKey = "help-checklist.year")
      Integer year,
      @Option(names = "--calendar-year", paramLabel = "YEAR",
          descriptionKey = "help-checklist.calendar-year") Integer calendarYear) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    JsonNode s = client().schedule(workspace, year, calendarYear);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("year", s.path("phase").path("year").asInt() + " ("
        + s.path("phase").path("calendarYear").asInt() + ")");
    out.put("phase", root.value(phase(s.path("phase"))));
    out.put("next", root.value(s.path("next").isNull() || s.path("next").isMissingNode()
        ? Text.of("cmd-checklist.none") : phase(s.path("next"))));
    List<String> articles = new ArrayList<>();
    s.path("articles").forEach(a -> articles.add(a.path("instrument").asText() + " "
        + a.path("article").asText()));
    out.put("articles", articles.isEmpty() ? root.value(Text.of("cmd-checklist.none"))
        : String.join(", ", articles));
    root.print(out);
    return 0;
  }

  private static Text phase(JsonNode p) {
    int first = p.path("firstYear").asInt();
    int last = p.path("lastYear").asInt();
    return switch (p.path("stage").asText()) {
      case "review" -> Text.of("cmd-checklist.phase-review", p.path("cluster").asInt(), first,
          last);
      case "preparatory" -> Text.of("cmd-checklist.phase-preparatory", first, last);
      case "waiting" -> Text.of("cmd-checklist.phase-waiting", first, last);
      case "done" -> Text.of("cmd-checklist.phase-done");
      default -> Text.of("cmd-checklist.phase-other", p.path("stage").asText(), first, last);
    };
  }

  @Command(name = "start", mixinStandardHelpOptions = true)
  int start(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-checklist.ws") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST",
          descriptionKey = "help-checklist.checklist") String checklist) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    return show(client().start(workspace, checklist));
  }

  @Command(name = "show", mixinStandardHelpOptions = true)
  int show(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-checklist.ws") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST",
          descriptionKey = "help-checklist.checklist") String checklist) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    return show(client().get(workspace, checklist));
  }

  private int show(JsonNode c) {
    if (root.json()) {
      root.terminal().out().println(c.toString());
      return 0;
    }
    Terminal terminal = root.terminal();
    var out = terminal.out();
    out.println(c.path("title").asText());
    c.path("items").forEach(i -> out.println("  " + terminal.text(Text.of("cmd-checklist.item",
        i.path("item").asText(), i.path("status").asText(), i.path("label").asText()))
        + (i.path("assignees").isEmpty() ? "" : "  " + terminal.text(Text.of(
            "cmd-checklist.assigned", i.path("assignees").size())))
        + (i.path("documents").isEmpty() ? "" : "  " + terminal.text(Text.of(
            "cmd-checklist.documents", i.path("documents").size())))
        + (i.path("notes").isTextual() ? "  " + terminal.text(Text.of("cmd-checklist.notes"))
            : "")));
    c.path("progress").fields().forEachRemaining(e -> terminal.say(Text.of(
        "cmd-checklist.progress", e.getKey(), e.getValue().path("done").asInt(),
        e.getValue().path("total").asInt(), e.getValue().path("percent").asInt())));
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true)
  int set(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-checklist.ws") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST",
          descriptionKey = "help-checklist.checklist") String checklist,
      @Parameters(index = "2", paramLabel = "ITEM", descriptionKey = "help-checklist.item")
      String item,
      @Option(names = "--status", paramLabel = "S", descriptionKey = "help-checklist.status")
      String status,
      @Option(names = "--assign", paramLabel = "HANDLE", split = ",",
          descriptionKey = "help-checklist.assign") List<String> assign,
      @Option(names = "--link", paramLabel = "DOC", split = ",",
          descriptionKey = "help-checklist.link") List<String> link,
      @Option(names = "--notes-file", paramLabel = "FILE",
          descriptionKey = "help-checklist.notes-file") Path notesFile) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = workspace(session, ws);
    ChecklistClient client = client();
    List<String> assignees = null;
    if (assign != null) {
      assignees = new ArrayList<>();
      for (String handle : assign) {
        if (!handle.isBlank()) {
          assignees.add(session.workspaces().contact(handle.strip()).account().toString());
        }
      }
    }
    List<String> documents = null;
    if (link != null) {
      documents = new ArrayList<>();
      for (String d : link) {
        if (!d.isBlank()) {
          documents.add(session.documents().resolve(workspace, d.strip()).toString());
        }
      }
    }
    if (status == null && assignees == null && documents == null && notesFile == null) {
      throw ClientException.usage(Text.of("cmd-checklist.nothing-to-change"));
    }
    String text = null;
    if (notesFile != null) {
      try {
        text = Files.readString(notesFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw ClientException.usage(Text.of("cmd-checklist.cannot-read", notesFile));
      }
    }
    // Asked first whether the plugin takes the change (nothing sealed or logged for a refused
    // one); then the notes are sealed, the change goes to the audit log, signed here, and only
    // then to the plugin, which makes no change the audit log does not hold.
    client.check(workspace, checklist, item, status, assignees, documents,
        text == null ? null : "");
    String notesDocument = text == null ? null : client.sealNotes(SealedStorage.of(
        session.documents(), root.home(), workspace, ChecklistClient.PLUGIN), checklist, item,
        text);
    long audit = session.audit().pluginAction(workspace, ChecklistClient.PLUGIN,
        ChecklistClient.auditSubject(checklist, item),
        ChecklistClient.auditAction(status, assignees, documents, notesDocument));
    JsonNode changed = client.change(workspace, checklist, item, status, assignees, documents,
        notesDocument, audit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("item", changed.path("item").asText());
    out.put("status", changed.path("status").asText());
    out.put("assignees", changed.path("assignees").size());
    out.put("documents", changed.path("documents").size());
    out.put("notes", changed.path("notes").isTextual() ? changed.path("notes").asText()
        : root.value(Text.of("cmd-checklist.none")));
    root.print(out);
    return 0;
  }

  @Command(name = "notes", mixinStandardHelpOptions = true)
  int notes(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-checklist.ws") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST",
          descriptionKey = "help-checklist.checklist") String checklist,
      @Parameters(index = "2", paramLabel = "ITEM", descriptionKey = "help-checklist.item")
      String item) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = workspace(session, ws);
    String text = client().notes(SealedStorage.of(session.documents(), root.home(), workspace,
        ChecklistClient.PLUGIN), checklist, item);
    if (text == null) {
      throw ClientException.refused(Text.of("cmd-checklist.no-notes"));
    }
    root.terminal().out().print(text);
    root.terminal().out().flush();
    return 0;
  }
}
