package org.palermo.plugins.dialogue;

import java.time.LocalDate;
import java.util.List;

/**
 * The constructive dialogues' rules from the guide: the five Working Groups, the registration
 * deadline (no later than 15 days before the dialogue, by the UTC date), and when a chair may
 * decide not to convene.
 */
final class Rules {
  /** Days before the dialogue by which an organization registers. */
  static final int DEADLINE_DAYS = 15;

  /** The Working Groups after whose sessions constructive dialogues are convened. */
  static final List<String> WORKING_GROUPS = List.of("technical-assistance",
      "international-cooperation", "trafficking-in-persons", "smuggling-of-migrants",
      "firearms");

  private Rules() {}

  /** The last day on which an organization may register for a dialogue held on {@code day}. */
  static LocalDate deadline(LocalDate day) {
    return day.minusDays(DEADLINE_DAYS);
  }

  /** Whether a registration made on {@code today} (UTC) is in time. */
  static boolean inTime(LocalDate today, LocalDate day) {
    return !today.isAfter(deadline(day));
  }

  /**
   * Whether the chair may decide not to convene: the deadline has passed and fewer
   * organizations applied than the dialogue's minimum.
   */
  static boolean mayCallOff(LocalDate today, LocalDate day, int applications, int minimum) {
    return today.isAfter(deadline(day)) && applications < minimum;
  }
}
