package org.palermo.client.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.palermo.text.Text;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Picocli's parse errors, which it words in English, as texts in the user's language. */
final class ParseErrors {
  private ParseErrors() {}

  static Text explain(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      return Text.of("cli.unknown-argument", String.join(" ", unmatched.getUnmatched()));
    }
    if (e instanceof CommandLine.MissingParameterException missing) {
      return Text.of("cli.missing-parameter", names(missing.getMissing()));
    }
    if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
      return Text.of("cli.option-twice", name(overwritten.getOverwritten()));
    }
    if (e instanceof CommandLine.MaxValuesExceededException) {
      return Text.of("cli.too-many-values", e.getMessage());
    }
    if (e.getArgSpec() != null && e.getValue() != null) {
      return Text.of("cli.invalid-value", e.getValue(), name(e.getArgSpec()));
    }
    // Our own usage errors already come as text in the user's language.
    return Text.of("cli.usage-error", e.getMessage());
  }

  private static String names(List<ArgSpec> specs) {
    return specs.stream().map(ParseErrors::name).collect(Collectors.joining(", "));
  }

  private static String name(ArgSpec spec) {
    return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
  }
}
