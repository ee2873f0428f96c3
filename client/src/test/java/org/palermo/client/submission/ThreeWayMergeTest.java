package org.palermo.client.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
  static final String BASE = """
      # Shadow report

      Paragraph one on criminalization.

      Paragraph two on jurisdiction.

      Paragraph three on cooperation.
      """;

  @Test
  void editsToDifferentParagraphs_mergeCleanly() {
    String mine = BASE.replace("Paragraph one on criminalization.",
        "Paragraph one on criminalization, with article 5.");
    String theirs = BASE.replace("Paragraph three on cooperation.",
        "Paragraph three on international cooperation.");
    ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs, "version 2");
    assertTrue(r.clean());
    assertEquals(BASE.replace("Paragraph one on criminalization.",
        "Paragraph one on criminalization, with article 5.")
        .replace("Paragraph three on cooperation.",
            "Paragraph three on international cooperation."), r.text());
  }

  @Test
  void editsToTheSameLine_conflict_withBothSidesBetweenMarkers() {
    String mine = BASE.replace("Paragraph two on jurisdiction.", "Mine on jurisdiction.");
    String theirs = BASE.replace("Paragraph two on jurisdiction.", "Theirs on jurisdiction.");
    ThreeWayMerge.Result r = ThreeWayMerge.merge(BASE, mine, theirs, "version 3");
    assertFalse(r.clean());
    assertEquals(1, r.conflicts());
    assertTrue(r.text().contains("<<<<<<< yours\nMine on jurisdiction.\n=======\n"
        + "Theirs on jurisdiction.\n>>>>>>> version 3\n"), r.text());
    assertTrue(r.text().startsWith("# Shadow report\n"), "untouched lines kept");
    assertTrue(r.text().endsWith("Paragraph three on cooperation.\n"));
  }

  @Test
  void theSameChangeOnBothSides_appliesOnce_andOneSidedChangesApply() {
    String both = BASE.replace("# Shadow report", "# Shadow report 2026");
    assertEquals(both, ThreeWayMerge.merge(BASE, both, both, "v").text());
    assertEquals(both, ThreeWayMerge.merge(BASE, both, BASE, "v").text());
    assertEquals(both, ThreeWayMerge.merge(BASE, BASE, both, "v").text());
    assertEquals(BASE, ThreeWayMerge.merge(BASE, BASE, BASE, "v").text());
  }

  @Test
  void insertions_atTheEndOrAtTheSamePlace() {
    String mine = BASE + "\nMine added.\n";
    String theirs = BASE + "\nTheirs added.\n";
    ThreeWayMerge.Result same = ThreeWayMerge.merge(BASE, mine, theirs, "v");
    assertEquals(1, same.conflicts(), "two additions at one place: which goes first?");
    String top = "Intro.\n" + BASE;
    ThreeWayMerge.Result apart = ThreeWayMerge.merge(BASE, top, theirs, "v");
    assertTrue(apart.clean());
    assertEquals("Intro.\n" + BASE + "\nTheirs added.\n", apart.text());
    ThreeWayMerge.Result deleted = ThreeWayMerge.merge(BASE,
        BASE.replace("Paragraph one on criminalization.\n\n", ""),
        BASE.replace("Paragraph three on cooperation.", "Three."), "v");
    assertTrue(deleted.clean());
    assertFalse(deleted.text().contains("Paragraph one"));
    assertTrue(deleted.text().contains("Three."));
  }

  @Test
  void emptyTexts_andWindowsLineEnds() {
    assertEquals("", ThreeWayMerge.merge("", "", "", "v").text());
    assertEquals("a\n", ThreeWayMerge.merge("", "a\n", "", "v").text());
    assertEquals("a\nb\n", ThreeWayMerge.merge("a\r\n", "a\r\nb\r\n", "a\n", "v").text());
  }
}
