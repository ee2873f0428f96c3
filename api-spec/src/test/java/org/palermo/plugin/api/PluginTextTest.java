package org.palermo.plugin.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ListResourceBundle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The caller's language from Accept-Language, and patterns rendered as the server renders. */
class PluginTextTest {
  private static ResourceBundle bundle(String pattern) {
    return new ListResourceBundle() {
      @Override
      protected Object[][] getContents() {
        return new Object[][] {{"x.greeting", pattern}};
      }
    };
  }

  @Test
  void acceptLanguage_firstOfTheSix_weightsHonoured_englishOtherwise() {
    assertEquals("fr", PluginText.language("fr-CH, fr;q=0.9, en;q=0.8").getLanguage());
    assertEquals("zh", PluginText.language("de, zh-Hans-CN;q=0.5").getLanguage());
    assertEquals("es", PluginText.language("ru;q=0.2, es;q=0.7, *;q=0.9").getLanguage());
    assertEquals("ru", PluginText.language("uk, ru;q=0.8, en;q=0.5").getLanguage());
    assertEquals("ar", PluginText.language("ar-EG").getLanguage());
    assertEquals("en", PluginText.language("de, it").getLanguage());
    assertEquals("en", PluginText.language("fr;q=0").getLanguage());
    assertEquals("en", PluginText.language(null).getLanguage());
    assertEquals("en", PluginText.language("not a header ;;").getLanguage());
    assertEquals("en", PluginText.language("fr,".repeat(200)).getLanguage());
  }

  @Test
  void arguments_asWritten_quotesKept_isolatedInArabic() {
    PluginText english = PluginText.of(bundle("Year {0} of ''{1}''"), Locale.ENGLISH);
    assertEquals("Year 2026 of 'ws-1'", english.get("x.greeting", 2026, "ws-1"));
    PluginText arabic = PluginText.of(bundle("السنة {0} من {1}"), Locale.forLanguageTag("ar"));
    assertEquals("السنة \u20682026\u2069 من \u2068ws-1\u2069",
        arabic.get("x.greeting", 2026, "ws-1"));
    assertTrue(english.has("x.greeting"));
    assertFalse(english.has("x.other"));
    PluginProblem problem = english.problem(404, "x.greeting", 1, "a");
    assertEquals(404, problem.status());
    assertEquals("Year 1 of 'a'", problem.getMessage());
  }

  @Test
  void withoutTheMessagesCapability_itSaysSo() {
    PluginContext none = new PluginContext() {
      @Override
      public String id() {
        return "x";
      }

      @Override
      public String version() {
        return "1.0.0";
      }

      @Override
      public java.util.Set<Capability> capabilities() {
        return java.util.Set.of();
      }
    };
    assertThrows(IllegalStateException.class, () -> PluginText.of(none, "fr"));
  }
}
