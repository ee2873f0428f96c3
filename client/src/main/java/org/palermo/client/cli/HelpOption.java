package org.palermo.client.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} alone, for the commands whose own {@code --version N} (a document version)
 * rules out picocli's standard help options, which would claim {@code --version} too.
 */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true,
      descriptionKey = "mixinStandardHelpOptions.help")
  boolean help;
}
