package org.palermo.plugins.dialogue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles an operator grants (the Secretariat, the Bureau of the Conference, dialogue chairs),
 * in {@code roles.tsv} in the plugin's operator folder: one line per grant, an account id and a
 * role, separated by spaces or a tab; {@code #} starts a comment.
 */
final class Roles {
  static final String FILE = "roles.tsv";
  static final List<String> KNOWN = List.of("secretariat", "bureau", "chair");

  private final Map<String, Set<String>> byAccount;

  private Roles(Map<String, Set<String>> byAccount) {
    this.byAccount = byAccount;
  }

  static Roles none() {
    return new Roles(Map.of());
  }

  /** The folder's grants; a line that does not fit is refused with its number. */
  static Roles read(Optional<Path> folder) throws IOException {
    if (folder.isEmpty() || !Files.isRegularFile(folder.get().resolve(FILE))) {
      return none();
    }
    Map<String, Set<String>> out = new HashMap<>();
    int number = 0;
    for (String line : Files.readAllLines(folder.get().resolve(FILE), StandardCharsets.UTF_8)) {
      number++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\\s+");
      if (f.length != 2 || !f[0].matches("[0-9a-f]{32}") || !KNOWN.contains(f[1])) {
        throw new IOException(FILE + " line " + number + " is not an account id and one of "
            + String.join(", ", KNOWN));
      }
      out.computeIfAbsent(f[0], k -> new HashSet<>()).add(f[1]);
    }
    return new Roles(out);
  }

  boolean has(String accountId, String role) {
    return byAccount.getOrDefault(accountId, Set.of()).contains(role);
  }
}
