package org.palermo.plugins.checklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shipped reference data against the guide: Figure 1 cell by cell (written out here from
 * the guide's text, not read from the data file), footnote 15, and the file's own checks.
 */
class ReferenceDataTest {
  private static final ReferenceData DATA = ReferenceData.bundled();

  /** Figure 1 as the guide's extracted text gives it: instrument, then clusters 1 to 4. */
  private static final Map<String, List<String>> FIGURE_1 = Map.of(
      "convention", List.of("2 5 6 7 8 10 15 23", "24 25 29 30 31", "7 11 19 20 22 26 27 28",
          "12 13 14 16 17 18 21"),
      "trafficking-in-persons", List.of("3 5", "6 7 9", "11 12 13", "8 10"),
      "smuggling-of-migrants", List.of("3 5 6", "8 9 14 15 16", "11 12 13", "7 10 18"),
      "firearms", List.of("3 5 8", "7 9 10 11 14 15", "", "6 12 13"));

  private static String cell(String instrument, int cluster) {
    return DATA.articles().stream()
        .filter(a -> a.instrument().equals(instrument) && a.cluster() == cluster)
        .map(ReferenceData.Article::article).collect(Collectors.joining(" "));
  }

  @Test
  void everyCellOfFigure1_isInTheData() {
    assertEquals(Set.of("convention", "trafficking-in-persons", "smuggling-of-migrants",
        "firearms"), DATA.instruments().keySet());
    assertEquals(List.of(1, 2, 3, 4), List.copyOf(DATA.clusters().keySet()));
    FIGURE_1.forEach((instrument, cells) -> {
      for (int cluster = 1; cluster <= 4; cluster++) {
        assertEquals(cells.get(cluster - 1), cell(instrument, cluster),
            instrument + ", cluster " + cluster);
      }
    });
    assertEquals("Criminalization and jurisdiction", DATA.clusters().get(1));
    assertEquals("International cooperation, mutual legal assistance and confiscation",
        DATA.clusters().get(4));
  }

  @Test
  void footnote15_andTheNoisyCell_areMarked() {
    ReferenceData.Article eight = DATA.articles().stream()
        .filter(a -> a.instrument().equals("convention") && a.article().equals("8"))
        .findFirst().orElseThrow();
    assertTrue(eight.onlyIfNotPartyToUncac());
    assertEquals(1, DATA.articles().stream().filter(ReferenceData.Article::onlyIfNotPartyToUncac)
        .count(), "only article 8 as extracted carries the footnote");
    ReferenceData.Article seven = DATA.articles().stream()
        .filter(a -> a.instrument().equals("convention") && a.cluster() == 1
            && a.article().equals("7")).findFirst().orElseThrow();
    assertTrue(seven.note().startsWith("FLAGGED"), seven.toString());
  }

  @Test
  void theScheduleAndTheActionPlan_areTheGuides() {
    assertEquals(2, DATA.preparatoryYears());
    assertEquals(2, DATA.phaseYears());
    assertEquals(3, DATA.groups());
    assertEquals(6, DATA.steps().stream().filter(s -> s.phase() == 1).count());
    assertEquals(3, DATA.steps().stream().filter(s -> s.phase() == 2).count());
  }

  private static ReferenceData parse(String text) throws IOException {
    return ReferenceData.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anOperatorsFile_isReadWhole_orRefusedWithTheLine() throws IOException {
    String head = "instrument\tconvention\tConvention\ncluster\t1\tOne\n"
        + "schedule\tpreparatory-years\t2\nschedule\tphase-years\t2\nschedule\tgroups\t3\n";
    ReferenceData corrected = parse(head + "article\tconvention\t1\t9\tnot-party-to-uncac\n");
    assertEquals("9", corrected.articles().get(0).article());
    IOException unknown = assertThrows(IOException.class,
        () -> parse(head + "article\tfirearms\t1\t3\n"));
    assertEquals("line 6 names an instrument or cluster not declared above it",
        unknown.getMessage());
    IOException condition = assertThrows(IOException.class,
        () -> parse(head + "article\tconvention\t1\t3\tsometimes\n"));
    assertTrue(condition.getMessage().startsWith("line 6 has the condition 'sometimes'"));
    assertEquals("line 1 has a number that is not one", assertThrows(IOException.class,
        () -> parse("cluster\tone\tOne\n")).getMessage());
    assertEquals("no valid 'schedule groups' line", assertThrows(IOException.class,
        () -> parse(head.replace("schedule\tgroups\t3\n", ""))).getMessage());
  }
}
