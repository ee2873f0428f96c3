package org.palermo.client.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;
import org.palermo.text.BundleAudit;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The client's bundles hold every key in the six languages and only keys the code uses; every
 * command and option of the command line takes its help from them, none from an annotation.
 */
class ClientBundlesTest {
  private static final List<String> HEADINGS = List.of("usage.synopsisHeading",
      "usage.commandListHeading", "usage.optionListHeading", "usage.parameterListHeading");

  @Test
  void bundlesAndCodeAgree() throws Exception {
    Set<String> helpKeys = new TreeSet<>(HEADINGS);
    List<String> problems = new ArrayList<>();
    CommandLine root = PalermoCli.commandLine(new Terminal(
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), null));
    collect(root.getCommandSpec(), helpKeys, problems);
    // Every help file is one the command line merges (a file left out would show no help).
    try (var files = java.nio.file.Files.list(
        Path.of("src/main/resources/org/palermo/client/i18n"))) {
      files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith("help") && n.endsWith(".properties") && !n.contains("_"))
          .map(n -> n.substring(0, n.length() - ".properties".length()))
          .filter(area -> !CliHelp.AREAS.contains(area))
          .forEach(area -> problems.add(area + " is not in CliHelp.AREAS"));
    }
    problems.addAll(new BundleAudit(Path.of("src/main/resources/org/palermo/client/i18n"),
        Path.of("src/main/java")).usedImplicitly(helpKeys).problems());
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  private static void collect(CommandSpec command, Set<String> keys, List<String> problems) {
    String name = command.qualifiedName(".");
    keys.add(name + ".usage.description");
    if (command.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
      problems.add(name + ": no --help of its own (mixinStandardHelpOptions)");
    }
    if (command.usageMessage().description().length > 0) {
      problems.add(name + ": its description is in the annotation, not in a bundle");
    }
    for (ArgSpec arg : command.args()) {
      String key = arg.descriptionKey();
      if (arg.description().length > 0 && (key == null || key.isEmpty())) {
        problems.add(name + " " + label(arg) + ": its description is in the annotation");
      }
      if (key == null || key.isEmpty()) {
        problems.add(name + " " + label(arg) + ": no descriptionKey");
      } else {
        keys.add(key);
      }
    }
    for (CommandLine sub : command.subcommands().values()) {
      collect(sub.getCommandSpec(), keys, problems);
    }
  }

  private static String label(ArgSpec arg) {
    return arg instanceof CommandLine.Model.OptionSpec option ? option.longestName()
        : arg.paramLabel();
  }
}
