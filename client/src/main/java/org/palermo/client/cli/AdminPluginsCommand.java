package org.palermo.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.palermo.client.ClientException;
import org.palermo.plugin.api.Capability;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo admin plugins ...}, on the server's machine: which plugins in the plugin folder
 * run, and with which capabilities. Decisions go to {@code approved.properties} in that folder
 * and take effect when the server next starts.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true)
final class AdminPluginsCommand {
  static final String APPROVALS = "approved.properties";
  static final String DESCRIPTOR = "META-INF/palermo-plugin.properties";

  @ParentCommand AdminCommand admin;

  @Option(names = "--dir", paramLabel = "DIR", descriptionKey = "help-admin.plugins-dir")
  Path dir;


  @Command(name = "list", mixinStandardHelpOptions = true)
  int list() {
    Path folder = folder();
    Properties approved = approvals(folder);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Path jar : jars(folder)) {
      Properties d = descriptor(jar);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("file", jar.getFileName().toString());
      if (d == null) {
        row.put("descriptor", admin.root.value(Text.of("cmd-admin.no-descriptor")));
      } else {
        String id = d.getProperty("id", "?");
        row.put("id", id);
        row.put("version", d.getProperty("version", "?"));
        row.put("requires", d.getProperty("requires", "?"));
        row.put("asks", d.getProperty("capabilities", "").strip());
        row.put("enabled", admin.root.value(approved.containsKey(id)
            ? Text.of("cmd-admin.enabled-approved", approved.getProperty(id))
            : Text.of("cmd-admin.not-enabled")));
      }
      rows.add(row);
    }
    if (admin.root.json()) {
      admin.root.print(PalermoCli.fields("folder", folder.toString(), "plugins", rows));
    } else if (rows.isEmpty()) {
      admin.root.terminal().say(Text.of("cmd-admin.no-plugin-jars", folder));
    } else {
      rows.forEach(r -> admin.root.terminal().say(r.containsKey("id")
          ? Text.of("cmd-admin.plugin-row", r.get("file"), r.get("id"), r.get("version"),
              r.get("requires"), r.get("asks"), r.get("enabled"))
          : Text.of("cmd-admin.plugin-row-unreadable", r.get("file"), r.get("descriptor"))));
    }
    return 0;
  }

  @Command(name = "enable", mixinStandardHelpOptions = true)
  int enable(@Parameters(index = "0", paramLabel = "ID", descriptionKey = "help-admin.plugin-id")
      String id,
      @Option(names = "--approve", paramLabel = "CAPS", split = ",",
          descriptionKey = "help-admin.approve") List<String> capabilities) {
    List<String> labels = new ArrayList<>();
    for (String c : capabilities == null ? List.<String>of() : capabilities) {
      String label = c.strip();
      if (Capability.fromLabel(label).isEmpty()) {
        throw ClientException.usage(Text.of("cmd-admin.no-capability", label, String.join(
            ", ", Arrays.stream(Capability.values()).map(Capability::label).toList())));
      }
      if (!labels.contains(label)) {
        labels.add(label);
      }
    }
    requireId(id);
    Path folder = folder();
    Properties approved = approvals(folder);
    approved.setProperty(id, String.join(",", labels));
    save(folder, approved);
    admin.root.print(PalermoCli.fields("enabled", id, "approved", labels.isEmpty()
        ? admin.root.value(Text.of("cmd-admin.nothing")) : String.join(",", labels), "effective",
        admin.root.value(Text.of("cmd-admin.next-start"))));
    return 0;
  }

  @Command(name = "disable", mixinStandardHelpOptions = true)
  int disable(@Parameters(index = "0", paramLabel = "ID", descriptionKey = "help-admin.plugin-id")
      String id) {
    requireId(id);
    Path folder = folder();
    Properties approved = approvals(folder);
    if (approved.remove(id) == null) {
      throw ClientException.usage(Text.of("cmd-admin.plugin-not-enabled", id));
    }
    save(folder, approved);
    admin.root.print(PalermoCli.fields("disabled", id, "effective",
        admin.root.value(Text.of("cmd-admin.next-start"))));
    return 0;
  }

  private Path folder() {
    if (dir != null) {
      return dir;
    }
    Map<String, String> env = admin.root.terminal().env();
    String plugins = env.get("PALERMO_PLUGINS_DIR");
    if (plugins != null && !plugins.isBlank()) {
      return Path.of(plugins);
    }
    String data = env.get("PALERMO_DATA_DIR");
    return Path.of(data == null || data.isBlank() ? "data" : data).resolve("plugins");
  }

  private static void requireId(String id) {
    if (!id.matches("[a-z][a-z0-9-]{1,39}")) {
      throw ClientException.usage(Text.of("cmd-admin.plugin-id-form"));
    }
  }

  private static List<Path> jars(Path folder) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      throw ClientException.usage(Text.of("cmd-admin.no-plugin-folder", folder));
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(folder, "*.jar")) {
      all.forEach(out::add);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-admin.cannot-read", folder,
          String.valueOf(e.getMessage())));
    }
    out.sort(null);
    return out;
  }

  /** The jar's descriptor, or null when it has none or is not a readable jar. */
  private static Properties descriptor(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      ZipEntry entry = zip.getEntry(DESCRIPTOR);
      if (entry == null) {
        return null;
      }
      Properties p = new Properties();
      try (InputStream in = zip.getInputStream(entry)) {
        p.load(in);
      }
      return p;
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Properties approvals(Path folder) {
    Properties p = new Properties();
    Path file = folder.resolve(APPROVALS);
    if (Files.isRegularFile(file)) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw ClientException.usage(Text.of("cmd-admin.cannot-read", file,
            String.valueOf(e.getMessage())));
      }
    }
    return p;
  }

  /** Writes the approvals whole, then moves them into place (never half a file). */
  private static void save(Path folder, Properties approved) {
    try {
      Files.createDirectories(folder);
      Path partial = Files.createTempFile(folder, ".approved-", ".part",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
        out.write("# palermo admin plugins: enabled plugins and the capabilities approved\n");
        for (Map.Entry<String, String> e : new TreeMap<>(asMap(approved)).entrySet()) {
          out.write(e.getKey() + "=" + e.getValue() + "\n");
        }
      }
      Files.move(partial, folder.resolve(APPROVALS), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw ClientException.usage(Text.of("cmd-admin.cannot-write-in", folder,
          String.valueOf(e.getMessage())));
    }
  }

  private static Map<String, String> asMap(Properties p) {
    Map<String, String> out = new TreeMap<>();
    p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }
}
