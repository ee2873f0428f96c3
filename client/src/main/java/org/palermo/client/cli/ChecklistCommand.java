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
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.plugin.SealedStorage;
import org.palermo.security.ids.WorkspaceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo checklist ...}: the cluster-checklist plugin's review profile, schedule and
 * checklists; an item's notes are sealed here before anything reaches the server.
 */
@Command(name = "checklist", mixinStandardHelpOptions = true,
    description = "The UNTOC review: a workspace's review profile, which cluster is under review"
        + " when, and checklists per cluster (cluster-1 to cluster-4) and for the guide's action"
        + " plan (action-plan). Needs the cluster-checklist plugin on the server.")
final class ChecklistCommand {
  @ParentCommand PalermoCli root;

  private ChecklistClient client() {
    PalermoHttp http = root.connect();
    http.useToken(root.home().requireSession());
    return new ChecklistClient(http);
  }

  private WorkspaceId workspace(PalermoCli.Unlocked session, String ws) {
    return session.workspaces().resolve(ws);
  }

  @Command(name = "profile", description = "Show the workspace's review profile, or set it"
      + " (owners and editors) with all of --state, --instrument, --uncac, --group,"
      + " --start-year.")
  int profile(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Option(names = "--state", paramLabel = "STATE") String state,
      @Option(names = "--instrument", paramLabel = "ID", split = ",", description = "convention,"
          + " trafficking-in-persons, smuggling-of-migrants, firearms (repeat or comma-separate)")
      List<String> instruments,
      @Option(names = "--uncac", paramLabel = "yes|no", description = "Is the State party to"
          + " UNCAC?") String uncac,
      @Option(names = "--group", paramLabel = "N") Integer group,
      @Option(names = "--start-year", paramLabel = "YEAR", description = "Calendar year of the"
          + " Mechanism's year 1") Integer startYear) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    JsonNode profile;
    if (state == null && instruments == null && uncac == null && group == null
        && startYear == null) {
      profile = client().profile(workspace);
    } else {
      if (state == null || instruments == null || uncac == null || group == null
          || startYear == null) {
        throw ClientException.usage("Setting a profile takes --state, --instrument, --uncac,"
            + " --group and --start-year");
      }
      if (!uncac.equals("yes") && !uncac.equals("no")) {
        throw ClientException.usage("--uncac is yes or no");
      }
      profile = client().saveProfile(workspace, state, instruments, uncac.equals("yes"), group,
          startYear);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("state", profile.path("state").asText());
    List<String> ids = new ArrayList<>();
    profile.path("instruments").forEach(i -> ids.add(i.asText()));
    out.put("instruments", String.join(",", ids));
    out.put("partyToUncac", profile.path("partyToUncac").asBoolean() ? "yes" : "no");
    out.put("group", profile.path("group").asInt());
    out.put("startYear", profile.path("startYear").asInt());
    root.print(out);
    return 0;
  }

  @Command(name = "schedule", description = "Which cluster is under review in a year of the"
      + " Mechanism (--year 5) or a calendar year (--calendar-year 2025; default this year),"
      + " the next phase, and the articles under review.")
  int schedule(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Option(names = "--year", paramLabel = "N") Integer year,
      @Option(names = "--calendar-year", paramLabel = "YEAR") Integer calendarYear) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    JsonNode s = client().schedule(workspace, year, calendarYear);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("year", s.path("phase").path("year").asInt() + " ("
        + s.path("phase").path("calendarYear").asInt() + ")");
    out.put("phase", phase(s.path("phase")));
    out.put("next", s.path("next").isNull() || s.path("next").isMissingNode() ? "none"
        : phase(s.path("next")));
    List<String> articles = new ArrayList<>();
    s.path("articles").forEach(a -> articles.add(a.path("instrument").asText() + " "
        + a.path("article").asText()));
    out.put("articles", articles.isEmpty() ? "none" : String.join(", ", articles));
    root.print(out);
    return 0;
  }

  private static String phase(JsonNode p) {
    String years = "years " + p.path("firstYear").asInt() + "-" + p.path("lastYear").asInt();
    return switch (p.path("stage").asText()) {
      case "review" -> "cluster " + p.path("cluster").asInt() + " (" + years + ")";
      case "done" -> "all clusters reviewed";
      default -> p.path("stage").asText() + " (" + years + ")";
    };
  }

  @Command(name = "start", description = "Start a checklist (owners and editors): cluster-1"
      + " to cluster-4 (one item per applicable article) or action-plan.")
  int start(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST") String checklist) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    return show(client().start(workspace, checklist));
  }

  @Command(name = "show", description = "A checklist's items, their status and progress.")
  int show(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST") String checklist) {
    WorkspaceId workspace = workspace(root.unlock(), ws);
    return show(client().get(workspace, checklist));
  }

  private int show(JsonNode c) {
    if (root.json()) {
      root.terminal().out().println(c.toString());
      return 0;
    }
    var out = root.terminal().out();
    out.println(c.path("title").asText());
    c.path("items").forEach(i -> out.println("  " + i.path("item").asText() + "  "
        + i.path("status").asText() + "  " + i.path("label").asText()
        + (i.path("assignees").isEmpty() ? "" : "  assigned: " + i.path("assignees").size())
        + (i.path("documents").isEmpty() ? "" : "  documents: " + i.path("documents").size())
        + (i.path("notes").isTextual() ? "  notes" : "")));
    c.path("progress").fields().forEachRemaining(e -> out.println("progress " + e.getKey()
        + ": " + e.getValue().path("done").asInt() + "/" + e.getValue().path("total").asInt()
        + " (" + e.getValue().path("percent").asInt() + "%)"));
    return 0;
  }

  @Command(name = "set", description = "Change an item: its status, who is assigned (owners"
      + " and editors), linked documents, or notes sealed here from a file.")
  int set(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST") String checklist,
      @Parameters(index = "2", paramLabel = "ITEM", description = "instrument:article, or"
          + " phase.step") String item,
      @Option(names = "--status", paramLabel = "S", description = "not-started,"
          + " gathering-evidence, drafting, submitted, not-applicable") String status,
      @Option(names = "--assign", paramLabel = "HANDLE", split = ",", description = "Members"
          + " to assign (replaces the list; --assign '' for none)") List<String> assign,
      @Option(names = "--link", paramLabel = "DOC", split = ",", description = "Documents to"
          + " link (replaces the list)") List<String> link,
      @Option(names = "--notes-file", paramLabel = "FILE", description = "Notes to seal and"
          + " attach (UTF-8 text)") Path notesFile) {
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
      throw ClientException.usage("Nothing to change: give --status, --assign, --link or"
          + " --notes-file");
    }
    String text = null;
    if (notesFile != null) {
      try {
        text = Files.readString(notesFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw ClientException.usage("Cannot read " + notesFile + " as UTF-8 text");
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
        : "none");
    root.print(out);
    return 0;
  }

  @Command(name = "notes", description = "Print an item's notes, opened and verified here.")
  int notes(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "CHECKLIST") String checklist,
      @Parameters(index = "2", paramLabel = "ITEM") String item) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = workspace(session, ws);
    String text = client().notes(SealedStorage.of(session.documents(), root.home(), workspace,
        ChecklistClient.PLUGIN), checklist, item);
    if (text == null) {
      throw ClientException.refused("The item has no notes yet");
    }
    root.terminal().out().print(text);
    root.terminal().out().flush();
    return 0;
  }
}
