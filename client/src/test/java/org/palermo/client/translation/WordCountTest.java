package org.palermo.client.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.palermo.text.Language;

/**
 * Word counts of texts whose words were counted by hand: Chinese segmented without spaces,
 * Arabic with its attached articles, English with numbers, a resolution number and a hyphen.
 */
class WordCountTest {
  @Test
  void english_numbersCount_joinedPiecesCountOnce_punctuationDoesNot() {
    // The(1) Conference(2) of(3) the(4) Parties(5) adopted(6) resolution(7) 9/1(8) in(9)
    // October(10) 2018(11); follow-up(12) reviews(13) start(14) now(15).
    assertEquals(15, WordCount.count("The Conference of the Parties adopted resolution 9/1 in"
        + " October 2018; follow-up reviews start now.", Language.ENGLISH));
  }

  @Test
  void chinese_withoutSpaces_isSegmentedIntoWords() {
    // 他们(1) 今天(2) 去(3) 北京(4) 开会(5)。我们(6) 明天(7) 回家(8)。
    assertEquals(8, WordCount.count("他们今天去北京开会。我们明天回家。", Language.CHINESE));
  }

  @Test
  void arabic() {
    // اعتمد(1) مؤتمر(2) الأطراف(3) آلية(4) الاستعراض(5) في(6) عام(7) 2018(8).
    assertEquals(8, WordCount.count("اعتمد مؤتمر الأطراف آلية الاستعراض في عام 2018.",
        Language.ARABIC));
  }

  @Test
  void russianAndFrench_elisionIsOneWord() {
    assertEquals(8, WordCount.count("Конференция участников учредила Механизм обзора в 2018"
        + " году.", Language.RUSSIAN));
    // La(1) Conférence(2) des(3) Parties(4) a(5) adopté(6) l'examen(7).
    assertEquals(7, WordCount.count("La Conférence des Parties a adopté l'examen.",
        Language.FRENCH));
  }

  @Test
  void theSummaryLimit_isCountedNotGuessed() {
    String word = "observation ";
    assertEquals(WordCount.SUMMARY_LIMIT, WordCount.count(word.repeat(WordCount.SUMMARY_LIMIT),
        Language.ENGLISH));
    assertEquals(0, WordCount.count(" , . ; — ", Language.ENGLISH));
  }
}
