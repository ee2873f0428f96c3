package org.palermo.server.plugins;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.palermo.plugin.api.Capability;

/**
 * The operator's decisions, in {@code approved.properties} beside the plugin jars (written by
 * {@code palermo admin plugins enable|disable} on the server's machine): one line per enabled
 * plugin, {@code id=capability,capability}. A plugin not named is disabled; a capability not
 * listed is not approved. Plugin administration needs the server's machine, as installing the
 * jar does.
 */
final class PluginApprovals {
  static final String FILE = "approved.properties";

  private final Map<String, Set<Capability>> enabled;

  private PluginApprovals(Map<String, Set<Capability>> enabled) {
    this.enabled = enabled;
  }

  /** The folder's approvals; none if the file does not exist or cannot be read. */
  static PluginApprovals read(Path folder) {
    Path file = folder.resolve(FILE);
    Map<String, Set<Capability>> enabled = new HashMap<>();
    if (Files.isRegularFile(file)) {
      Properties p = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
      }
      for (String id : p.stringPropertyNames()) {
        Set<Capability> approved = EnumSet.noneOf(Capability.class);
        for (String label : p.getProperty(id).split(",")) {
          Capability.fromLabel(label.strip()).ifPresent(approved::add);
        }
        enabled.put(id.strip(), Set.copyOf(approved));
      }
    }
    return new PluginApprovals(enabled);
  }

  /** The capabilities approved for the plugin, or empty when the operator did not enable it. */
  Optional<Set<Capability>> approved(String id) {
    return Optional.ofNullable(enabled.get(id));
  }
}
