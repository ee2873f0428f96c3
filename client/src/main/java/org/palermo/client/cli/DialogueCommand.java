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
import org.palermo.client.submission.SubmissionClient;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo dialogue ...}: the constructive dialogues of the UNTOC Working Groups, through
 * the dialogue-registration plugin. A statement is checked here for mentions of countries before
 * it is sealed and linked: only the State under review may raise its own situation.
 */
@Command(name = "dialogue", mixinStandardHelpOptions = true)
final class DialogueCommand {
  @ParentCommand PalermoCli root;

  private DialogueClient client() {
    return new DialogueClient(root.loggedIn());
  }

  private void show(JsonNode node) {
    root.terminal().out().println(node.toPrettyString());
    root.terminal().out().flush();
  }

  @Command(name = "list", mixinStandardHelpOptions = true)
  int list() {
    JsonNode all = client().list();
    if (root.json()) {
      show(all);
      return 0;
    }
    if (all.isEmpty()) {
      root.terminal().say(Text.of("cmd-dialogue.none-convened"));
    }
    all.forEach(d -> root.terminal().say(Text.of("cmd-dialogue.row", d.path("id").asText(),
        d.path("workingGroup").asText(), d.path("date").asText(),
        d.path("registrationDeadline").asText(), d.path("status").asText(),
        d.path("applications").asInt())));
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true)
  int show(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue) {
    show(client().show(dialogue));
    return 0;
  }

  @Command(name = "convene", mixinStandardHelpOptions = true)
  int convene(@Option(names = "--working-group", required = true, paramLabel = "WG",
          descriptionKey = "help-dialogue.working-group") String wg,
      @Option(names = "--date", required = true, paramLabel = "YYYY-MM-DD",
          descriptionKey = "help-dialogue.date") String date,
      @Option(names = "--minimum", defaultValue = "1", paramLabel = "N",
          descriptionKey = "help-dialogue.minimum") int minimum) {
    JsonNode d = client().convene(wg, date, minimum);
    root.print(PalermoCli.fields("dialogue", d.path("id").asText(), "registrationDeadline",
        d.path("registrationDeadline").asText()));
    return 0;
  }

  @Command(name = "register", mixinStandardHelpOptions = true)
  int register(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue,
      @Parameters(index = "1", paramLabel = "WS", descriptionKey = "help-dialogue.ws") String ws,
      @Option(names = "--organization", required = true, paramLabel = "NAME",
          descriptionKey = "help-dialogue.organization") String org,
      @Option(names = "--representative", required = true, split = ",", paramLabel = "HANDLE",
          descriptionKey = "help-dialogue.representative") List<String> representatives) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    JsonNode r = client().register(dialogue, workspace, org, representatives);
    root.print(PalermoCli.fields("status", r.path("status").asText(), "registeredOn",
        r.path("registeredOn").asText()));
    return 0;
  }

  @Command(name = "status", mixinStandardHelpOptions = true)
  int status(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue,
      @Parameters(index = "1", paramLabel = "WS", descriptionKey = "help-dialogue.ws") String ws) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    show(client().registration(dialogue, workspace));
    return 0;
  }

  @Command(name = "objections", mixinStandardHelpOptions = true)
  int object(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue,
      @Parameters(index = "1", paramLabel = "REGISTRATION",
          descriptionKey = "help-dialogue.registration")
      String registration,
      @Option(names = "--reason", required = true, paramLabel = "TEXT",
          descriptionKey = "help-dialogue.objection-reason") String reason) {
    JsonNode a = client().object(dialogue, registration, reason);
    root.print(PalermoCli.fields("organization", a.path("organization").asText(), "status",
        a.path("status").asText()));
    return 0;
  }

  @Command(name = "decide", mixinStandardHelpOptions = true)
  int decide(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue,
      @Parameters(index = "1", paramLabel = "REGISTRATION",
          descriptionKey = "help-dialogue.registration")
      String registration,
      @Parameters(index = "2", paramLabel = "admit|reject",
          descriptionKey = "help-dialogue.decision")
      String decision,
      @Option(names = "--reason", paramLabel = "TEXT",
          descriptionKey = "help-dialogue.decision-reason")
      String reason) {
    JsonNode a = client().decide(dialogue, registration, decision, reason);
    root.print(PalermoCli.fields("organization", a.path("organization").asText(), "status",
        a.path("status").asText()));
    return 0;
  }

  @Command(name = "check", mixinStandardHelpOptions = true)
  int check(@Parameters(index = "0", paramLabel = "FILE",
      descriptionKey = "help-dialogue.statement") Path file) {
    List<CountryMentions.Mention> found = warn(read(file));
    root.print(PalermoCli.fields("countryMentions", found.size()));
    return 0;
  }

  @Command(name = "comment", mixinStandardHelpOptions = true)
  int comment(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue,
      @Parameters(index = "1", paramLabel = "WS", descriptionKey = "help-dialogue.ws") String ws,
      @Option(names = "--file", required = true, paramLabel = "FILE",
          descriptionKey = "help-dialogue.comment-file") Path file,
      @Option(names = "--title", paramLabel = "T",
          descriptionKey = "help-dialogue.title") String title) {
    String text = read(file);
    List<CountryMentions.Mention> found = warn(text);
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    SubmissionClient.Text made = session.submissions().create(workspace,
        title != null ? title : root.terminal().text(Text.of("cmd-dialogue.default-title")),
        text, false);
    String document = made.version().manifest().document().toString();
    client().comment(dialogue, workspace, document);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document);
    out.put("countryMentions", found.size());
    root.print(out);
    return 0;
  }

  @Command(name = "call-off", mixinStandardHelpOptions = true)
  int callOff(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue) {
    root.print(PalermoCli.fields("status", client().callOff(dialogue).path("status").asText()));
    return 0;
  }

  @Command(name = "summary", mixinStandardHelpOptions = true)
  int summary(
      @Parameters(index = "0", paramLabel = "DIALOGUE", descriptionKey = "help-dialogue.dialogue")
      String dialogue,
      @Option(names = "--file", required = true, paramLabel = "FILE",
          descriptionKey = "help-dialogue.summary-file") Path file) {
    root.print(PalermoCli.fields("status", client().summary(dialogue, read(file))
        .path("status").asText()));
    return 0;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-dialogue.cannot-read", file));
    }
  }

  /** Prints each country mention on stderr, as a warning. */
  private List<CountryMentions.Mention> warn(String text) {
    List<CountryMentions.Mention> found = CountryMentions.standard().find(text);
    PrintWriter err = root.terminal().err();
    for (CountryMentions.Mention m : found) {
      err.println("palermo: " + root.terminal().text(Text.of("cmd-dialogue.country-mention",
          m.country(), m.text())));
    }
    err.flush();
    return found;
  }
}
