package org.palermo.client.i18n;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.palermo.text.Language;

/**
 * The command line's help in one language: the {@code help*} areas merged into the one bundle
 * picocli reads. Keys are picocli's: a command's description is
 * {@code <qualified command>.usage.description} ({@code palermo.doc.put.usage.description}),
 * an option's or parameter's is its {@code descriptionKey} ({@code help-doc.put-title}),
 * headings are {@code usage.*Heading}.
 */
public final class CliHelp {
  /** Every help area; a new top-level command adds its own. */
  public static final List<String> AREAS = List.of("help", "help-account", "help-workspace",
      "help-doc", "help-states", "help-admin", "help-public", "help-audit", "help-submission",
      "help-checklist", "help-dialogue", "help-translate");

  private static final ResourceBundle.Control NO_DEFAULT_LOCALE =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private CliHelp() {}

  public static ResourceBundle bundle(Language language) {
    Map<String, Object> merged = new HashMap<>();
    for (String area : AREAS) {
      ResourceBundle part;
      try {
        part = ResourceBundle.getBundle("org.palermo.client.i18n." + area, language.locale(),
            CliHelp.class.getClassLoader(), NO_DEFAULT_LOCALE);
      } catch (java.util.MissingResourceException e) {
        continue;
      }
      for (String key : part.keySet()) {
        merged.put(key, part.getObject(key));
      }
    }
    return new ResourceBundle() {
      @Override
      protected Object handleGetObject(String key) {
        return merged.get(key);
      }

      @Override
      public Enumeration<String> getKeys() {
        return Collections.enumeration(merged.keySet());
      }
    };
  }
}
