package org.palermo.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.document.PublicClient;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo public ...}: what workspaces published, read with no account. Each document is
 * verified here (its author's signature, the member-signed publication, its released key).
 */
@Command(name = "public", mixinStandardHelpOptions = true,
    description = "Published documents, no account needed: list the public index, get one.")
final class PublicCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "list", description = "The public index, newest first: title, date, the"
      + " workspace's public name, author and publisher with their fingerprints.")
  int list(@Option(names = "--limit", paramLabel = "N", defaultValue = "50",
          description = "Documents per page, 1 to 100 (default 50)") int limit,
      @Option(names = "--after", paramLabel = "CURSOR",
          description = "Start after this cursor (printed as 'next' by the page before)")
      String after) {
    if (limit < 1 || limit > 100) {
      throw ClientException.usage("--limit is 1 to 100");
    }
    PublicClient.Page page = client().list(after, limit);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PublicClient.Published p : page.documents()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("workspace", p.manifest().workspace().toString());
      row.put("document", p.manifest().document().toString());
      row.put("version", p.manifest().version());
      row.put("title", p.metadata().title());
      row.put("published", p.publishedOn().toString());
      p.publicName().ifPresent(n -> row.put("by", n));
      row.put("author", p.author().handle() + " "
          + p.author().identity().fingerprint().toDigits());
      row.put("publisher", p.publisher().handle() + " "
          + p.publisher().identity().fingerprint().toDigits());
      rows.add(row);
    }
    if (root.json()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("documents", rows);
      page.next().ifPresent(n -> out.put("next", n));
      root.print(out);
      return 0;
    }
    if (rows.isEmpty()) {
      root.terminal().out().println("Nothing is published here.");
    }
    for (Map<String, Object> row : rows) {
      root.terminal().out().println(row.get("published") + "  " + row.get("workspace") + " "
          + row.get("document") + "  " + row.get("title")
          + (row.containsKey("by") ? "  (" + row.get("by") + ")" : ""));
    }
    page.next().ifPresent(n -> root.terminal().out().println("next: --after " + n));
    return 0;
  }

  @Command(name = "get", description = "Download a published document, verify it and open it;"
      + " writes nothing unless all of it verifies. Give WS DOC, or the document's public URL.")
  int get(@Parameters(index = "0", paramLabel = "WS|URL") String first,
      @Parameters(index = "1", paramLabel = "DOC", arity = "0..1") String second,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE",
          description = "Where to write (default: the document's file name, here)") Path output) {
    String[] ids = ids(first, second);
    WorkspaceId workspace;
    DocumentId document;
    try {
      workspace = WorkspaceId.parse(ids[0]);
      document = DocumentId.parse(ids[1]);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage("WS and DOC are the ids 'palermo public list' prints");
    }
    PublicClient client = client();
    PublicClient.Published p = client.find(workspace, document);
    Path target = output != null ? output
        : Path.of(DocCommand.safeName(p.metadata().fileName(), document));
    client.write(p, target, ProgressBar.on(root.terminal(), "get"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("document", document.toString());
    out.put("version", p.manifest().version());
    out.put("title", p.metadata().title());
    out.put("file", target.toString());
    out.put("bytes", p.manifest().contentLength());
    out.put("author", p.author().handle() + " " + p.author().identity().fingerprint().toDigits());
    out.put("publisher", p.publisher().handle() + " "
        + p.publisher().identity().fingerprint().toDigits());
    root.print(out);
    return 0;
  }

  private PublicClient client() {
    return new PublicClient(root.connect(), root.home());
  }

  /** WS and DOC, or both from a URL ending in .../public/WS/DOC. */
  private static String[] ids(String first, String second) {
    if (second != null) {
      return new String[] {first, second};
    }
    String path;
    try {
      path = URI.create(first).getPath();
    } catch (IllegalArgumentException e) {
      path = null;
    }
    String[] parts = path == null ? new String[0] : path.split("/");
    int at = List.of(parts).lastIndexOf("public");
    if (at < 0 || parts.length != at + 3) {
      throw ClientException.usage("Give WS DOC, or a URL ending in /api/v1/public/WS/DOC");
    }
    return new String[] {parts[at + 1], parts[at + 2]};
  }
}
