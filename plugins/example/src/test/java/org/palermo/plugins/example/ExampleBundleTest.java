package org.palermo.plugins.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.text.BundleAudit;

/** The example's bundle holds its greeting in the six languages. */
class ExampleBundleTest {
  @Test
  void bundleAndCodeAgree() throws Exception {
    List<String> problems = new BundleAudit(Path.of("src/main/resources/i18n"),
        Path.of("src/main/java")).problems();
    assertEquals(List.of(), problems, String.join("\n", problems));
  }
}
