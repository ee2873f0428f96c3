package org.palermo.client.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.palermo.client.ClientException;
import org.palermo.text.Text;

/**
 * The guide's texts as templates (../shared/domain, "Civil society engagement and transparency
 * pledge" and "Sample letter to state party focal point"), with {@code {{field}}} places to fill.
 * The templates and their titles are in English, as the guide is.
 */
public enum Template {
  /** The letter to the State Party's focal point asking how it will consult civil society. */
  LETTER("letter", "Letter to the State Party focal point"),
  /** The pledge a government is asked to sign. */
  PLEDGE("pledge", "Civil society engagement and transparency pledge");

  private static final Pattern FIELD = Pattern.compile("\\{\\{([a-z]+)}}");

  private final String label;
  private final String title;

  Template(String label, String title) {
    this.label = label;
    this.title = title;
  }

  public String label() {
    return label;
  }

  public String title() {
    return title;
  }

  /** The template named {@code text}; a usage error (exit 1) when there is none. */
  public static Template parse(String text) {
    for (Template t : values()) {
      if (t.label.equals(text.strip().toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw ClientException.usage(Text.of("submission.no-template"));
  }

  /** The template's text, its fields unfilled. */
  public String text() {
    try (InputStream in = Template.class.getResourceAsStream(label + ".md")) {
      if (in == null) {
        throw new IllegalStateException(label + ".md is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fields the template asks for, in order. */
  public List<String> fields() {
    return List.copyOf(fieldsOf(text()));
  }

  /**
   * The text with the values given; fields without one stay as {@code {{field}}}. A value for a
   * field the template lacks is a usage error (exit 1).
   */
  public String fill(Map<String, String> values) {
    for (String name : values.keySet()) {
      if (!fields().contains(name)) {
        throw ClientException.usage(Text.of("submission.no-such-field", label, name,
            String.join(", ", fields())));
      }
    }
    Matcher m = FIELD.matcher(text());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The fields still to fill in a text. */
  public static List<String> unfilled(String text) {
    return new ArrayList<>(fieldsOf(text));
  }

  private static Set<String> fieldsOf(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
