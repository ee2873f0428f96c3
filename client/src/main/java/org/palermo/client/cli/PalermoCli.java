package org.palermo.client.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.audit.AuditClient;
import org.palermo.client.document.DisclosedClient;
import org.palermo.client.document.DisclosureClient;
import org.palermo.client.document.DocumentClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.client.http.ServerTrust;
import org.palermo.client.i18n.CliHelp;
import org.palermo.client.i18n.ClientText;
import org.palermo.client.i18n.LanguageChoice;
import org.palermo.client.states.StatesClient;
import org.palermo.client.strip.MetadataStripper;
import org.palermo.client.submission.SubmissionClient;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.text.Language;
import org.palermo.text.Text;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code palermo}: the root command and the options every subcommand shares. */
@Command(name = "palermo", mixinStandardHelpOptions = true, version = "palermo 0.1.0",
    subcommands = {AccountCommand.class, WorkspaceCommand.class, DocCommand.class,
        StatesCommand.class, AdminCommand.class, PublicCommand.class, AuditCommand.class,
        SubmissionCommand.class, ChecklistCommand.class, DialogueCommand.class,
        TranslateCommand.class})
public final class PalermoCli implements Callable<Integer> {
  private final Terminal terminal;

  @Option(names = "--server", paramLabel = "URL", descriptionKey = "help.server")
  String server;

  @Option(names = "--ca", paramLabel = "PEM", descriptionKey = "help.ca")
  Path ca;

  @Option(names = "--pin-cert", paramLabel = "SHA256", descriptionKey = "help.pin-cert")
  String pinCert;

  @Option(names = "--json", descriptionKey = "help.json")
  boolean json;

  @Option(names = "--lang", paramLabel = "LANG", descriptionKey = "help.lang")
  String lang;

  @Option(names = "--home", paramLabel = "DIR", descriptionKey = "help.home")
  Path homeOption;

  public PalermoCli(Terminal terminal) {
    this.terminal = terminal;
  }

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(new CommandLine(this),
        terminal.text(Text.of("cli.name-a-command")));
  }

  Terminal terminal() {
    return terminal;
  }

  boolean json() {
    return json;
  }

  Home home() {
    if (homeOption != null) {
      return new Home(homeOption);
    }
    String fromEnv = terminal.env().get("PALERMO_HOME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Home(Path.of(fromEnv));
    }
    return new Home(Path.of(System.getProperty("user.home"), ".palermo"));
  }

  /** The connection: from the options, remembered in the home folder for the next commands. */
  PalermoHttp connect() {
    Home home = home();
    Home.ServerSettings saved = home.server().orElse(null);
    String url = server != null ? server : saved == null ? null : saved.url();
    if (url == null) {
      throw ClientException.usage(Text.of("cli.which-server"));
    }
    boolean newTrust = pinCert != null || ca != null;
    String pin = newTrust ? pinCert : saved == null ? null : saved.pinCert();
    String caFile = newTrust ? (ca == null ? null : ca.toString())
        : saved == null ? null : saved.ca();
    SSLContext trust = pin != null ? ServerTrust.pinned(ServerTrust.parseFingerprint(pin))
        : caFile != null ? ServerTrust.fromCaFile(Path.of(caFile)) : ServerTrust.systemDefault();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cli.not-a-url", url));
    }
    PalermoHttp http = new PalermoHttp(uri, trust).speaking(terminal.language());
    home.saveServer(new Home.ServerSettings(url, pin, caFile));
    return http;
  }

  /**
   * A value for people inside key/value output: in the terminal's language, but English with
   * {@code --json}, whose values are an API.
   */
  String value(Text text) {
    return json ? ClientText.english(text) : terminal.text(text);
  }

  /** The connection, with this client's session (a plugin's routes need no keys). */
  PalermoHttp loggedIn() {
    PalermoHttp http = connect();
    http.useToken(home().requireSession());
    return http;
  }

  /** Fields in the order given: key, value, key, value... (for {@link #print}). */
  static java.util.Map<String, Object> fields(Object... keysAndValues) {
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  /** Prints fields as "key: value" lines, or one JSON object with --json. */
  void print(java.util.Map<String, ?> fields) {
    if (json) {
      try {
        terminal.out().println(PalermoHttp.json().writeValueAsString(fields));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    fields.forEach((k, v) -> terminal.out().println(k + ": " + v));
  }

  /**
   * A logged-in session whose private keys open (with the passphrase) when a command first
   * seals, signs or opens something; verifying a log needs none.
   */
  Unlocked unlock() {
    PalermoHttp http = loggedIn();
    Home home = home();
    AccountClient accounts = new AccountClient(http, home);
    WorkspaceClient workspaces = new WorkspaceClient(http, home, accounts.ownIdentity(),
        () -> accounts.unlock(terminal.passphrase(false)), accounts);
    AuditClient audit = new AuditClient(http, home, workspaces, Clock.systemUTC());
    DocumentClient documents = new DocumentClient(http, home, workspaces,
        new MetadataStripper(), audit, Clock.systemUTC());
    StatesClient states = new StatesClient(http, home, Clock.systemUTC());
    DisclosureClient disclosures = new DisclosureClient(http, home, workspaces, documents,
        states, audit, Clock.systemUTC());
    DisclosedClient disclosed = new DisclosedClient(http, accounts, states, documents,
        workspaces::me);
    SubmissionClient submissions = new SubmissionClient(documents, audit, home);
    return new Unlocked(workspaces, documents, disclosures, disclosed, audit, submissions);
  }

  /** What a command that holds the keys works with. */
  record Unlocked(WorkspaceClient workspaces, DocumentClient documents,
      DisclosureClient disclosures, DisclosedClient disclosed, AuditClient audit,
      SubmissionClient submissions) {}

  /** The command tree (every command has --help of its own: ClientBundlesTest checks). */
  public static CommandLine commandLine(Terminal terminal) {
    return new CommandLine(new PalermoCli(terminal));
  }

  /** Runs {@code args}; returns the exit code. Errors are one line on stderr. */
  public static int run(Terminal given, String... args) {
    Language language = LanguageChoice.of(args, given.env()).orElse(null);
    if (language == null) {
      given.err().println("palermo: " + ClientText.english(
          Text.of("cli.unknown-language", Language.tags())));
      given.err().flush();
      return ClientException.USAGE;
    }
    boolean json = java.util.Arrays.asList(args).contains("--json");
    Terminal terminal = given.speaking(language, language.rightToLeft() && !json);
    CommandLine commandLine = commandLine(terminal);
    commandLine.setResourceBundle(CliHelp.bundle(language));
    commandLine.setOut(terminal.out());
    commandLine.setErr(terminal.err());
    commandLine.setParameterExceptionHandler((e, a) -> {
      terminal.err().println("palermo: " + terminal.text(ParseErrors.explain(e)));
      terminal.err().println(terminal.text(Text.of("cli.try-help")));
      return ClientException.USAGE;
    });
    commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
      if (e instanceof ClientException failure) {
        terminal.err().println("palermo: " + failure.message(language));
        return failure.exitCode();
      }
      // Anything else is still one line, never a stack trace: a local file problem or a bug.
      Text failure = e instanceof java.io.UncheckedIOException io
          ? Text.of("cli.local-file-failed", String.valueOf(io.getCause().getMessage()))
          : Text.of("cli.unexpected", e.getClass().getSimpleName(),
              String.valueOf(e.getMessage()));
      terminal.err().println("palermo: " + terminal.text(failure));
      return ClientException.USAGE;
    });
    int code = commandLine.execute(args);
    terminal.out().flush();
    terminal.err().flush();
    return code;
  }
}
