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
import org.palermo.client.translation.WordCount;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.text.Language;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo submission ...}: co-authored submissions in Markdown, sealed and versioned like
 * evidence; merged here when two members saved from the same version.
 */
@Command(name = "submission", mixinStandardHelpOptions = true)
final class SubmissionCommand {
  @ParentCommand PalermoCli root;


  @Command(name = "new", mixinStandardHelpOptions = true)
  int create(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Option(names = "--template", paramLabel = "NAME",
          descriptionKey = "help-submission.template") String template,
      @Option(names = "--field", paramLabel = "NAME=VALUE",
          descriptionKey = "help-submission.field") Map<String, String> fields,
      @Option(names = "--file", paramLabel = "FILE", descriptionKey = "help-submission.new-file")
      Path file,
      @Option(names = "--title", paramLabel = "T", descriptionKey = "help-submission.title")
      String title,
      @Option(names = "--summary", descriptionKey = "help-submission.summary") boolean summary) {
    if ((template == null) == (file == null)) {
      throw ClientException.usage(Text.of("cmd-submission.template-or-file"));
    }
    String text;
    String chosenTitle = title;
    if (template != null) {
      Template t;
      try {
        t = Template.parse(template);
      } catch (IllegalArgumentException e) {
        throw ClientException.usage(Text.of("cmd-submission.unknown-template"));
      }
      Map<String, String> values = fields == null ? Map.of() : fields;
      for (String name : values.keySet()) {
        if (!t.fields().contains(name)) {
          throw ClientException.usage(Text.of("cmd-submission.no-such-field", t.label(), name,
              String.join(", ", t.fields())));
        }
      }
      text = t.fill(values);
      chosenTitle = chosenTitle != null ? chosenTitle : t.title();
    } else {
      text = readText(file);
      chosenTitle = chosenTitle != null ? chosenTitle : file.getFileName().toString();
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    SubmissionClient.Text created = session.submissions().create(workspace, chosenTitle, text,
        summary);
    warnIfLongSummary(created);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", created.version().manifest().document().toString());
    out.put("version", created.number());
    out.put("title", chosenTitle);
    List<String> unfilled = Template.unfilled(text);
    out.put("toFill", unfilled.isEmpty() ? root.value(Text.of("cmd-submission.nothing"))
        : String.join(", ", unfilled));
    root.print(out);
    return 0;
  }

  @Command(name = "get")
  int get(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc,
      @Mixin HelpOption help,
      @Option(names = "--version", paramLabel = "N", descriptionKey = "help-submission.version")
      Long version,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE",
          descriptionKey = "help-submission.get-output") Path output) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    Path target = output != null ? output : Path.of(document + ".md");
    if (Files.exists(target)) {
      throw ClientException.usage(Text.of("cmd-submission.file-exists", target));
    }
    SubmissionClient.Text text = session.submissions().read(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version));
    writeText(target, text.text());
    root.print(PalermoCli.fields("document", document.toString(), "version", text.number(), "file",
        target.toString()));
    return 0;
  }

  @Command(name = "save", mixinStandardHelpOptions = true)
  int save(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc,
      @Parameters(index = "2", paramLabel = "FILE", descriptionKey = "help-submission.save-file")
      Path file,
      @Option(names = "--base", paramLabel = "N", descriptionKey = "help-submission.base")
      Long base) {
    String text = readText(file);
    if (text.lines().anyMatch(l -> l.startsWith("<<<<<<< ") || l.startsWith(">>>>>>> "))) {
      throw ClientException.usage(Text.of("cmd-submission.markers-left", file));
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    OptionalLong from = base != null ? OptionalLong.of(base)
        : session.submissions().base(workspace, document);
    if (from.isEmpty()) {
      throw ClientException.usage(Text.of("cmd-submission.which-base", ws, doc));
    }
    SubmissionClient.Saved saved = session.submissions().save(workspace, document, text,
        from.getAsLong());
    if (saved instanceof SubmissionClient.Conflicted c) {
      writeText(file, c.text());
      throw ClientException.usage(Text.of("cmd-submission.conflicts", c.conflicts(),
          c.theirs(), file, ws, doc));
    }
    SubmissionClient.Stored stored = (SubmissionClient.Stored) saved;
    warnIfLongSummary(session.submissions().read(workspace, document,
        OptionalLong.of(stored.version())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document.toString());
    out.put("version", stored.version());
    if (!stored.mergedWith().isEmpty()) {
      out.put("mergedWith", root.value(Text.of("cmd-submission.version", stored.mergedWith()
          .stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""))));
    }
    root.print(out);
    return 0;
  }

  @Command(name = "comment")
  int comment(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc,
      @Parameters(index = "2", paramLabel = "TEXT", descriptionKey = "help-submission.comment-text")
      String text,
      @Mixin HelpOption help,
      @Option(names = "--version", paramLabel = "N", descriptionKey = "help-submission.version")
      Long version) {
    if (text.isBlank()) {
      throw ClientException.usage(Text.of("cmd-submission.comment-empty"));
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    SubmissionClient.Comment c = session.submissions().comment(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version), text);
    root.print(PalermoCli.fields("comment", c.comment().manifest().document().toString(), "on",
        root.value(Text.of("cmd-submission.version", c.on().version()))));
    return 0;
  }

  @Command(name = "comments", mixinStandardHelpOptions = true)
  int comments(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc) {
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
      root.terminal().say(Text.of("cmd-submission.no-comments"));
    } else {
      rows.forEach(r -> root.terminal().say(Text.of("cmd-submission.comment-row", r.get("on"),
          r.get("by"), r.get("at"), r.get("text"))));
    }
    return 0;
  }

  @Command(name = "sign-off")
  int signOff(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc,
      @Option(names = "--org", required = true, paramLabel = "NAME",
          descriptionKey = "help-submission.org") String org,
      @Mixin HelpOption help,
      @Option(names = "--version", paramLabel = "N", descriptionKey = "help-submission.version")
      Long version) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    SubmissionClient.Endorsement e = session.submissions().signOff(workspace, document,
        version == null ? OptionalLong.empty() : OptionalLong.of(version), org);
    root.print(PalermoCli.fields("signedOff",
        root.value(Text.of("cmd-submission.version", e.statement().version())), "organization",
        e.statement().organization()));
    return 0;
  }

  @Command(name = "endorsements", mixinStandardHelpOptions = true)
  int endorsements(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc) {
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
      row.put("applies", root.value(e.current() ? Text.of("cmd-submission.applies-current")
          : Text.of("cmd-submission.applies-older")));
      rows.add(row);
    }
    if (root.json()) {
      root.print(PalermoCli.fields("endorsements", rows));
    } else if (rows.isEmpty()) {
      root.terminal().say(Text.of("cmd-submission.no-sign-offs"));
    } else {
      rows.forEach(r -> root.terminal().say(Text.of("cmd-submission.endorsement-row",
          r.get("organization"), r.get("by"), r.get("version"), r.get("applies"))));
    }
    return 0;
  }

  @Command(name = "export")
  int export(
      @Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-submission.ws") String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-submission.doc")
      String doc,
      @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
          descriptionKey = "help-submission.export-output") Path output,
      @Mixin HelpOption help,
      @Option(names = "--version", paramLabel = "N", descriptionKey = "help-submission.version")
      Long version) {
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
        throw ClientException.usage(Text.of("cmd-submission.too-large", file));
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw ClientException.usage(Text.of("cmd-submission.not-utf8", file));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-submission.cannot-read", file,
          String.valueOf(e.getMessage())));
    }
  }

  private static void writeText(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-submission.cannot-write", file,
          String.valueOf(e.getMessage())));
    }
  }

  /** A summary of a list of observations over its 1,500 words: a warning, not a refusal. */
  private void warnIfLongSummary(SubmissionClient.Text submission) {
    if (!SubmissionClient.isSummary(submission)) {
      return;
    }
    int words = WordCount.count(submission.text(), Language.ENGLISH);
    if (words > WordCount.SUMMARY_LIMIT) {
      root.terminal().err().println(root.terminal().text(Text.of(
          "cmd-submission.summary-over-limit", words, WordCount.SUMMARY_LIMIT)));
    }
  }
}
