package org.palermo.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.palermo.client.ClientException;
import org.palermo.client.submission.SubmissionClient;
import org.palermo.client.submission.Template;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo submission ...}: co-authored submissions in Markdown, sealed and versioned like
 * evidence; merged here when two members saved from the same version.
 */
@Command(name = "submission", mixinStandardHelpOptions = true,
    description = "Co-authored submissions (Markdown): new (from the guide's letter or pledge),"
        + " get, save (merges with others' versions), comment, comments, sign-off,"
        + " endorsements, export (PDF).")
final class SubmissionCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "new", description = "Start a submission from a template of the guide (the"
      + " letter to the State Party's focal point, or the engagement and transparency pledge)"
      + " or from a Markdown file.")
  int create(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Option(names = "--template", paramLabel = "NAME", description = "letter or pledge")
      String template,
      @Option(names = "--field", paramLabel = "NAME=VALUE", description = "Fill a template"
          + " field (repeat); the rest stay as {{name}}") Map<String, String> fields,
      @Option(names = "--file", paramLabel = "FILE", description = "Start from this Markdown"
          + " file instead") Path file,
      @Option(names = "--title", paramLabel = "T", description = "Title (sealed)") String title) {
    if ((template == null) == (file == null)) {
      throw ClientException.usage("Give --template letter|pledge, or --file FILE");
    }
    String text;
    String chosenTitle = title;
    if (template != null) {
      Template t;
      try {
        t = Template.parse(template);
        text = t.fill(fields == null ? Map.of() : fields);
      } catch (IllegalArgumentException e) {
        throw ClientException.usage(e.getMessage());
      }
      chosenTitle = chosenTitle != null ? chosenTitle : t.title();
    } else {
      text = readText(file);
      chosenTitle = chosenTitle != null ? chosenTitle : file.getFileName().toString();
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    SubmissionClient.Text created = session.submissions().create(workspace, chosenTitle, text);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", created.version().manifest().document().toString());
    out.put("version", created.number());
    out.put("title", chosenTitle);
    List<String> unfilled = Template.unfilled(text);
    out.put("toFill", unfilled.isEmpty() ? "nothing" : String.join(", ", unfilled));
    root.print(out);
    return 0;
  }

  @Command(name = "get", description = "Write a version's Markdown to a file (the current"
      + " version unless --version); 'save' later starts from this version.")
  int get(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Option(names = "--version", paramLabel = "N") Long version,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write"
          + " (default: DOC.md here)") Path output) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    Path target = output != null ? output : Path.of(document + ".md");
    if (Files.exists(target)) {
      throw ClientException.usage(target + " exists: choose another -o FILE");
    }
    SubmissionClient.Text text = session.submissions().read(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version));
    writeText(target, text.text());
    root.print(PalermoCli.fields("document", document.toString(), "version", text.number(), "file",
        target.toString()));
    return 0;
  }

  @Command(name = "save", description = "Save your edited file as the next version. If another"
      + " member saved first, their changes are merged with yours; if you both changed the"
      + " same lines, the file gets both between markers to resolve, and nothing is saved.")
  int save(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Parameters(index = "2", paramLabel = "FILE") Path file,
      @Option(names = "--base", paramLabel = "N", description = "The version you edited (default:"
          + " the one you last fetched with get, new or save)") Long base) {
    String text = readText(file);
    if (text.lines().anyMatch(l -> l.startsWith("<<<<<<< ") || l.startsWith(">>>>>>> "))) {
      throw ClientException.usage(file + " still holds conflict markers: resolve them first");
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    OptionalLong from = base != null ? OptionalLong.of(base)
        : session.submissions().base(workspace, document);
    if (from.isEmpty()) {
      throw ClientException.usage("Which version did you edit? Give --base N (see palermo doc"
          + " versions " + ws + " " + doc + ")");
    }
    SubmissionClient.Saved saved = session.submissions().save(workspace, document, text,
        from.getAsLong());
    if (saved instanceof SubmissionClient.Conflicted c) {
      writeText(file, c.text());
      throw ClientException.usage(c.conflicts() + " conflict(s) with version " + c.theirs()
          + ": both sides are in " + file + " between <<<<<<< and >>>>>>>; resolve them, then"
          + " run palermo submission save " + ws + " " + doc + " " + file + " --base "
          + c.theirs());
    }
    SubmissionClient.Stored stored = (SubmissionClient.Stored) saved;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document.toString());
    out.put("version", stored.version());
    if (!stored.mergedWith().isEmpty()) {
      out.put("mergedWith", "version " + stored.mergedWith().stream().map(String::valueOf)
          .reduce((a, b) -> a + ", " + b).orElse(""));
    }
    root.print(out);
    return 0;
  }

  @Command(name = "comment", description = "Comment on a version (the current one unless"
      + " --version); sealed like the submission.")
  int comment(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Parameters(index = "2", paramLabel = "TEXT") String text,
      @Option(names = "--version", paramLabel = "N") Long version) {
    if (text.isBlank()) {
      throw ClientException.usage("A comment has text");
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    SubmissionClient.Comment c = session.submissions().comment(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version), text);
    root.print(PalermoCli.fields("comment", c.comment().manifest().document().toString(), "on",
        "version " + c.on().version()));
    return 0;
  }

  @Command(name = "comments", description = "Comments on the submission, oldest first, with"
      + " the version each is about.")
  int comments(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SubmissionClient.Comment c : session.submissions().comments(workspace, document)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("on", c.on().version());
      row.put("by", session.workspaces().handleOf(c.comment().author()));
      row.put("at", java.time.Instant.ofEpochSecond(c.comment().manifest().createdAt())
          .toString());
      row.put("text", c.text());
      rows.add(row);
    }
    if (root.json()) {
      root.print(PalermoCli.fields("comments", rows));
    } else if (rows.isEmpty()) {
      root.terminal().out().println("No comments yet.");
    } else {
      rows.forEach(r -> root.terminal().out().println("v" + r.get("on") + "  " + r.get("by")
          + "  " + r.get("at") + "  " + r.get("text")));
    }
    return 0;
  }

  @Command(name = "sign-off", description = "Sign a version (the current one unless --version)"
      + " on behalf of your organisation; later edits show it as applying to that version.")
  int signOff(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Option(names = "--org", required = true, paramLabel = "NAME",
          description = "The organisation you sign for (sealed)") String org,
      @Option(names = "--version", paramLabel = "N") Long version) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    SubmissionClient.Endorsement e = session.submissions().signOff(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version), org);
    root.print(PalermoCli.fields("signedOff", "version " + e.statement().version(), "organization",
        e.statement().organization()));
    return 0;
  }

  @Command(name = "endorsements", description = "Who signed off which version, for which"
      + " organisation; sign-offs of an older version say so.")
  int endorsements(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SubmissionClient.Endorsement e : session.submissions().endorsements(workspace,
        document)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("organization", e.statement().organization());
      row.put("by", session.workspaces().handleOf(e.signOff().author()));
      row.put("version", e.statement().version());
      row.put("applies", e.current() ? "current version" : "an older version (changed since)");
      rows.add(row);
    }
    if (root.json()) {
      root.print(PalermoCli.fields("endorsements", rows));
    } else if (rows.isEmpty()) {
      root.terminal().out().println("No sign-offs yet.");
    } else {
      rows.forEach(r -> root.terminal().out().println(r.get("organization") + "  signed by "
          + r.get("by") + "  version " + r.get("version") + "  (" + r.get("applies") + ")"));
    }
    return 0;
  }

  @Command(name = "export", description = "A version (the current one unless --version) as a"
      + " PDF made on this machine.")
  int export(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE") Path output,
      @Option(names = "--version", paramLabel = "N") Long version) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    SubmissionClient.Text text = session.submissions().exportPdf(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version), output);
    root.print(PalermoCli.fields("file", output.toString(), "version", text.number()));
    return 0;
  }

  private static String readText(Path file) {
    try {
      if (Files.size(file) > org.palermo.client.document.DocumentClient.MAX_TEXT) {
        throw ClientException.usage(file + " is too large for a submission");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw ClientException.usage(file + " is not UTF-8 text");
    } catch (IOException e) {
      throw ClientException.usage("Cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ClientException.usage("Cannot write " + file + ": " + e.getMessage());
    }
  }
}
