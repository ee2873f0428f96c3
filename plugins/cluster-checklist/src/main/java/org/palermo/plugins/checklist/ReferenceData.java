package org.palermo.plugins.checklist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Review Mechanism's reference data (the guide's Figures 1 and 2 and its model action plan),
 * read from a tab-separated file whose format its own header describes: instruments, clusters,
 * the articles of each instrument in each cluster (some only for Parties not party to UNCAC),
 * the schedule's parameters and the action plan's steps.
 */
public final class ReferenceData {
  /** The instrument every Party is party to, and without which no Protocol can be. */
  public static final String CONVENTION = "convention";

  /** An article of an instrument in a cluster. */
  public record Article(String instrument, int cluster, String article,
      boolean onlyIfNotPartyToUncac, String note) {}

  /** A step of the guide's model action plan. */
  public record Step(int phase, int number, String text) {}

  private final Map<String, String> instruments;
  private final Map<Integer, String> clusters;
  private final List<Article> articles;
  private final int preparatoryYears;
  private final int phaseYears;
  private final int groups;
  private final List<Step> steps;

  private ReferenceData(Map<String, String> instruments, Map<Integer, String> clusters,
      List<Article> articles, int preparatoryYears, int phaseYears, int groups,
      List<Step> steps) {
    this.instruments = Collections.unmodifiableMap(instruments);
    this.clusters = Collections.unmodifiableMap(clusters);
    this.articles = List.copyOf(articles);
    this.preparatoryYears = preparatoryYears;
    this.phaseYears = phaseYears;
    this.groups = groups;
    this.steps = List.copyOf(steps);
  }

  /** The data shipped in the plugin's jar. */
  public static ReferenceData bundled() {
    try (InputStream in = ReferenceData.class.getResourceAsStream(
        "untoc-review-reference.tsv")) {
      if (in == null) {
        throw new IllegalStateException("untoc-review-reference.tsv is missing from the jar");
      }
      return parse(in);
    } catch (IOException e) {
      throw new IllegalStateException("untoc-review-reference.tsv cannot be read", e);
    }
  }

  /**
   * Reads a reference file; a line that does not fit is refused with its number, so an
   * operator's edit never half-applies.
   */
  public static ReferenceData parse(InputStream in) throws IOException {
    Map<String, String> instruments = new LinkedHashMap<>();
    Map<Integer, String> clusters = new TreeMap<>();
    List<Article> articles = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    Map<String, Integer> schedule = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in,
        StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        switch (f[0]) {
          case "instrument" -> instruments.put(field(f, 1), field(f, 2));
          case "cluster" -> clusters.put(Integer.parseInt(field(f, 1)), field(f, 2));
          case "article" -> {
            String instrument = field(f, 1);
            int cluster = Integer.parseInt(field(f, 2));
            if (!instruments.containsKey(instrument) || !clusters.containsKey(cluster)) {
              throw new IllegalArgumentException("names an instrument or cluster not declared"
                  + " above it");
            }
            String condition = f.length > 4 ? f[4].strip() : "-";
            if (!condition.equals("-") && !condition.equals("not-party-to-uncac")) {
              throw new IllegalArgumentException("has the condition '" + condition
                  + "' (use - or not-party-to-uncac)");
            }
            articles.add(new Article(instrument, cluster, field(f, 3),
                condition.equals("not-party-to-uncac"), f.length > 5 ? f[5].strip() : ""));
          }
          case "schedule" -> schedule.put(field(f, 1), Integer.parseInt(field(f, 2)));
          case "step" -> steps.add(new Step(Integer.parseInt(field(f, 1)),
              Integer.parseInt(field(f, 2)), field(f, 3)));
          default -> throw new IllegalArgumentException("starts with '" + f[0]
              + "' (instrument, cluster, article, schedule or step)");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException("line " + number + " " + (e instanceof NumberFormatException
            ? "has a number that is not one" : e.getMessage()), e);
      }
    }
    if (!instruments.containsKey(CONVENTION)) {
      throw new IOException("no instrument '" + CONVENTION + "'");
    }
    for (String key : List.of("preparatory-years", "phase-years", "groups")) {
      Integer value = schedule.get(key);
      if (value == null || value < (key.equals("preparatory-years") ? 0 : 1)) {
        throw new IOException("no valid 'schedule " + key + "' line");
      }
    }
    return new ReferenceData(instruments, clusters, articles,
        schedule.get("preparatory-years"), schedule.get("phase-years"), schedule.get("groups"),
        steps);
  }

  private static String field(String[] fields, int index) {
    if (fields.length <= index || fields[index].isBlank()) {
      throw new IllegalArgumentException("has no field " + (index + 1));
    }
    return fields[index].strip();
  }

  /** Instrument ids to names, in file order (the Convention first). */
  public Map<String, String> instruments() {
    return instruments;
  }

  /** Cluster numbers to titles. */
  public Map<Integer, String> clusters() {
    return clusters;
  }

  public List<Article> articles() {
    return articles;
  }

  public int preparatoryYears() {
    return preparatoryYears;
  }

  public int phaseYears() {
    return phaseYears;
  }

  public int groups() {
    return groups;
  }

  public List<Step> steps() {
    return steps;
  }
}
