package org.palermo.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.palermo.client.ClientException;
import org.palermo.client.document.DisclosedClient;
import org.palermo.client.document.DisclosureClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;
import org.palermo.security.states.StateCode;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo doc ...}: documents, sealed and signed on this machine. WS is a workspace's id
 * or name; DOC a document's id or title.
 */
@Command(name = "doc", mixinStandardHelpOptions = true)
final class DocCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "put", mixinStandardHelpOptions = true)
  int put(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "FILE", descriptionKey = "help-doc.put-file")
      Path file,
      @Option(names = "--title", paramLabel = "T", descriptionKey = "help-doc.put-title")
      String title,
      @Option(names = "--tag", paramLabel = "X", descriptionKey = "help-doc.put-tag")
      List<String> tags,
      @Option(names = "--keep-original", descriptionKey = "help-doc.put-keep-original")
      boolean keepOriginal,
      @Option(names = "--update", paramLabel = "DOC", descriptionKey = "help-doc.put-update")
      String update,
      @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "confidential",
          descriptionKey = "help-doc.put-level") String level) {
    DisclosureLevel disclosure;
    try {
      disclosure = DisclosureLevel.parse(level);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cmd-doc.unknown-level", level,
          java.util.Arrays.stream(DisclosureLevel.values()).map(DisclosureLevel::label)
              .collect(java.util.stream.Collectors.joining(", "))));
    }
    if (disclosure != DisclosureLevel.CONFIDENTIAL) {
      throw ClientException.usage(Text.of("cmd-doc.confidential-only"));
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    Optional<DocumentId> parent = update == null ? Optional.empty()
        : Optional.of(session.documents().resolve(workspace, update));
    DocumentClient.Put put = session.documents().put(workspace, parent, file,
        Optional.ofNullable(title), tags == null ? List.of() : tags, keepOriginal, disclosure,
        ProgressBar.on(root.terminal(), "put"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", put.document().toString());
    out.put("version", put.version());
    out.put("bytes", put.bytes());
    out.put("type", put.stripped().kind().mediaType());
    out.put("removedMetadata", put.stripped().removed().isEmpty()
        ? root.value(Text.of("cmd-doc.none-found"))
        : String.join("; ", put.stripped().removed().stream().map(root::value).toList()));
    if (keepOriginal) {
      out.put("original", root.value(Text.of("cmd-doc.original-kept")));
    }
    if (put.rekeyWraps() > 0) {
      out.put("newEpochKeyWraps", put.rekeyWraps());
    }
    if (parent.isPresent()) {
      fulfilOwed(session, workspace);
    }
    root.print(out);
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true)
  int list(@Parameters(index = "0", arity = "0..1", paramLabel = "WS",
          descriptionKey = "help-doc.list-workspace") String ws,
      @Option(names = "--disclosed", descriptionKey = "help-doc.list-disclosed")
      boolean disclosed) {
    PalermoCli.Unlocked session = root.unlock();
    if (disclosed) {
      return listDisclosed(session);
    }
    if (ws == null) {
      throw ClientException.usage(Text.of("cmd-doc.name-the-workspace"));
    }
    WorkspaceId workspace = session.workspaces().resolve(ws);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DocumentClient.Verified v : session.documents().list(workspace)) {
      rows.add(row(session, v, root.value(Text.of("cmd-doc.removed-title"))));
    }
    fulfilOwed(session, workspace);
    if (root.json()) {
      root.print(PalermoCli.fields("workspace", workspace.toString(), "documents", rows));
    } else if (rows.isEmpty()) {
      root.terminal().say(Text.of("cmd-doc.no-documents"));
    } else {
      rows.forEach(r -> root.terminal().say(Text.of("cmd-doc.document-line", r.get("document"),
          r.get("version"), r.get("title"), r.get("bytes"), r.get("author"))));
    }
    return 0;
  }

  private int listDisclosed(PalermoCli.Unlocked session) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DisclosedClient.Disclosed d : session.disclosed().list()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workspace", d.manifest().workspace().toString());
      row.put("document", d.manifest().document().toString());
      row.put("version", d.manifest().version());
      row.put("title", d.metadata().title());
      row.put("bytes", d.manifest().contentLength());
      row.put("author", d.author().handle());
      row.put("authorFingerprint", d.author().identity().fingerprint().toDigits());
      row.put("disclosedBy", d.discloser().handle());
      row.put("disclosedByFingerprint", d.discloser().identity().fingerprint().toDigits());
      rows.add(row);
    }
    if (root.json()) {
      root.print(PalermoCli.fields("documents", rows));
    } else if (rows.isEmpty()) {
      root.terminal().say(Text.of("cmd-doc.nothing-disclosed"));
    } else {
      rows.forEach(r -> root.terminal().say(Text.of("cmd-doc.disclosed-line", r.get("workspace"),
          r.get("document"), r.get("version"), r.get("title"), r.get("bytes"), r.get("author"),
          r.get("authorFingerprint"), r.get("disclosedBy"), r.get("disclosedByFingerprint"))));
    }
    return 0;
  }

  @Command(name = "get")
  int get(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-doc.document")
      String doc,
      @Mixin HelpOption help,
      @Option(names = "--version", paramLabel = "N", descriptionKey = "help-doc.get-version")
      Long version,
      @Option(names = "--original", descriptionKey = "help-doc.get-original") boolean original,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE",
          descriptionKey = "help-doc.get-output") Path output) {
    PalermoCli.Unlocked session = root.unlock();
    try {
      return getAsMember(session, ws, doc, version, original, output);
    } catch (ClientException notMember) {
      // Not a member (404): a State account may read what was disclosed to it, by ids.
      if (notMember.status() != 404 || version != null || original
          || !ws.matches("[0-9a-f]{32}") || !doc.matches("[0-9a-f]{32}")) {
        throw notMember;
      }
      DocumentId document = DocumentId.parse(doc);
      DisclosedClient.Disclosed d = session.disclosed().find(WorkspaceId.parse(ws), document)
          .orElseThrow(() -> notMember);
      Path target = output != null ? output
          : Path.of(safeName(d.metadata().fileName(), document));
      session.disclosed().write(d, target, ProgressBar.on(root.terminal(), "get"));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("document", document.toString());
      out.put("version", d.manifest().version());
      out.put("file", target.toString());
      out.put("bytes", d.manifest().contentLength());
      out.put("author", d.author().handle());
      out.put("disclosedBy", d.discloser().handle());
      root.print(out);
      return 0;
    }
  }

  private int getAsMember(PalermoCli.Unlocked session, String ws, String doc, Long version,
      boolean original, Path output) {
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    java.util.function.Function<DocumentClient.Verified, Path> target = v -> output != null
        ? output : Path.of((original ? "original-" : "")
            + safeName(v.metadata().orElseThrow().fileName(), document));
    DocumentClient.Verified got = session.documents().get(workspace, document,
        Optional.ofNullable(version), original, target, ProgressBar.on(root.terminal(), "get"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document.toString());
    out.put("version", got.manifest().version());
    out.put("file", target.apply(got).toString());
    out.put("bytes", original ? got.manifest().originalLength()
        : got.manifest().contentLength());
    out.put("author", session.workspaces().handleOf(got.author()));
    root.print(out);
    return 0;
  }

  @Command(name = "versions", mixinStandardHelpOptions = true)
  int versions(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-doc.document")
      String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DocumentClient.Verified v : session.documents().versions(workspace, document)) {
      rows.add(row(session, v, root.value(Text.of("cmd-doc.removed-title"))));
    }
    if (root.json()) {
      root.print(PalermoCli.fields("document", document.toString(), "versions", rows));
    } else {
      rows.forEach(r -> root.terminal().out().println("v" + r.get("version") + "  "
          + r.get("title") + "  " + r.get("author") + "  " + r.get("created")));
    }
    return 0;
  }

  @Command(name = "rm", mixinStandardHelpOptions = true)
  int rm(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-doc.document")
      String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    long version = session.documents().remove(workspace, document);
    root.print(PalermoCli.fields("removed", document.toString(), "version", version));
    return 0;
  }

  @Command(name = "disclose", mixinStandardHelpOptions = true)
  int disclose(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-doc.document")
      String doc,
      @Option(names = "--level", required = true, paramLabel = "LEVEL",
          descriptionKey = "help-doc.disclose-level") String level,
      @Option(names = "--state", paramLabel = "ISO3", descriptionKey = "help-doc.disclose-state")
      List<String> stateCodes,
      @Option(names = "--yes", descriptionKey = "help-doc.disclose-yes") boolean yes) {
    DisclosureLevel chosen = level(level);
    List<StateCode> named = new ArrayList<>();
    for (String code : stateCodes == null ? List.<String>of() : stateCodes) {
      try {
        StateCode parsed = StateCode.parse(code);
        if (!named.contains(parsed)) {
          named.add(parsed);
        }
      } catch (IllegalArgumentException e) {
        throw ClientException.usage(Text.of("cmd-doc.not-a-state-code",
            code.strip().toUpperCase(Locale.ROOT)));
      }
    }
    if (chosen == DisclosureLevel.PUBLIC) {
      root.terminal().err().println(root.terminal().text(Text.of("cmd-doc.publish-warning")));
      root.terminal().err().flush();
      if (!yes && !root.terminal().confirm(Text.of("cmd-doc.publish-confirm"))) {
        throw ClientException.usage(Text.of("cmd-doc.not-published"));
      }
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    DisclosureClient.Disclosed done = session.disclosures().disclose(workspace, document,
        chosen, named);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document.toString());
    out.put("version", done.version());
    out.put("level", done.level().label());
    out.put("readers", done.recipients().stream().map(e -> e.certificate().handle() + " ("
        + e.certificate().state() + ")").toList());
    root.print(out);
    return 0;
  }

  @Command(name = "approve", mixinStandardHelpOptions = true)
  int approve(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "DOC", descriptionKey = "help-doc.document")
      String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    long version = session.disclosures().approve(workspace, document);
    root.print(PalermoCli.fields("document", document.toString(), "approved",
        root.value(Text.of("cmd-doc.approved-version", version))));
    return 0;
  }

  @Command(name = "grants", mixinStandardHelpOptions = true)
  int grants(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-doc.workspace")
      String ws,
      @Option(names = "--fulfil", descriptionKey = "help-doc.grants-fulfil") boolean fulfil) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    List<DisclosureClient.Owed> owed = fulfil ? session.disclosures().fulfil(workspace)
        : session.disclosures().pending(workspace);
    List<String> lines = owed.stream().map(o -> o.document() + "  v" + o.version() + "  "
        + o.certificate().certificate().handle() + " (" + o.certificate().certificate().state()
        + ")").toList();
    if (root.json()) {
      root.print(PalermoCli.fields(fulfil ? "fulfilled" : "pending", lines));
    } else if (lines.isEmpty()) {
      root.terminal().say(Text.of("cmd-doc.no-key-owed"));
    } else {
      lines.forEach(l -> root.terminal().say(fulfil ? Text.of("cmd-doc.granted-line", l)
          : Text.of("cmd-doc.owed-line", l)));
    }
    return 0;
  }

  /**
   * Syncing the workspace sends the keys its States-only documents owe (State accounts
   * certified since, new versions since), each checked as {@code doc grants --fulfil} does.
   */
  private void fulfilOwed(PalermoCli.Unlocked session, WorkspaceId workspace) {
    List<DisclosureClient.Owed> sent = session.disclosures().fulfil(workspace);
    if (!sent.isEmpty()) {
      root.terminal().err().println(root.terminal().text(Text.of("cmd-doc.keys-sent",
          sent.size(), workspace)));
    }
  }

  /** A disclosure level as the options name it: confidential, states (or states-only), public. */
  static DisclosureLevel level(String level) {
    return switch (level.strip().toLowerCase(Locale.ROOT)) {
      case "confidential" -> DisclosureLevel.CONFIDENTIAL;
      case "states", "states-only" -> DisclosureLevel.STATES_ONLY;
      case "public" -> DisclosureLevel.PUBLIC;
      default -> throw ClientException.usage(Text.of("cmd-doc.disclose-level"));
    };
  }

  private static Map<String, Object> row(PalermoCli.Unlocked session,
      DocumentClient.Verified v, String removedTitle) {
    DocumentManifest m = v.manifest();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("document", m.document().toString());
    row.put("version", m.version());
    if (m.kind() == ManifestKind.TOMBSTONE) {
      row.put("title", removedTitle);
    } else {
      DocumentClient.Metadata meta = v.metadata().orElseThrow();
      row.put("title", meta.title());
      row.put("file", meta.fileName());
      row.put("type", meta.mediaType());
      row.put("tags", meta.tags());
    }
    row.put("bytes", m.contentLength());
    row.put("author", session.workspaces().handleOf(v.author()));
    row.put("level", m.disclosure().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    row.put("created", java.time.Instant.ofEpochSecond(m.createdAt()).toString());
    return row;
  }

  /** A file name from sealed metadata, reduced to a plain name in this folder. */
  static String safeName(String name, DocumentId document) {
    String base = name == null ? "" : name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
    if (base.isEmpty() || base.startsWith(".")) {
      return "document-" + document;
    }
    return base;
  }
}
