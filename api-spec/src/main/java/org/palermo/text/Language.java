package org.palermo.text;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The six official languages of the United Nations, the languages Palermo speaks. English is
 * the fallback: a text missing in another language is shown in English, never as a key.
 */
public enum Language {
  ARABIC("ar", true),
  CHINESE("zh", false),
  ENGLISH("en", false),
  FRENCH("fr", false),
  RUSSIAN("ru", false),
  SPANISH("es", false);

  private final String tag;
  private final boolean rightToLeft;

  Language(String tag, boolean rightToLeft) {
    this.tag = tag;
    this.rightToLeft = rightToLeft;
  }

  /** The BCP 47 language tag: ar, zh, en, fr, ru or es. */
  public String tag() {
    return tag;
  }

  public Locale locale() {
    return Locale.forLanguageTag(tag);
  }

  /** Whether the language is written right to left (Arabic). */
  public boolean rightToLeft() {
    return rightToLeft;
  }

  /** The language for a tag such as {@code fr}, {@code fr-CA} or {@code zh-Hans-CN}. */
  public static Optional<Language> of(String tag) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    return of(Locale.forLanguageTag(tag.strip().replace('_', '-')));
  }

  /** The language of a locale, if it is one of the six. */
  public static Optional<Language> of(Locale locale) {
    String language = locale == null ? "" : locale.getLanguage();
    for (Language candidate : values()) {
      if (candidate.tag.equals(language)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The first of the six among {@code preferred}, in order of preference (as JAX-RS sorts an
   * {@code Accept-Language} header); English when none is.
   */
  public static Language negotiate(List<Locale> preferred) {
    if (preferred != null) {
      for (Locale locale : preferred) {
        Optional<Language> match = of(locale);
        if (match.isPresent()) {
          return match.get();
        }
      }
    }
    return ENGLISH;
  }

  /**
   * The language an {@code Accept-Language} header asks for (RFC 9110 weights honoured);
   * English when the header is missing, malformed or names none of the six.
   */
  public static Language negotiate(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > 500) {
      return ENGLISH;
    }
    try {
      List<Locale> preferred = Locale.LanguageRange.parse(acceptLanguage).stream()
          .filter(range -> range.getWeight() > 0 && !range.getRange().equals("*"))
          .map(range -> Locale.forLanguageTag(range.getRange()))
          .toList();
      return negotiate(preferred);
    } catch (IllegalArgumentException e) {
      return ENGLISH;
    }
  }

  /** The tags, in the order above, for help and error texts. */
  public static String tags() {
    StringBuilder out = new StringBuilder();
    for (Language language : values()) {
      out.append(out.length() == 0 ? "" : ", ").append(language.tag);
    }
    return out.toString();
  }
}
