package org.palermo.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Rendering: arguments as written, in Arabic isolated; an argument's own directional controls
 * removed so it cannot close the isolate or reverse the sentence; English where a language
 * lacks the bundle; plugin text the same.
 */
class BundlesTest {
  private final Bundles bundles =
      new Bundles("org.palermo.text.sample", BundlesTest.class.getClassLoader());

  @Test
  void arguments_asWritten_isolatedInArabic() {
    assertEquals("File a.md in 2026", bundles.render(Text.of("probe.line", "a.md", 2026),
        Language.ENGLISH));
    assertEquals("الملف \u2068a.md\u2069 في \u20682026\u2069",
        bundles.render(Text.of("probe.line", "a.md", 2026), Language.ARABIC));
    assertEquals("File a.md in 2026", bundles.render(Text.of("probe.line", "a.md", 2026),
        Language.FRENCH));
  }

  @Test
  void anArgumentsOwnDirectionalControls_areRemoved() {
    String hostile = "evil\u2069\u202Edm.exe\u202C\u200F";
    assertEquals("الملف \u2068evildm.exe\u2069 في \u2068x\u2069",
        bundles.render(Text.of("probe.line", hostile, "x"), Language.ARABIC));
    assertEquals("File evildm.exe in x", bundles.render(Text.of("probe.line", hostile, "x"),
        Language.ENGLISH));
    assertEquals("\u2068evildm.exe\u2069", org.palermo.plugin.api.PluginText.of(
        new java.util.ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {{"x.y", "{0}"}};
          }
        }, java.util.Locale.forLanguageTag("ar")).get("x.y", hostile));
  }

  @Test
  void acceptLanguage() {
    assertEquals(Language.RUSSIAN, Language.negotiate("de, ru;q=0.8, en;q=0.5"));
    assertEquals(Language.SPANISH, Language.negotiate("de, fr;q=0.5, es;q=0.8"));
    assertEquals(Language.ENGLISH, Language.negotiate("fr;q=0"));
    assertEquals(Language.ENGLISH, Language.negotiate("*"));
    assertEquals(Language.ENGLISH, Language.negotiate(";;;"));
    assertEquals(Language.CHINESE, Language.negotiate("zh-Hant-TW"));
  }
}
