package org.palermo.plugins.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.text.BundleAudit;

/** The plugin's bundle holds every key in the six languages, and only keys the code uses. */
class TranslationBundleTest {
  @Test
  void bundleAndCodeAgree() throws Exception {
    List<String> problems = new BundleAudit(Path.of("src/main/resources/i18n"),
        Path.of("src/main/java")).problems();
    assertEquals(List.of(), problems, String.join("\n", problems));
  }
}
