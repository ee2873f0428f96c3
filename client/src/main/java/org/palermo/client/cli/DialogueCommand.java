package org.palermo.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.dialogue.CountryMentions;
import org.palermo.client.dialogue.DialogueClient;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.submission.SubmissionClient;
import org.palermo.security.ids.WorkspaceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo dialogue ...}: the constructive dialogues of the UNTOC Working Groups, through
 * the dialogue-registration plugin. A statement is checked here for mentions of countries before
 * it is sealed and linked: only the State under review may raise its own situation.
 */
@Command(name = "dialogue", mixinStandardHelpOptions = true,
    description = "Constructive dialogues of the Working Groups: list, show, register,"
        + " objections (certified States), decide (the Bureau), comment (written comments,"
        + " checked for country mentions), check, convene (the Secretariat), call-off and"
        + " summary (the chair). Needs the dialogue-registration plugin on the server.")
final class DialogueCommand {
  @ParentCommand PalermoCli root;

  private DialogueClient client() {
    PalermoHttp http = root.connect();
    http.useToken(root.home().requireSession());
    return new DialogueClient(http);
  }

  private void show(JsonNode node) {
    root.terminal().out().println(node.toPrettyString());
    root.terminal().out().flush();
  }

  @Command(name = "list", description = "The dialogues, with their registration deadlines.")
  int list() {
    JsonNode all = client().list();
    if (root.json()) {
      show(all);
      return 0;
    }
    PrintWriter out = root.terminal().out();
    if (all.isEmpty()) {
      out.println("No dialogue is convened.");
    }
    all.forEach(d -> out.println(d.path("id").asText() + "  " + d.path("workingGroup").asText()
        + "  " + d.path("date").asText() + "  register by " + d.path("registrationDeadline")
        .asText() + "  " + d.path("status").asText() + "  applications "
        + d.path("applications").asInt()));
    return 0;
  }

  @Command(name = "show", description = "A dialogue; for certified States and officials, its"
      + " applicants and objections.")
  int show(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue) {
    show(client().show(dialogue));
    return 0;
  }

  @Command(name = "convene", description = "Convene a dialogue (the Secretariat).")
  int convene(@Option(names = "--working-group", required = true, paramLabel = "WG") String wg,
      @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD") String date,
      @Option(names = "--minimum", defaultValue = "1", paramLabel = "N") int minimum) {
    JsonNode d = client().convene(wg, date, minimum);
    root.print(PalermoCli.fields("dialogue", d.path("id").asText(), "registrationDeadline",
        d.path("registrationDeadline").asText()));
    return 0;
  }

  @Command(name = "register", description = "Register your organization (an owner or editor of"
      + " its workspace) and its representatives, no later than 15 days before the dialogue.")
  int register(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue,
      @Parameters(index = "1", paramLabel = "WS") String ws,
      @Option(names = "--organization", required = true, paramLabel = "NAME") String org,
      @Option(names = "--representative", required = true, split = ",", paramLabel = "HANDLE")
      List<String> representatives) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    JsonNode r = client().register(dialogue, workspace, org, representatives);
    root.print(PalermoCli.fields("status", r.path("status").asText(), "registeredOn",
        r.path("registeredOn").asText()));
    return 0;
  }

  @Command(name = "status", description = "Your organization's registration and each change"
      + " of its status.")
  int status(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue,
      @Parameters(index = "1", paramLabel = "WS") String ws) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    show(client().registration(dialogue, workspace));
    return 0;
  }

  @Command(name = "objections", description = "Object to an applicant (a certified State"
      + " account), with a reason: the Bureau rules on it.")
  int object(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue,
      @Parameters(index = "1", paramLabel = "REGISTRATION") String registration,
      @Option(names = "--reason", required = true, paramLabel = "TEXT") String reason) {
    JsonNode a = client().object(dialogue, registration, reason);
    root.print(PalermoCli.fields("organization", a.path("organization").asText(), "status",
        a.path("status").asText()));
    return 0;
  }

  @Command(name = "decide", description = "Admit or reject a referred registration (the"
      + " Bureau).")
  int decide(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue,
      @Parameters(index = "1", paramLabel = "REGISTRATION") String registration,
      @Parameters(index = "2", paramLabel = "admit|reject") String decision,
      @Option(names = "--reason", paramLabel = "TEXT") String reason) {
    JsonNode a = client().decide(dialogue, registration, decision, reason);
    root.print(PalermoCli.fields("organization", a.path("organization").asText(), "status",
        a.path("status").asText()));
    return 0;
  }

  @Command(name = "check", description = "Check a statement for mentions of countries: only"
      + " the State under review may raise its own situation. Prints each mention; a warning,"
      + " not a refusal.")
  int check(@Parameters(index = "0", paramLabel = "FILE") Path file) {
    List<CountryMentions.Mention> found = warn(read(file));
    root.print(PalermoCli.fields("countryMentions", found.size()));
    return 0;
  }

  @Command(name = "comment", description = "Submit written comments before the session: the"
      + " statement is checked for country mentions (a warning), sealed as a submission of"
      + " the workspace (its disclosure level governs who reads it) and linked.")
  int comment(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue,
      @Parameters(index = "1", paramLabel = "WS") String ws,
      @Option(names = "--file", required = true, paramLabel = "FILE") Path file,
      @Option(names = "--title", paramLabel = "T") String title) {
    String text = read(file);
    List<CountryMentions.Mention> found = warn(text);
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    SubmissionClient.Text made = session.submissions().create(workspace,
        title != null ? title : "Written comments", text);
    String document = made.version().manifest().document().toString();
    client().comment(dialogue, workspace, document);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document);
    out.put("countryMentions", found.size());
    root.print(out);
    return 0;
  }

  @Command(name = "call-off", description = "Decide not to convene a dialogue that had too few"
      + " applications by its deadline (the chair); registrants are told.")
  int callOff(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue) {
    root.print(PalermoCli.fields("status", client().callOff(dialogue).path("status").asText()));
    return 0;
  }

  @Command(name = "summary", description = "Attach the chair's summary after the dialogue.")
  int summary(@Parameters(index = "0", paramLabel = "DIALOGUE") String dialogue,
      @Option(names = "--file", required = true, paramLabel = "FILE") Path file) {
    root.print(PalermoCli.fields("status", client().summary(dialogue, read(file))
        .path("status").asText()));
    return 0;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ClientException.usage("Cannot read " + file + " as UTF-8 text");
    }
  }

  /** Prints each country mention on stderr, as a warning. */
  private List<CountryMentions.Mention> warn(String text) {
    List<CountryMentions.Mention> found = CountryMentions.standard().find(text);
    PrintWriter err = root.terminal().err();
    for (CountryMentions.Mention m : found) {
      err.println("palermo: warning: the statement mentions " + m.country() + " (\""
          + m.text() + "\"): at a constructive dialogue no specific country situation may be"
          + " mentioned, except by the State under review.");
    }
    err.flush();
    return found;
  }
}
