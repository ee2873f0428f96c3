package org.palermo.text;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks a module's message bundles against its code: every English key in the five other
 * languages and no key more, the same arguments in every language, no unpaired quote (which
 * {@link MessageFormat} would swallow), the non-Latin languages actually translated, every key
 * used somewhere in the code, and every key the code names present. Help areas
 * ({@code help}, {@code help-*}) are picocli's, formatted with {@code String.format}: a plain
 * {@code '} there, and {@code %n} line breaks. Shared by each module's bundle test through the
 * api-spec test jar.
 */
public final class BundleAudit {
  private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-z0-9-]*\\.[A-Za-z0-9.-]+)\"");
  private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");
  private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{3,}");
  /** Literals that name files, not keys ({@code "account.json"}). */
  private static final Pattern FILE_NAME =
      Pattern.compile(".*\\.(json|properties|tsv|txt|md|pem|yaml|yml|sealed|sql|jar|html|pdf)$");
  /** Picocli's help text: String.format with %n, not MessageFormat. */
  private static final String HELP_AREA = "help";

  private final Path bundles;
  private final List<Path> sources;
  private final Set<String> implicitKeys = new TreeSet<>();

  /**
   * @param bundles the folder of {@code <area>.properties} files
   * @param sources the source folders whose string literals use the keys
   */
  public BundleAudit(Path bundles, Path... sources) {
    this.bundles = bundles;
    this.sources = List.of(sources);
  }

  /** Keys the code uses without naming them (a picocli command's description, say). */
  public BundleAudit usedImplicitly(Collection<String> keys) {
    implicitKeys.addAll(keys);
    return this;
  }

  /** Every problem found; empty when the bundles and the code agree. */
  public List<String> problems() throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Properties> english = new TreeMap<>();
    try (Stream<Path> files = Files.list(bundles)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".properties") && !name.contains("_")) {
          english.put(name.substring(0, name.length() - ".properties".length()), load(file));
        }
      }
    }
    if (english.isEmpty()) {
      problems.add("no English bundles in " + bundles);
    }
    Set<String> allKeys = new TreeSet<>();
    for (var area : english.entrySet()) {
      Properties base = area.getValue();
      for (String key : base.stringPropertyNames()) {
        allKeys.add(key);
        if (!key.startsWith(area.getKey() + ".") && !implicitKeys.contains(key)) {
          problems.add(area.getKey() + ".properties: key " + key + " does not start with "
              + area.getKey() + ".");
        }
        check(problems, area.getKey(), "en", key, base.getProperty(key), null);
      }
      for (Language language : Language.values()) {
        if (language == Language.ENGLISH) {
          continue;
        }
        Path file = bundles.resolve(area.getKey() + "_" + language.tag() + ".properties");
        if (!Files.exists(file)) {
          problems.add("missing " + file.getFileName());
          continue;
        }
        Properties translated = load(file);
        for (String key : base.stringPropertyNames()) {
          String value = translated.getProperty(key);
          if (value == null) {
            problems.add(file.getFileName() + ": missing key " + key);
          } else {
            check(problems, area.getKey(), language.tag(), key, value, base.getProperty(key));
            boolean nonLatin = language == Language.ARABIC || language == Language.CHINESE
                || language == Language.RUSSIAN;
            if (nonLatin && value.equals(base.getProperty(key))
                && LATIN_WORD.matcher(stripPlaceholders(value)).find()) {
              problems.add(file.getFileName() + ": " + key + " is still in English");
            }
          }
        }
        for (String key : translated.stringPropertyNames()) {
          if (!base.containsKey(key)) {
            problems.add(file.getFileName() + ": key " + key + " is not in the English bundle");
          }
        }
      }
    }
    Set<String> literals = literals();
    for (String key : allKeys) {
      if (!literals.contains(key) && !implicitKeys.contains(key)) {
        problems.add("key " + key + " is used by no code");
      }
    }
    for (String literal : literals) {
      if (FILE_NAME.matcher(literal).matches()) {
        continue;
      }
      String area = literal.substring(0, literal.indexOf('.'));
      if (english.containsKey(area) && !allKeys.contains(literal)) {
        problems.add("the code names " + literal + ", which " + area + ".properties lacks");
      }
    }
    for (String key : implicitKeys) {
      if (!allKeys.contains(key)) {
        problems.add("no text for " + key);
      }
    }
    return problems;
  }

  private static void check(List<String> problems, String area, String tag, String key,
      String value, String english) {
    String where = area + (tag.equals("en") ? "" : "_" + tag) + ".properties: " + key;
    if (value.isBlank()) {
      problems.add(where + " is empty");
    } else if (area.equals(HELP_AREA) || area.startsWith(HELP_AREA + "-")) {
      checkHelp(problems, where, value, english);
    } else {
      checkPattern(problems, where, value, english);
    }
  }

  /** Help text goes through String.format: %n and %% only, the same %n count everywhere. */
  private static void checkHelp(List<String> problems, String where, String value,
      String english) {
    if (value.replace("%n", "").replace("%%", "").contains("%")) {
      problems.add(where + " has a % that is not %n or %%");
    }
    if (english != null && count(value, "%n") != count(english, "%n")) {
      problems.add(where + " has " + count(value, "%n") + " line breaks (%n), English "
          + count(english, "%n"));
    }
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }

  private static void checkPattern(List<String> problems, String where, String value,
      String english) {
    if (LONE_QUOTE.matcher(value).find()) {
      problems.add(where + " has a single quote; write '' (MessageFormat)");
    }
    try {
      Set<Integer> args = arguments(value);
      if (english != null && !args.equals(arguments(english))) {
        problems.add(where + " has arguments " + args + ", English has " + arguments(english));
      }
    } catch (IllegalArgumentException e) {
      problems.add(where + " is not a valid MessageFormat pattern: " + e.getMessage());
    }
  }

  private static Set<Integer> arguments(String pattern) {
    new MessageFormat(pattern);
    Set<Integer> out = new TreeSet<>();
    Matcher m = Pattern.compile("\\{(\\d+)").matcher(pattern.replace("''", ""));
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private static String stripPlaceholders(String value) {
    return value.replaceAll("\\{\\d+[^}]*}", "").replaceAll("--?[a-z][a-z-]*", "")
        .replaceAll("[A-Za-z]+://\\S+", "").replaceAll("\\b[A-Z]{2,}\\b", "");
  }

  private Set<String> literals() throws IOException {
    Set<String> out = new TreeSet<>();
    for (Path root : sources) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher m = LITERAL.matcher(Files.readString(file));
          while (m.find()) {
            out.add(m.group(1));
          }
        }
      }
    }
    return out;
  }

  private static Properties load(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    return properties;
  }
}
