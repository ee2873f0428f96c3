package org.palermo.client.translation;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import org.palermo.text.Language;

/**
 * Words as the 1,500-word limit of a summary of a list of observations counts them, in any of
 * the six languages: ICU word boundaries (UAX #29 with dictionaries), so Chinese, written
 * without spaces, is segmented into words; punctuation, spaces and symbols are not words;
 * numbers are; in the scripts written with spaces, pieces joined without one ("9/1",
 * "e-mail") count once.
 */
public final class WordCount {
  /** The most words a summary of a list of observations may have. */
  public static final int SUMMARY_LIMIT = 1500;

  private WordCount() {}

  public static int count(String text, Language language) {
    BreakIterator words = BreakIterator.getWordInstance(ULocale.forLanguageTag(language.tag()));
    words.setText(text);
    int count = 0;
    boolean joinable = false;
    int lastEnd = 0;
    int start = words.first();
    for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      int status = words.getRuleStatus();
      if (status == BreakIterator.WORD_NONE) {
        continue;
      }
      // Chinese and Japanese words count one by one; in scripts written with spaces, pieces
      // joined without a space ("9/1", "e-mail") are one word, as a word processor counts.
      boolean ideographic = status >= BreakIterator.WORD_KANA;
      boolean joined = joinable && !ideographic && !hasSpace(text, lastEnd, start);
      if (!joined) {
        count++;
      }
      joinable = !ideographic;
      lastEnd = end;
    }
    return count;
  }

  private static boolean hasSpace(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isWhitespace(text.charAt(i)) || Character.isSpaceChar(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
