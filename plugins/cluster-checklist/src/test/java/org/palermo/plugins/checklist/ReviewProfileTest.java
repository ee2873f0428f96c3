package org.palermo.plugins.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a review profile gives: the articles that apply, and the schedule of Figure 2. */
class ReviewProfileTest {
  private static final ReferenceData DATA = ReferenceData.bundled();

  private static ReviewProfile profile(Set<String> instruments, boolean uncac, int group) {
    return new ReviewProfile("MEX", instruments, uncac, group, 2019);
  }

  private static String articles(ReviewProfile p, int cluster) {
    return p.articles(DATA, cluster).stream()
        .map(a -> a.instrument().charAt(0) + a.article()).collect(Collectors.joining(" "));
  }

  @Test
  void onlyTheInstrumentsTheStateIsPartyTo_apply() {
    ReviewProfile tip = profile(Set.of("convention", "trafficking-in-persons"), true, 2);
    assertEquals("c2 c5 c6 c7 c10 c15 c23 t3 t5", articles(tip, 1));
    assertEquals("c24 c25 c29 c30 c31 t6 t7 t9", articles(tip, 2));
    ReviewProfile all = profile(DATA.instruments().keySet(), true, 1);
    assertEquals("c7 c11 c19 c20 c22 c26 c27 c28 t11 t12 t13 s11 s12 s13", articles(all, 3),
        "the Firearms Protocol lists nothing in cluster 3");
  }

  @Test
  void footnote15_withAndWithoutUncac() {
    ReviewProfile notUncac = profile(Set.of("convention"), false, 1);
    ReviewProfile uncac = profile(Set.of("convention"), true, 1);
    assertTrue(articles(notUncac, 1).contains("c8"), "a Party not party to UNCAC: article 8");
    assertTrue(!articles(uncac, 1).contains("c8"), "a Party to UNCAC: no article 8");
    assertEquals(articles(notUncac, 1), articles(uncac, 1).replace("c7 ", "c7 c8 "));
  }

  /** Figure 2, written out: each group's stage or cluster in years 1 to 13. */
  @Test
  void theScheduleOfEachGroup_isFigure2() {
    List<String> expected = List.of(
        "P P 1 1 2 2 3 3 4 4 D D D",
        "P P W 1 1 2 2 3 3 4 4 D D",
        "P P W W 1 1 2 2 3 3 4 4 D");
    for (int group = 1; group <= 3; group++) {
      ReviewProfile p = profile(Set.of("convention"), true, group);
      List<String> got = new ArrayList<>();
      for (int year = 1; year <= 13; year++) {
        ReviewProfile.Phase phase = p.phaseIn(DATA, year);
        got.add(switch (phase.stage()) {
          case ReviewProfile.Phase.REVIEW -> Integer.toString(phase.cluster());
          case ReviewProfile.Phase.PREPARATORY -> "P";
          case ReviewProfile.Phase.WAITING -> "W";
          default -> "D";
        });
      }
      assertEquals(expected.get(group - 1), String.join(" ", got), "group " + group);
    }
  }

  @Test
  void aPhase_hasItsYears_theCalendarYear_andTheNextPhase() {
    ReviewProfile p = profile(Set.of("convention", "trafficking-in-persons"), true, 2);
    ReviewProfile.Phase five = p.phaseIn(DATA, 5);
    assertEquals(new ReviewProfile.Phase(5, 2023, "review", 1, 4, 5), five);
    assertEquals(new ReviewProfile.Phase(6, 2024, "review", 2, 6, 7),
        p.nextAfter(DATA, 5).orElseThrow());
    assertEquals(5, p.yearOf(2023));
    assertTrue(p.nextAfter(DATA, 11).isEmpty(), "after cluster 4, nothing");
    assertEquals("review", p.phaseIn(DATA, 11).stage());
    assertEquals(4, p.phaseIn(DATA, 11).cluster());
  }

  @Test
  void aProfileThatDoesNotFit_saysWhy() {
    assertEquals("The profile does not fit: a State party to a Protocol is party to the"
        + " Convention: include convention.", why(profile(Set.of("firearms"), true, 1)));
    assertEquals("The profile does not fit: the review group is 1 to 3.",
        why(profile(Set.of("convention"), true, 4)));
    assertTrue(why(profile(Set.of("convention", "trafficking"), true, 1))
        .startsWith("The profile does not fit: no instrument 'trafficking'; there are:"
            + " convention, "));
    assertTrue(profile(Set.of("convention"), true, 3).problem(DATA).isEmpty());
  }

  private static String why(ReviewProfile p) {
    Line line = p.problem(DATA).orElseThrow();
    return MessagesTest.english().get(line.key(), line.args());
  }
}
