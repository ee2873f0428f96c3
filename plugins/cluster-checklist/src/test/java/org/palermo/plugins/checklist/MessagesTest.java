package org.palermo.plugins.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;
import org.palermo.plugin.api.PluginText;

/** The caller's language from Accept-Language, and patterns rendered as MessageFormat. */
class MessagesTest {
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  /** The bundle as the host gives it (no fallback to the JVM's locale). */
  static PluginText in(String tag) {
    Locale locale = Locale.forLanguageTag(tag);
    return PluginText.of(ResourceBundle.getBundle("i18n/checklist", locale,
        MessagesTest.class.getClassLoader(), NO_FALLBACK), locale);
  }

  static PluginText english() {
    return in("en");
  }


  @Test
  void english_keepsItsWording_quotesAndUngroupedNumbers() {
    assertEquals("No checklist 'cluster-9': there are cluster-1 to cluster-4 and action-plan.",
        english().get("checklist.no-checklist", "cluster-9", 4, "action-plan"));
    assertEquals("The year of the Mechanism is 1 (its first preparatory year, 2019) or later.",
        english().get("checklist.year-range", 2019));
    assertEquals("Audit log entry 12 is not yours for this change. Your client appends an"
        + " entry to the workspace's audit log first (plugin cluster-checklist, subject"
        + " 'cluster-1 convention:5', action 'status drafting') and sends its sequence as"
        + " 'audit'.", english().get("checklist.audit-not-yours", 12,
            ClusterChecklistPlugin.ID, "cluster-1 convention:5", "status drafting"));
    assertEquals("The guide's model action plan", english().get("checklist.title-action-plan"));
  }

  @Test
  void otherLanguages_fromTheirFiles_arabicArgumentsIsolated() {
    assertEquals("Le plan d'action type du guide", in("fr").get("checklist.title-action-plan"));
    assertEquals("Grupo temático 2: X", in("es").get("checklist.title-cluster", 2, "X"));
    assertEquals("Тематический блок 2: X", in("ru").get("checklist.title-cluster", 2, "X"));
    assertEquals("专题组 2：X", in("zh").get("checklist.title-cluster", 2, "X"));
    assertEquals("المجموعة المواضيعية \u20682\u2069: \u2068X\u2069",
        in("ar").get("checklist.title-cluster", 2, "X"));
  }
}
