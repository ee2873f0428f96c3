package org.palermo.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Test plugins with the {@code events} capability that write what they receive to a file, one
 * line per call ({@code > SEQ KIND} when a call begins, {@code ok SEQ KIND WS DOC VERSION
 * ACCOUNT LEVEL} when it returned), and behave as their mode says: {@code record} returns,
 * {@code throw} always throws, {@code hang} never returns (not even when interrupted),
 * {@code flaky} throws on the first two tries of each event, {@code block} waits while the file
 * {@code LOG.block} exists.
 */
public final class EventPlugins {
  private EventPlugins() {}

  public static Path build(Path folder, String id, String mode, Path log) throws IOException {
    String pkg = "ev" + id.replace("-", "");
    String source = "package " + pkg + ";\n"
        + "import java.nio.file.*; import java.util.*; import org.palermo.plugin.api.*;\n"
        + "public class Plugin implements PalermoPlugin {\n"
        + "  private static final Path LOG = Path.of(\"" + log.toString().replace("\\", "\\\\")
        + "\");\n"
        + "  private final Map<Long, Integer> tries = new HashMap<>();\n"
        + "  private static synchronized void line(String s) throws java.io.IOException {\n"
        + "    Files.writeString(LOG, s + \"\\n\", StandardOpenOption.CREATE,"
        + " StandardOpenOption.APPEND, StandardOpenOption.SYNC);\n  }\n"
        + "  public void onEvent(CoreEvent e) throws Exception {\n"
        + "    line(\"> \" + e.sequence() + \" \" + e.kind());\n"
        + "    switch (\"" + mode + "\") {\n"
        + "      case \"throw\": throw new IllegalStateException(\"refuses \" + e.kind());\n"
        + "      case \"hang\": while (true) { try { Thread.sleep(60_000); }"
        + " catch (InterruptedException ignored) { } }\n"
        + "      case \"flaky\": if (tries.merge(e.sequence(), 1, Integer::sum) <= 2)"
        + " throw new IllegalStateException(\"not yet\"); break;\n"
        + "      case \"block\": while (Files.exists(Path.of(LOG + \".block\"))) Thread.sleep(50);"
        + " break;\n"
        + "      default: break;\n"
        + "    }\n"
        + "    line(\"ok \" + e.sequence() + \" \" + e.kind() + \" \" + e.workspaceId() + \" \""
        + " + e.documentId() + \" \" + e.version() + \" \" + e.accountId() + \" \""
        + " + e.level());\n"
        + "  }\n"
        + "}\n";
    return PluginJars.build(folder, id + ".jar", PluginJars.descriptor(id, "1.0", "events",
        pkg + ".Plugin"), Map.of(pkg + ".Plugin", source));
  }
}
