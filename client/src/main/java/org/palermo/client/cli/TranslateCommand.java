package org.palermo.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.palermo.client.ClientException;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.plugin.SealedItem;
import org.palermo.client.plugin.SealedStorage;
import org.palermo.client.translation.PlaintextGate;
import org.palermo.client.translation.TranslationClient;
import org.palermo.client.translation.WordCount;
import org.palermo.client.translation.engine.ApertiumEngine;
import org.palermo.client.translation.engine.LibreTranslateEngine;
import org.palermo.client.translation.engine.TranslationEngine;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.text.Language;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo translate}: language versions of sealed documents, translation requests,
 * machine translation on this machine or at an endpoint the member names, the word count of a
 * summary, and the glossary. Needs the translation plugin on the server for all but
 * {@code machine} and {@code words}.
 */
@Command(name = "translate", mixinStandardHelpOptions = true,
    subcommands = {TranslateCommand.Glossary.class})
final class TranslateCommand {
  @ParentCommand PalermoCli root;

  private TranslationClient client() {
    return new TranslationClient(root.loggedIn());
  }

  private static Language language(String tag, String option) {
    return Language.of(tag).orElseThrow(() -> ClientException.usage(
        Text.of("cmd-translate.bad-language", option, Language.tags())));
  }

  @Command(name = "request", mixinStandardHelpOptions = true)
  int request(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-translate.source")
      String doc,
      @Option(names = "--to", required = true, split = ",", paramLabel = "LANG",
          descriptionKey = "help-translate.to") List<String> to,
      @Option(names = "--due", required = true, paramLabel = "YYYY-MM-DD",
          descriptionKey = "help-translate.due") String due,
      @Option(names = "--assignee", paramLabel = "HANDLE",
          descriptionKey = "help-translate.assignee") String assignee) {
    List<String> languages = to.stream().map(t -> language(t, "--to").tag()).toList();
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId source = session.documents().resolve(workspace, doc);
    JsonNode made = client().request(workspace, source.toString(), languages, due, assignee);
    if (root.json()) {
      root.terminal().out().println(made.toString());
      return 0;
    }
    for (JsonNode r : made) {
      root.terminal().say(Text.of("cmd-translate.requested", r.path("id").asText(),
          r.path("language").asText(), r.path("due").asText()));
    }
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true)
  int list(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
      String ws) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    JsonNode requests = client().requests(workspace);
    if (root.json()) {
      root.terminal().out().println(requests.toString());
      return 0;
    }
    if (requests.isEmpty()) {
      root.terminal().say(Text.of("cmd-translate.no-requests"));
    }
    for (JsonNode r : requests) {
      String assignee = r.path("assigneeHandle").asText("");
      root.terminal().say(Text.of(r.path("overdue").asBoolean()
              ? "cmd-translate.request-line-overdue" : "cmd-translate.request-line",
          r.path("id").asText(), r.path("source").asText(), r.path("language").asText(),
          r.path("status").asText(), r.path("due").asText(),
          assignee.isEmpty() ? "-" : assignee));
    }
    return 0;
  }

  @Command(name = "update", mixinStandardHelpOptions = true)
  int update(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
      String ws,
      @Parameters(index = "1", paramLabel = "REQUEST",
          descriptionKey = "help-translate.request-id") String request,
      @Option(names = "--status", required = true, paramLabel = "STATUS",
          descriptionKey = "help-translate.status") String status) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    JsonNode r = client().setStatus(workspace, request, status);
    root.print(PalermoCli.fields("request", r.path("id").asText(), "status",
        r.path("status").asText()));
    return 0;
  }

  @Command(name = "status", mixinStandardHelpOptions = true)
  int status(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
      String ws) {
    WorkspaceId workspace = root.unlock().workspaces().resolve(ws);
    JsonNode versions = client().versions(workspace);
    if (root.json()) {
      root.terminal().out().println(versions.toString());
      return 0;
    }
    if (versions.isEmpty()) {
      root.terminal().say(Text.of("cmd-translate.no-versions"));
    }
    for (JsonNode v : versions) {
      String key = v.path("outdated").asBoolean() ? "cmd-translate.version-outdated"
          : "cmd-translate.version-current";
      root.terminal().say(Text.of(key, v.path("translation").asText(),
          v.path("language").asText(), v.path("source").asText(),
          v.path("sourceLanguage").asText(), v.path("sourceVersion").asLong(),
          v.path("sourceCurrentVersion").asLong()));
      if (v.path("machineTranslated").asBoolean()) {
        root.terminal().out().println("  " + root.terminal().text(
            Text.of("cmd-translate.machine-mark", v.path("engine").asText())));
      }
    }
    return 0;
  }

  @Command(name = "link", mixinStandardHelpOptions = true)
  int link(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
      String ws,
      @Parameters(index = "1", paramLabel = "SOURCE", descriptionKey = "help-translate.source")
      String sourceArgument,
      @Option(names = "--file", paramLabel = "FILE", descriptionKey = "help-translate.file")
      Path file,
      @Option(names = "--document", paramLabel = "DOC",
          descriptionKey = "help-translate.document") String existing,
      @Option(names = "--update", paramLabel = "DOC", descriptionKey = "help-translate.update")
      String update,
      @Option(names = "--from", required = true, paramLabel = "LANG",
          descriptionKey = "help-translate.from") String from,
      @Option(names = "--to", required = true, paramLabel = "LANG",
          descriptionKey = "help-translate.to-one") String to,
      @Option(names = "--machine", paramLabel = "ENGINE",
          descriptionKey = "help-translate.machine") String machine,
      @Option(names = "--level", paramLabel = "LEVEL", descriptionKey = "help-translate.level")
      String level,
      @Option(names = "--title", paramLabel = "TITLE", descriptionKey = "help-translate.title")
      String title,
      @Option(names = "--yes", descriptionKey = "help-translate.yes") boolean yes) {
    Language source = language(from, "--from");
    Language target = language(to, "--to");
    if ((file == null) == (existing == null)) {
      throw ClientException.usage(Text.of("cmd-translate.file-or-document"));
    }
    if (update != null && file == null) {
      throw ClientException.usage(Text.of("cmd-translate.update-needs-file"));
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId sourceId = session.documents().resolve(workspace, sourceArgument);
    // The source's level from its signed disclosure log, verified here: not the server's word.
    DisclosureLevel sourceLevel = session.disclosures().fetch(workspace, sourceId,
        session.workspaces().log(workspace)).level();
    DisclosureLevel chosen = sourceLevel;
    if (level != null) {
      chosen = DocCommand.level(level);
      if (chosen.code() > sourceLevel.code()) {
        throw ClientException.usage(Text.of("cmd-translate.level-above-source", chosen.label(),
            sourceLevel.label()));
      }
    }
    DocumentId translation;
    if (file != null) {
      List<String> tags = new ArrayList<>(List.of("lang:" + target.tag(),
          "translation-of:" + sourceId));
      if (machine != null) {
        tags.add("machine-translated:" + machine);
      }
      Optional<DocumentId> parent = update == null ? Optional.empty()
          : Optional.of(session.documents().resolve(workspace, update));
      DocumentClient.Put put = session.documents().put(workspace, parent, file,
          Optional.ofNullable(title), tags, false, DisclosureLevel.CONFIDENTIAL,
          ProgressBar.on(root.terminal(), "put"));
      translation = put.document();
    } else {
      translation = session.documents().resolve(workspace, existing);
    }
    if (chosen != DisclosureLevel.CONFIDENTIAL) {
      DisclosureLevel current = session.disclosures().fetch(workspace, translation,
          session.workspaces().log(workspace)).level();
      if (current != chosen) {
        if (chosen == DisclosureLevel.PUBLIC && !yes
            && !root.terminal().confirm(Text.of("cmd-translate.publish-question"))) {
          throw ClientException.usage(Text.of("cmd-translate.not-published"));
        }
        session.disclosures().disclose(workspace, translation, chosen, List.of());
      }
    }
    JsonNode linked = client().link(workspace, sourceId.toString(), null,
        translation.toString(), source.tag(), target.tag(), machine);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("translation", translation.toString());
    out.put("language", target.tag());
    out.put("source", sourceId.toString());
    out.put("sourceVersion", linked.path("sourceVersion").asLong());
    out.put("level", chosen.label());
    if (machine != null) {
      out.put("machineTranslated", machine);
    }
    root.print(out);
    return 0;
  }

  @Command(name = "machine", mixinStandardHelpOptions = true)
  int machine(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-translate.source")
      String doc,
      @Option(names = "--from", required = true, paramLabel = "LANG",
          descriptionKey = "help-translate.from") String from,
      @Option(names = "--to", required = true, paramLabel = "LANG",
          descriptionKey = "help-translate.to-one") String to,
      @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "apertium",
          descriptionKey = "help-translate.engine") String engineName,
      @Option(names = "--url", paramLabel = "URL", descriptionKey = "help-translate.url")
      String url,
      @Option(names = "--out", required = true, paramLabel = "FILE",
          descriptionKey = "help-translate.out") Path out,
      @Option(names = "--send-plaintext", descriptionKey = "help-translate.send-plaintext")
      boolean sendPlaintext) {
    Language source = language(from, "--from");
    Language target = language(to, "--to");
    TranslationEngine engine = engine(engineName, url);
    if (!engine.translates(source, target)) {
      throw ClientException.usage(Text.of("cmd-translate.engine-no-pair", engine.name(),
          source.tag(), target.tag()));
    }
    if (Files.exists(out)) {
      throw ClientException.usage(Text.of("cmd-translate.out-exists", out));
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    DisclosureLevel level = session.disclosures().fetch(workspace, document,
        session.workspaces().log(workspace)).level();
    if (PlaintextGate.needsConsent(level, engine)) {
      String where = engine instanceof LibreTranslateEngine remote ? remote.where()
          : engine.name();
      root.terminal().err().println(root.terminal().text(Text.of("cmd-translate.plaintext-warning",
          level.label(), where)));
      root.terminal().err().flush();
      if (!sendPlaintext && !root.terminal().confirm(Text.of("cmd-translate.send-question"))) {
        throw ClientException.usage(Text.of("cmd-translate.not-sent"));
      }
    }
    List<DocumentClient.Verified> versions = session.documents().versions(workspace, document);
    String plaintext = session.documents().readText(versions.get(versions.size() - 1));
    String translated = engine.translate(plaintext, source, target);
    try {
      Files.writeString(out, translated, StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-translate.cannot-write", out,
          String.valueOf(e.getMessage())));
    }
    root.terminal().say(Text.of("cmd-translate.machine-done", out, engine.name()));
    root.terminal().say(Text.of("cmd-translate.machine-next", ws, doc, out, source.tag(),
        target.tag(), engine.name()));
    return 0;
  }

  private TranslationEngine engine(String name, String url) {
    return switch (name) {
      case "apertium" -> new ApertiumEngine();
      case "libretranslate" -> {
        String endpoint = url != null ? url
            : root.terminal().env().get("PALERMO_LIBRETRANSLATE_URL");
        if (endpoint == null || endpoint.isBlank()) {
          throw ClientException.usage(Text.of("cmd-translate.libretranslate-needs-url"));
        }
        URI uri;
        try {
          uri = URI.create(endpoint.endsWith("/") ? endpoint : endpoint + "/");
        } catch (IllegalArgumentException e) {
          throw ClientException.usage(Text.of("cmd-translate.bad-url", endpoint));
        }
        yield new LibreTranslateEngine(uri,
            root.terminal().env().get("PALERMO_LIBRETRANSLATE_KEY"));
      }
      default -> throw ClientException.usage(Text.of("cmd-translate.unknown-engine", name));
    };
  }

  @Command(name = "words", mixinStandardHelpOptions = true)
  int words(@Parameters(index = "0", paramLabel = "FILE",
      descriptionKey = "help-translate.words-file") Path file,
      @Option(names = "--in", defaultValue = "en", paramLabel = "LANG",
          descriptionKey = "help-translate.in") String in,
      @Option(names = "--summary", descriptionKey = "help-translate.summary") boolean summary) {
    Language language = language(in, "--in");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw ClientException.usage(Text.of("cmd-translate.not-utf8", file));
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-translate.cannot-read", file));
    }
    int count = WordCount.count(text, language);
    if (root.json()) {
      root.print(PalermoCli.fields("words", count, "limit", WordCount.SUMMARY_LIMIT,
          "overLimit", summary && count > WordCount.SUMMARY_LIMIT));
      return 0;
    }
    root.terminal().say(Text.of("cmd-translate.word-count", count));
    if (summary && count > WordCount.SUMMARY_LIMIT) {
      root.terminal().err().println(root.terminal().text(Text.of("cmd-translate.over-limit",
          count, WordCount.SUMMARY_LIMIT)));
    }
    return 0;
  }

  /** The reference glossary, and a workspace's own, sealed on this machine. */
  @Command(name = "glossary", mixinStandardHelpOptions = true)
  static final class Glossary {
    /** The name of the sealed item that holds a workspace's glossary (TSV: id, lang, term). */
    static final String ITEM = "glossary.tsv";

    @ParentCommand TranslateCommand parent;

    @Command(name = "show", mixinStandardHelpOptions = true)
    int show(@Parameters(index = "0", arity = "0..1", paramLabel = "WS",
        descriptionKey = "help-translate.glossary-ws") String ws) {
      PalermoCli root = parent.root;
      JsonNode reference = parent.client().glossary();
      Language shown = root.terminal().language();
      if (root.json() && ws == null) {
        root.terminal().out().println(reference.toString());
        return 0;
      }
      root.terminal().say(Text.of("cmd-translate.glossary-source",
          reference.path("source").asText()));
      for (JsonNode term : reference.path("terms")) {
        JsonNode names = term.path("names");
        root.terminal().out().println(term.path("id").asText() + "\t" + names.path("en").asText()
            + (shown == Language.ENGLISH ? "" : "\t" + names.path(shown.tag()).asText()));
      }
      if (ws != null) {
        PalermoCli.Unlocked session = root.unlock();
        WorkspaceId workspace = session.workspaces().resolve(ws);
        root.terminal().say(Text.of("cmd-translate.glossary-own"));
        own(root, workspace, session).ifPresent(item -> root.terminal().out().print(
            new String(storage(root, workspace, session).get(item.ref()),
                StandardCharsets.UTF_8)));
      }
      return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true)
    int add(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-translate.ws")
        String ws,
        @Parameters(index = "1", paramLabel = "ID", descriptionKey = "help-translate.term-id")
        String id,
        @Option(names = "--term", required = true, paramLabel = "LANG=TERM",
            descriptionKey = "help-translate.term") Map<String, String> terms) {
      PalermoCli root = parent.root;
      if (!id.matches("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,79}")) {
        throw ClientException.usage(Text.of("cmd-translate.bad-term-id"));
      }
      StringBuilder lines = new StringBuilder();
      for (Map.Entry<String, String> term : terms.entrySet()) {
        Language language = language(term.getKey(), "--term");
        String value = term.getValue().strip();
        if (value.isEmpty() || value.contains("\t") || value.contains("\n")) {
          throw ClientException.usage(Text.of("cmd-translate.bad-term"));
        }
        lines.append(id).append('\t').append(language.tag()).append('\t').append(value)
            .append('\n');
      }
      PalermoCli.Unlocked session = root.unlock();
      WorkspaceId workspace = session.workspaces().resolve(ws);
      SealedStorage storage = storage(root, workspace, session);
      Optional<SealedItem> current = own(root, workspace, session);
      if (current.isPresent()) {
        String before = new String(storage.get(current.get().ref()), StandardCharsets.UTF_8);
        StringBuilder kept = new StringBuilder();
        for (String line : before.split("\n")) {
          String[] cells = line.split("\t", 3);
          boolean replaced = cells.length == 3 && cells[0].equals(id)
              && terms.keySet().stream().anyMatch(k -> k.equals(cells[1]));
          if (!line.isBlank() && !replaced) {
            kept.append(line).append('\n');
          }
        }
        storage.update(current.get().ref(),
            (kept + lines.toString()).getBytes(StandardCharsets.UTF_8));
      } else {
        storage.put(ITEM, lines.toString().getBytes(StandardCharsets.UTF_8));
      }
      root.terminal().say(Text.of("cmd-translate.term-added", id, terms.size()));
      return 0;
    }

    private static SealedStorage storage(PalermoCli root, WorkspaceId workspace,
        PalermoCli.Unlocked session) {
      return SealedStorage.of(session.documents(), root.home(), workspace,
          TranslationClient.PLUGIN);
    }

    private static Optional<SealedItem> own(PalermoCli root, WorkspaceId workspace,
        PalermoCli.Unlocked session) {
      return storage(root, workspace, session).list().stream()
          .filter(item -> item.name().equals(ITEM)).reduce((a, b) -> b);
    }
  }
}
