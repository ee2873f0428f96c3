package org.palermo.client.strip;

import java.util.List;
import java.util.Objects;
import org.palermo.text.Text;

/**
 * What {@link MetadataStripper#strip} did to one file.
 *
 * @param kind the format detected from the file's content
 * @param removed descriptions of what was removed, in the order found, as texts of the
 *     {@code strip} bundle to show in the reader's language, for example "EXIF (incl. GPS
 *     position)" or "docProps/core.xml (creator, modified)"; empty when nothing was found (and
 *     always for {@link FileKind#OTHER})
 */
public record StripReport(FileKind kind, List<Text> removed) {

  /** Checks the fields and keeps an unmodifiable copy of {@code removed}. */
  public StripReport {
    Objects.requireNonNull(kind, "kind");
    removed = List.copyOf(removed);
  }

  /**
   * Items as one text: "a, b, c" in the reader's language (each item a {@link Text} or a name
   * shown as it is). {@code items} must not be empty.
   */
  static Object list(List<?> items) {
    Object out = items.get(items.size() - 1);
    for (int i = items.size() - 2; i >= 0; i--) {
      out = Text.of("strip.list", items.get(i), out);
    }
    return out;
  }
}
