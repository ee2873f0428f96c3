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
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo public ...}: what workspaces published, read with no account. Each document is
 * verified here (its author's signature, the member-signed publication, its released key).
 */
@Command(name = "public", mixinStandardHelpOptions = true)
final class PublicCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "list", mixinStandardHelpOptions = true)
  int list(@Option(names = "--limit", paramLabel = "N", defaultValue = "50",
          descriptionKey = "help-public.list-limit") int limit,
      @Option(names = "--after", paramLabel = "CURSOR", descriptionKey = "help-public.list-after")
      String after) {
    if (limit < 1 || limit > 100) {
      throw ClientException.usage(Text.of("cmd-public.limit-range"));
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
      root.terminal().say(Text.of("cmd-public.nothing-published"));
    }
    for (Map<String, Object> row : rows) {
      root.terminal().out().println(row.get("published") + "  " + row.get("workspace") + " "
          + row.get("document") + "  " + row.get("title")
          + (row.containsKey("by") ? "  (" + row.get("by") + ")" : ""));
    }
    page.next().ifPresent(n -> root.terminal().say(Text.of("cmd-public.next-page", n)));
    return 0;
  }

  @Command(name = "get", mixinStandardHelpOptions = true)
  int get(@Parameters(index = "0", paramLabel = "WS|URL", descriptionKey = "help-public.get-first")
      String first,
      @Parameters(index = "1", paramLabel = "DOC", arity = "0..1",
          descriptionKey = "help-public.get-document") String second,
      @Option(names = {"-o", "--output"}, paramLabel = "FILE",
          descriptionKey = "help-public.get-output") Path output) {
    String[] ids = ids(first, second);
    WorkspaceId workspace;
    DocumentId document;
    try {
      workspace = WorkspaceId.parse(ids[0]);
      document = DocumentId.parse(ids[1]);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cmd-public.ids-from-list"));
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
      throw ClientException.usage(Text.of("cmd-public.ws-doc-or-url"));
    }
    return new String[] {parts[at + 1], parts[at + 2]};
  }
}
