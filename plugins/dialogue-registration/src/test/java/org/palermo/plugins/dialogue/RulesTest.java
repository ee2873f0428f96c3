package org.palermo.plugins.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The guide's rules, at their boundaries. */
class RulesTest {
  private static final LocalDate DIALOGUE = LocalDate.of(2027, 3, 1);

  @Test
  void registration_closesFifteenDaysBefore_theDayBeforeOnAndAfter() {
    assertEquals(LocalDate.of(2027, 2, 14), Rules.deadline(DIALOGUE));
    assertTrue(Rules.inTime(LocalDate.of(2027, 2, 13), DIALOGUE), "the day before the deadline");
    assertTrue(Rules.inTime(LocalDate.of(2027, 2, 14), DIALOGUE), "on the deadline: 15 days");
    assertFalse(Rules.inTime(LocalDate.of(2027, 2, 15), DIALOGUE), "the day after: 14 days");
    assertTrue(Rules.inTime(LocalDate.of(2027, 1, 1), DIALOGUE));
    assertFalse(Rules.inTime(DIALOGUE, DIALOGUE));
  }

  @Test
  void notConvened_onlyAfterTheDeadline_withTooFewApplications() {
    assertFalse(Rules.mayCallOff(LocalDate.of(2027, 2, 14), DIALOGUE, 0, 3), "not before");
    assertTrue(Rules.mayCallOff(LocalDate.of(2027, 2, 15), DIALOGUE, 2, 3));
    assertFalse(Rules.mayCallOff(LocalDate.of(2027, 2, 15), DIALOGUE, 3, 3), "enough came");
  }

  @Test
  void theFiveWorkingGroups() {
    assertEquals(5, Rules.WORKING_GROUPS.size());
  }
}
