package org.palermo.client.strip;

import java.util.List;
import java.util.Objects;

/**
 * What {@link MetadataStripper#strip} did to one file.
 *
 * @param kind the format detected from the file's content
 * @param removed human-readable descriptions of what was removed, in the order found, for example
 *     {@code "EXIF (incl. GPS position)"} or {@code "docProps/core.xml (creator, modified)"};
 *     empty when nothing was found (and always for {@link FileKind#OTHER})
 */
public record StripReport(FileKind kind, List<String> removed) {

  /** Checks the fields and keeps an unmodifiable copy of {@code removed}. */
  public StripReport {
    Objects.requireNonNull(kind, "kind");
    removed = List.copyOf(removed);
  }
}
