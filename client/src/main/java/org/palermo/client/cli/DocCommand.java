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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo doc ...}: documents, sealed and signed on this machine. WS is a workspace's id
 * or name; DOC a document's id or title.
 */
@Command(name = "doc", mixinStandardHelpOptions = true,
    description = "Documents: put (strips metadata, seals, signs, uploads), list, get, versions,"
        + " rm, disclose (to certified States, or public), approve (publishing), grants.")
final class DocCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "put", description = "Strip location and authoring metadata, seal and sign"
      + " the file, and upload it as a new document. Prints what was removed.")
  int put(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "FILE") Path file,
      @Option(names = "--title", paramLabel = "T", description = "Title (default: the file"
          + " name); sealed") String title,
      @Option(names = "--tag", paramLabel = "X", description = "A tag (repeatable); sealed")
      List<String> tags,
      @Option(names = "--keep-original", description = "Also seal the untouched original beside"
          + " the stripped copy, for readers who need it as evidence") boolean keepOriginal,
      @Option(names = "--update", paramLabel = "DOC", description = "Put the file as the next"
          + " version of this document (its id or title) instead of a new document")
      String update,
      @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "confidential",
          description = "Disclosure level: confidential (default), states-only or public")
      String level) {
    DisclosureLevel disclosure;
    try {
      disclosure = DisclosureLevel.parse(level);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(e.getMessage());
    }
    if (disclosure != DisclosureLevel.CONFIDENTIAL) {
      throw ClientException.usage("Only 'confidential' documents can be put for now: sharing"
          + " with States and publishing come with the disclosure feature");
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
    out.put("removedMetadata", put.stripped().removed().isEmpty() ? "none found"
        : String.join("; ", put.stripped().removed().stream().map(root.terminal()::text)
            .toList()));
    if (keepOriginal) {
      out.put("original", "sealed beside it, untouched");
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

  @Command(name = "list", description = "Documents with their titles, opened on this machine;"
      + " --disclosed: what was disclosed to your certified State account.")
  int list(@Parameters(index = "0", arity = "0..1", paramLabel = "WS") String ws,
      @Option(names = "--disclosed", description = "Documents disclosed to you as a State")
      boolean disclosed) {
    PalermoCli.Unlocked session = root.unlock();
    if (disclosed) {
      return listDisclosed(session);
    }
    if (ws == null) {
      throw ClientException.usage("Name the workspace: palermo doc list WS (or --disclosed)");
    }
    WorkspaceId workspace = session.workspaces().resolve(ws);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DocumentClient.Verified v : session.documents().list(workspace)) {
      rows.add(row(session, v));
    }
    fulfilOwed(session, workspace);
    if (root.json()) {
      root.print(PalermoCli.fields("workspace", workspace.toString(), "documents", rows));
    } else if (rows.isEmpty()) {
      root.terminal().out().println("No documents yet: palermo doc put WS FILE");
    } else {
      rows.forEach(r -> root.terminal().out().println(r.get("document") + "  v"
          + r.get("version") + "  " + r.get("title") + "  (" + r.get("bytes") + " bytes, "
          + r.get("author") + ")"));
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
      root.terminal().out().println("Nothing has been disclosed to you.");
    } else {
      rows.forEach(r -> root.terminal().out().println(r.get("workspace") + " "
          + r.get("document") + "  v" + r.get("version") + "  " + r.get("title") + "  ("
          + r.get("bytes") + " bytes, by " + r.get("author") + " [" + r.get("authorFingerprint")
          + "], disclosed by " + r.get("disclosedBy") + " [" + r.get("disclosedByFingerprint")
          + "])"));
    }
    return 0;
  }

  @Command(name = "get", description = "Download, verify and open a document; writes nothing"
      + " unless all of it verifies.")
  int get(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Option(names = "--version", paramLabel = "N") Long version,
      @Option(names = "--original", description = "The untouched original (kept with"
          + " --keep-original), with its metadata") boolean original,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE",
          description = "Where to write (default: the document's file name, here)") Path output) {
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

  @Command(name = "versions", description = "Every version of a document, verified as one"
      + " unbroken line.")
  int versions(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DocumentClient.Verified v : session.documents().versions(workspace, document)) {
      rows.add(row(session, v));
    }
    if (root.json()) {
      root.print(PalermoCli.fields("document", document.toString(), "versions", rows));
    } else {
      rows.forEach(r -> root.terminal().out().println("v" + r.get("version") + "  "
          + r.get("title") + "  " + r.get("author") + "  " + r.get("created")));
    }
    return 0;
  }

  @Command(name = "rm", description = "Remove a document (a signed removal; earlier versions"
      + " stay readable with --version).")
  int rm(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    long version = session.documents().remove(workspace, document);
    root.print(PalermoCli.fields("removed", document.toString(), "version", version));
    return 0;
  }

  @Command(name = "disclose", description = "Set who beyond the workspace may read the"
      + " document, from its current version: confidential (members only), states (certified"
      + " State accounts, all or those of each --state; their keys are wrapped here) or public"
      + " (anyone, without an account: the version's key is released; with two or more owners,"
      + " another owner approves the version first with doc approve).")
  int disclose(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc,
      @Option(names = "--level", required = true, paramLabel = "LEVEL",
          description = "confidential, states or public") String level,
      @Option(names = "--state", paramLabel = "ISO3",
          description = "A State whose certified accounts read it (repeat; default: all)")
      List<String> stateCodes,
      @Option(names = "--yes", description = "Publish without asking (public only)")
      boolean yes) {
    DisclosureLevel chosen = switch (level.strip().toLowerCase(Locale.ROOT)) {
      case "confidential" -> DisclosureLevel.CONFIDENTIAL;
      case "states", "states-only" -> DisclosureLevel.STATES_ONLY;
      case "public" -> DisclosureLevel.PUBLIC;
      default -> throw ClientException.usage("--level is confidential, states or public");
    };
    List<StateCode> named = new ArrayList<>();
    for (String code : stateCodes == null ? List.<String>of() : stateCodes) {
      try {
        StateCode parsed = StateCode.parse(code);
        if (!named.contains(parsed)) {
          named.add(parsed);
        }
      } catch (IllegalArgumentException e) {
        throw ClientException.usage(e.getMessage());
      }
    }
    if (chosen == DisclosureLevel.PUBLIC) {
      root.terminal().err().println("Publishing releases this version's key: anyone may read"
          + " it, without an account. Setting another level later stops the server serving"
          + " it, but cannot undo copies already read.");
      root.terminal().err().flush();
      if (!yes && !root.terminal().confirm("Publish it?")) {
        throw ClientException.usage("Not published (confirm on a terminal, or pass --yes)");
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

  @Command(name = "approve", description = "As an owner, approve publishing the document's"
      + " current version (four-eyes: in a workspace of two or more owners, another owner"
      + " publishes it afterwards; the approval counts for this version only).")
  int approve(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "DOC") String doc) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    DocumentId document = session.documents().resolve(workspace, doc);
    long version = session.disclosures().approve(workspace, document);
    root.print(PalermoCli.fields("document", document.toString(), "approved", "version " + version));
    return 0;
  }

  @Command(name = "grants", description = "Keys the workspace's States-only documents owe to"
      + " State accounts certified since (checked against the State list and each document's"
      + " disclosure log); --fulfil wraps and sends them.")
  int grants(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Option(names = "--fulfil", description = "Wrap and send the keys owed") boolean fulfil) {
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
      root.terminal().out().println("No key is owed to a State account.");
    } else {
      lines.forEach(l -> root.terminal().out().println((fulfil ? "granted: " : "owed: ") + l));
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
      root.terminal().err().println("Sent " + sent.size() + " document key(s) owed to"
          + " certified State accounts (see palermo doc grants " + workspace + ").");
    }
  }

  private static Map<String, Object> row(PalermoCli.Unlocked session,
      DocumentClient.Verified v) {
    DocumentManifest m = v.manifest();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("document", m.document().toString());
    row.put("version", m.version());
    if (m.kind() == ManifestKind.TOMBSTONE) {
      row.put("title", "(removed)");
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
