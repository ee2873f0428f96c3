package org.palermo.plugins.translation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Review Mechanism's terms and the guide's acronyms in the six UN languages: reference data
 * shipped in the plugin ({@code glossary/review-terms.tsv}), with its source in its header.
 */
final class Glossary {
  private static final String FILE = "glossary/review-terms.tsv";
  private static final List<String> COLUMNS = List.of("id", "en", "ar", "zh", "fr", "ru", "es");

  /** One term: its id and its rendering per language tag. */
  record Term(String id, Map<String, String> names) {}

  /** The glossary and where it comes from. */
  record Reference(String source, List<Term> terms) {}

  private Glossary() {}

  static Reference read() throws IOException {
    try (InputStream in = Glossary.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IOException(FILE + " is missing from the plugin");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    }
  }

  static Reference parse(BufferedReader reader) throws IOException {
    StringBuilder source = new StringBuilder();
    List<Term> terms = new ArrayList<>();
    boolean header = false;
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.startsWith("#")) {
        // "# Source: ..." lines say where the terms come from; other comments are notes.
        String comment = line.substring(1).strip();
        if (comment.startsWith("Source:")) {
          source.append(source.length() == 0 ? "" : " ")
              .append(comment.substring("Source:".length()).strip());
        } else if (source.length() > 0 && !comment.startsWith("Columns:")) {
          source.append(' ').append(comment);
        }
        continue;
      }
      if (line.isBlank()) {
        continue;
      }
      List<String> cells = List.of(line.split("\t", -1));
      if (!header) {
        if (!cells.equals(COLUMNS)) {
          throw new IOException(FILE + " line " + number + ": the columns are " + COLUMNS);
        }
        header = true;
        continue;
      }
      if (cells.size() != COLUMNS.size() || cells.stream().anyMatch(String::isBlank)) {
        throw new IOException(FILE + " line " + number + ": a term needs all seven cells");
      }
      Map<String, String> names = new LinkedHashMap<>();
      for (int i = 1; i < COLUMNS.size(); i++) {
        names.put(COLUMNS.get(i), cells.get(i));
      }
      terms.add(new Term(cells.get(0), names));
    }
    return new Reference(source.toString(), List.copyOf(terms));
  }
}
