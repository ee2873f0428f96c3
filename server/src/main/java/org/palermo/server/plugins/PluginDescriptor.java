package org.palermo.server.plugins;

import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.palermo.plugin.api.Capability;
import org.palermo.plugin.api.PluginApi;

/**
 * A plugin's descriptor, {@code META-INF/palermo-plugin.properties}: {@code id} (lower case
 * letters, digits and hyphens), {@code version} (semantic), {@code requires} (the plugin API
 * version it was built against, {@code MAJOR.MINOR}), {@code capabilities} (comma-separated
 * labels, may be empty), {@code entry} (the class implementing {@code PalermoPlugin}),
 * {@code messages} (with the {@code messages} capability: the base name of its message files,
 * such as {@code i18n/messages} for {@code i18n/messages.properties} and
 * {@code i18n/messages_fr.properties}).
 */
record PluginDescriptor(String id, String version, int requiresMajor, int requiresMinor,
    Set<Capability> capabilities, String entry, String messages) {
  static final String PATH = "META-INF/palermo-plugin.properties";
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
  private static final Pattern REQUIRES = Pattern.compile("(\\d{1,4})\\.(\\d{1,4})");
  private static final Pattern BUNDLE = Pattern.compile("[A-Za-z0-9_]+([/.][A-Za-z0-9_]+)*");
  private static final Pattern CLASS = Pattern.compile(
      "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  /** Reads and checks a descriptor; refused with the first thing wrong in it. */
  static PluginDescriptor parse(Properties p) throws PluginRefusedException {
    String id = required(p, "id");
    if (!ID.matcher(id).matches()) {
      throw new PluginRefusedException("its id '" + id + "' is not 2 to 40 lower-case letters,"
          + " digits and hyphens starting with a letter");
    }
    String version = required(p, "version");
    if (!VERSION.matcher(version).matches()) {
      throw new PluginRefusedException("its version '" + version + "' is not MAJOR.MINOR.PATCH");
    }
    var requires = REQUIRES.matcher(required(p, "requires"));
    if (!requires.matches()) {
      throw new PluginRefusedException("'requires' names the plugin API version it was built"
          + " against, as MAJOR.MINOR");
    }
    int major = Integer.parseInt(requires.group(1));
    int minor = Integer.parseInt(requires.group(2));
    if (major != PluginApi.MAJOR || minor > PluginApi.MINOR) {
      throw new PluginRefusedException("it requires plugin API " + major + "." + minor
          + ", and this server provides " + PluginApi.VERSION + " (a plugin runs on the same"
          + " major version, at its minor version or later)");
    }
    Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
    for (String label : p.getProperty("capabilities", "").split(",")) {
      String l = label.strip();
      if (!l.isEmpty()) {
        capabilities.add(Capability.fromLabel(l).orElseThrow(() -> new PluginRefusedException(
            "it asks for the capability '" + l + "', which plugin API " + PluginApi.VERSION
                + " does not have")));
      }
    }
    String entry = required(p, "entry");
    if (!CLASS.matcher(entry).matches()) {
      throw new PluginRefusedException("its entry '" + entry + "' is not a class name");
    }
    String messages = null;
    if (capabilities.contains(Capability.MESSAGES)) {
      messages = required(p, "messages");
      if (!BUNDLE.matcher(messages).matches()) {
        throw new PluginRefusedException("its messages '" + messages + "' is not a bundle base"
            + " name such as i18n/messages");
      }
      messages = messages.replace('.', '/');
    }
    return new PluginDescriptor(id, version, major, minor, Set.copyOf(capabilities), entry,
        messages);
  }

  private static String required(Properties p, String key) throws PluginRefusedException {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new PluginRefusedException("its descriptor has no '" + key + "'");
    }
    return value.strip();
  }
}
