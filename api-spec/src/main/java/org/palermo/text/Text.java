package org.palermo.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A user-facing text not yet in a language: a bundle key and its arguments. The key's first
 * segment names the bundle file ({@code accounts.name-taken} is in {@code accounts.properties}
 * and its language versions). Arguments are shown as {@link String#valueOf} gives them (ids and
 * years are never grouped as numbers).
 */
public record Text(String key, List<Object> args) {
  public Text {
    Objects.requireNonNull(key, "key");
    if (key.indexOf('.') <= 0) {
      throw new IllegalArgumentException("A text key is area.name: " + key);
    }
    args = List.copyOf(Arrays.asList(args.stream().map(a -> a == null ? "" : a).toArray()));
  }

  public static Text of(String key, Object... args) {
    return new Text(key, Arrays.asList(args));
  }

  /** The bundle file the key lives in. */
  public String area() {
    return key.substring(0, key.indexOf('.'));
  }
}
