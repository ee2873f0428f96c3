package org.palermo.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The operator of a test server: {@code palermo admin} with the operator key and secret the
 * server made at its first start, run from the operator's own account (for look-ups).
 */
public final class Operator {
  private final Cli cli;
  private final Cli.Person account;
  private final Path key;
  private final Map<String, String> secret;

  public Operator(Cli cli, TestServer server, Cli.Person account) {
    this.cli = cli;
    this.account = account;
    Path folder = server.config().dataDir().resolve("operator");
    this.key = folder.resolve("operator-key.sealed");
    try {
      List<String> lines = Files.readAllLines(folder.resolve("operator-secret.txt"));
      this.secret = Map.of("PALERMO_OPERATOR_SECRET", lines.get(lines.size() - 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The sealed operator key file. */
  public Path key() {
    return key;
  }

  public Cli.Person account() {
    return account;
  }

  /** {@code palermo admin --operator-key KEY args...}, with the secret in the environment. */
  public Cli.Run admin(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "admin";
    all[1] = "--operator-key";
    all[2] = key.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return cli.runWith(account.home(), Cli.PASSPHRASE, secret, all);
  }

  /** Certifies the person's account as a focal point of the State. */
  public Cli.Run certify(Cli.Person person, String state) {
    return Cli.ok(admin("certify-state", person.handle(), "--state", state, "--function",
        "focal-point"));
  }
}
