package org.palermo.client.dialogue;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds mentions of countries in a statement's text, before it leaves this machine: at a
 * constructive dialogue no specific country situation may be mentioned except by the State under
 * review, so the client warns (it does not block). Countries are recognized by their names in
 * the six UN languages (Arabic, Chinese, English, French, Russian, Spanish, from the JDK's CLDR
 * data) and by their ISO 3166 alpha-3 codes written in capitals.
 */
public final class CountryMentions {
  /** The UN's six official languages. */
  public static final List<Locale> LANGUAGES = List.of(Locale.forLanguageTag("ar"),
      Locale.forLanguageTag("zh"), Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("ru"),
      Locale.forLanguageTag("es"));

  /** Alpha-3 codes that are also common words in capitals: not taken as mentions. */
  private static final Set<String> COMMON_WORDS = Set.of("AND", "ARE", "CAN", "PER", "BEN",
      "TON", "GAB", "MAR", "COM", "DOM", "FIN", "GIN", "MAC", "NIC", "TUN", "CUB", "BRA",
      "CHE", "DMA", "ESP", "FRO", "ITA", "MEN");

  /** Names that are also common words of their language: "того" is Russian for "of that". */
  private static final Set<String> COMMON_NAMES = Set.of("того");

  /** One mention: the country's alpha-3 code, and where the text names it. */
  public record Mention(String country, String text, int start) {}

  private record Name(String country, Pattern pattern) {}

  private final List<Name> names;

  private CountryMentions(List<Name> names) {
    this.names = names;
  }

  /** Names of every ISO 3166 country in the six languages. */
  public static CountryMentions standard() {
    Map<String, String> byName = new LinkedHashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      Locale region = new Locale("", alpha2);
      String alpha3;
      try {
        alpha3 = region.getISO3Country();
      } catch (java.util.MissingResourceException e) {
        continue;
      }
      for (Locale language : LANGUAGES) {
        String name = region.getDisplayCountry(language);
        if (!name.isBlank() && !name.equals(alpha2) && !COMMON_NAMES.contains(fold(name))) {
          byName.putIfAbsent(fold(name), alpha3);
        }
      }
    }
    List<Name> names = new ArrayList<>();
    // Longer names first, so "Papua New Guinea" is found as itself, not as "Guinea".
    byName.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length())
            .reversed())
        .forEach(e -> names.add(new Name(e.getValue(), pattern(e.getKey()))));
    return new CountryMentions(names);
  }

  /** Case, accents and apostrophes do not matter ("Cote d'Ivoire" is "Côte d’Ivoire"). */
  private static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD)
        .replaceAll("\\p{M}+", "").replace('’', '\'').replace('‘', '\'');
    return decomposed.toLowerCase(Locale.ROOT);
  }

  private static Pattern pattern(String foldedName) {
    // Chinese has no spaces between words, and Arabic joins prefixes (wa-, bi-, li-) to the
    // name: no word boundaries to ask for there.
    boolean joined = foldedName.codePoints().anyMatch(c ->
        Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
            || Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC);
    if (joined) {
      return Pattern.compile(Pattern.quote(foldedName));
    }
    String body = Pattern.quote(foldedName);
    boolean cyrillic = foldedName.codePoints().anyMatch(c ->
        Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
    if (cyrillic && foldedName.length() > 4 && !foldedName.contains(" ")) {
      // Russian declines names ("Мексика", "в Мексике", "через Мексику"): the stem without
      // its last vowel, then up to three letters of ending.
      String stem = foldedName.replaceAll("[аяьйоеиыу]$", "");
      body = Pattern.quote(stem) + "\\p{L}{0,3}";
    }
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + body + "(?![\\p{L}\\p{N}])");
  }

  private static final Pattern ALPHA3 = Pattern.compile("(?<![\\p{L}\\p{N}])[A-Z]{3}(?![\\p{L}\\p{N}])");

  /** The countries the text mentions, in the order they appear, each mention once. */
  public List<Mention> find(String text) {
    String folded = fold(text);
    boolean[] taken = new boolean[folded.length()];
    List<Mention> out = new ArrayList<>();
    for (Name n : names) {
      Matcher m = n.pattern().matcher(folded);
      while (m.find()) {
        if (!overlaps(taken, m.start(), m.end())) {
          mark(taken, m.start(), m.end());
          out.add(new Mention(n.country(), m.group(), m.start()));
        }
      }
    }
    Set<String> codes = codes();
    Matcher m = ALPHA3.matcher(text);
    while (m.find()) {
      String code = m.group();
      if (codes.contains(code) && !COMMON_WORDS.contains(code)
          && (m.start() >= taken.length || !overlaps(taken, m.start(), m.end()))) {
        out.add(new Mention(code, code, m.start()));
      }
    }
    out.sort(Comparator.comparingInt(Mention::start));
    return out;
  }

  private static Set<String> codes() {
    Set<String> out = new java.util.HashSet<>();
    for (String alpha2 : Locale.getISOCountries()) {
      try {
        out.add(new Locale("", alpha2).getISO3Country());
      } catch (java.util.MissingResourceException e) {
        // no alpha-3 code
      }
    }
    return out;
  }

  private static boolean overlaps(boolean[] taken, int start, int end) {
    for (int i = start; i < end && i < taken.length; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }

  private static void mark(boolean[] taken, int start, int end) {
    for (int i = start; i < end && i < taken.length; i++) {
      taken[i] = true;
    }
  }
}
