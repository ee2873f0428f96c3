package org.palermo.plugins.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.palermo.plugin.api.PluginText;

/** The caller's language from Accept-Language, and patterns rendered as MessageFormat. */
class MessagesTest {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /** The bundle as the host gives it (no fallback to the JVM's locale). */
  private static PluginText in(String tag) {
    Locale locale = PluginText.language(tag);
    return PluginText.of(ResourceBundle.getBundle("i18n/dialogue", locale,
        MessagesTest.class.getClassLoader(), NO_FALLBACK), locale);
  }


  @Test
  void english_keepsItsWording_datesAndNumbersAsWritten() {
    assertEquals("Registration for this dialogue closed on 2027-02-14, 15 days before it is"
        + " held on 2027-03-01 (UTC).", in("en").get("dialogue.registration-closed",
            Rules.deadline(java.time.LocalDate.of(2027, 3, 1)), Rules.DEADLINE_DAYS,
            java.time.LocalDate.of(2027, 3, 1)));
    assertEquals("Representatives are members of the workspace: 'zoe' is not one.",
        in("en").get("dialogue.representative-not-member", "zoe"));
    assertEquals("The Bureau rejected the registration: it's {not} a CSO.",
        in("en").get("dialogue.history-rejected-because", "it's {not} a CSO."));
  }

  @Test
  void otherLanguages_fromTheirFiles_unknownKeysKnownAsSuch() {
    assertEquals("Le Bureau a admis l'inscription.", in("fr").get("dialogue.history-admitted"));
    assertEquals("主席团已拒绝该报名：理由", in("zh").get("dialogue.history-rejected-because", "理由"));
    assertEquals("رفض المكتب التسجيل: \u2068reason\u2069",
        in("ar").get("dialogue.history-rejected-because", "reason"));
    assertFalse(in("es").has("dialogue.no-such-key-any-more"));
  }
}
