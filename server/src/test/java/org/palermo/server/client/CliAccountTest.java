package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.client.cli.PalermoCli;
import org.palermo.client.cli.Terminal;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.server.ratelimit.RateLimit;
import org.palermo.server.ratelimit.RateLimitRule;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Cli.Run;
import org.palermo.server.testing.TestServer;

/**
 * The palermo command line against the real server over HTTPS, and against a server that
 * rewrites what it stores (ATTACKS.md 1, 3, 7): the client refuses with exit code 3.
 */
class CliAccountTest {
    private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() {
    RateLimitRule generous = new RateLimitRule(1000, Duration.ofMinutes(1));
    server = TestServer.start(c -> c.withRateLimit(RateLimit.REGISTER_PER_ADDRESS, generous)
        .withRateLimit(RateLimit.LOGIN_PER_ADDRESS, generous), Clock.systemUTC(), rc -> {});
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Run palermo(Path home, String passphrase, String... args) {
    return cli.runWith(home, passphrase, args);
  }

  private static Path home(String name) {
    return Cli.home(name);
  }

  private static String line(Run run, String key) {
    return run.line(key);
  }

  private static void updateAccount(String handle, String column, byte[] value) {
    assertEquals(1, cli.update("UPDATE accounts SET " + column + " = ? WHERE handle = ?", value,
        handle));
  }

  private static byte[] accountColumn(String handle, String column) {
    return cli.bytes("SELECT " + column + " FROM accounts WHERE handle = ?", handle);
  }

  @Test
  void register_whoami_newDeviceLogin_sessions_logout() {
    String name = Cli.unique("alice");
    Path laptop = home("laptop");
    Run registered = palermo(laptop, Cli.PASSPHRASE, "account", "register", "--name", name);
    assertEquals(0, registered.code(), registered.toString());
    String fingerprint = line(registered, "fingerprint");
    assertTrue(line(registered, "recoveryKey").length() > 20);

    Run whoami = palermo(laptop, null, "account", "whoami");
    assertEquals(0, whoami.code(), whoami.toString());
    assertEquals(fingerprint, line(whoami, "fingerprint"));

    Path phone = home("phone");
    Run login = palermo(phone, Cli.PASSPHRASE, "account", "login", "--name", name);
    assertEquals(0, login.code(), login.toString());
    assertEquals(fingerprint, line(login, "fingerprint"), "the same keys on the new device");

    Run sessions = palermo(phone, null, "account", "sessions");
    assertEquals(0, sessions.code());
    assertEquals(2, sessions.out().lines().count(), sessions.out());
    assertEquals(1, sessions.out().lines().filter(l -> l.endsWith("(this device)")).count());

    assertEquals(0, palermo(phone, null, "account", "logout").code());
    Run after = palermo(phone, null, "account", "whoami");
    assertEquals(1, after.code(), after.toString());
    assertTrue(after.err().startsWith("palermo: Not logged in"), after.err());
    assertEquals(0, palermo(laptop, null, "account", "whoami").code(), "the laptop stays");

    Run json = palermo(laptop, null, "--json", "account", "fingerprint");
    assertEquals(0, json.code());
    assertTrue(json.out().contains("\"fingerprint\":\"" + fingerprint + "\""), json.out());
  }

  @Test
  void login_wrongPassphrase_isRefusedWithExit2() {
    String name = Cli.unique("bob");
    assertEquals(0, palermo(home("bob"), Cli.PASSPHRASE, "account", "register", "--name", name)
        .code());
    Run wrong = palermo(home("bob2"), "not the passphrase!", "account", "login", "--name", name);
    assertEquals(2, wrong.code(), wrong.toString());
    assertEquals(1, wrong.err().lines().count(), "one clear line: " + wrong.err());
    assertFalse(Files.exists(home("bob2").resolve("session")));
  }

  @Test
  void login_serverFlipsAByteOfTheKeyBundle_isRefusedWithExit3() throws Exception {
    // ATTACKS.md 1 and 2: any change is refused, and every malformed bundle gives one answer.
    String name = Cli.unique("carol");
    assertEquals(0, palermo(home("carol"), Cli.PASSPHRASE, "account", "register", "--name", name)
        .code());
    byte[] bundle = accountColumn(name, "key_bundle");
    List<byte[]> variants = new java.util.ArrayList<>();
    // Login attempts per handle are limited (10 in 10 minutes): eight variants after one login.
    for (int position : new int[] {0, 13, 72, bundle.length / 2, bundle.length - 1}) {
      byte[] tampered = bundle.clone();
      tampered[position] ^= 0x01;
      variants.add(tampered);
    }
    variants.add(java.util.Arrays.copyOf(bundle, bundle.length - 1));
    variants.add(java.util.Arrays.copyOf(bundle, bundle.length + 1));
    variants.add(java.util.Arrays.copyOf(bundle, 64));
    java.util.Set<String> answers = new java.util.HashSet<>();
    for (byte[] tampered : variants) {
      int position = variants.indexOf(tampered);
      updateAccount(name, "key_bundle", tampered);
      Path device = home("carol-new");
      Run run = palermo(device, Cli.PASSPHRASE, "account", "login", "--name", name);
      assertEquals(3, run.code(), "byte " + position + ": " + run);
      assertTrue(run.err().contains("key bundle"), run.err());
      assertFalse(Files.exists(device.resolve("session")), "no session kept on failure");
      answers.add(run.err());
    }
    assertEquals(1, answers.size(), "one indistinguishable error: " + answers);
  }

  @Test
  void login_serverAdvertisesWeakKdfParameters_isRefusedWithExit3() throws Exception {
    String name = Cli.unique("dave");
    assertEquals(0, palermo(home("dave"), Cli.PASSPHRASE, "account", "register", "--name", name)
        .code());
    byte[] parameters = accountColumn(name, "kdf_parameters");
    java.nio.ByteBuffer.wrap(parameters).putInt(5, 8 * 1024); // m = 8 MiB
    updateAccount(name, "kdf_parameters", parameters);
    Run run = palermo(home("dave-new"), Cli.PASSPHRASE, "account", "login", "--name", name);
    assertEquals(3, run.code(), run.toString());
    assertTrue(run.err().contains("weaker"), run.err());
  }

  @Test
  void login_serverSwapsThePublishedSigningKey_isRefusedWithExit3() throws Exception {
    String name = Cli.unique("erin");
    Path device = home("erin");
    assertEquals(0, palermo(device, Cli.PASSPHRASE, "account", "register", "--name", name).code());
    updateAccount(name, "signing_key", SigningKeyPair.generate().publicKey().encode());
    Run whoami = palermo(device, null, "account", "whoami");
    assertEquals(3, whoami.code(), whoami.toString());
    Run login = palermo(home("erin-new"), Cli.PASSPHRASE, "account", "login", "--name", name);
    assertEquals(3, login.code(), login.toString());
    assertTrue(login.err().contains("other keys"), login.err());
  }

  @Test
  void wrongPinnedCertificate_isExit4() {
    StringWriter err = new StringWriter();
    int code = PalermoCli.run(new Terminal(new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of("PALERMO_HOME", home("pin").toString(),
            "PALERMO_PASSPHRASE", Cli.PASSPHRASE), null),
        "--server", server.server().baseUri().toString(), "--pin-cert", "00".repeat(32),
        "account", "login", "--name", "someone");
    assertEquals(4, code, err.toString());
    assertTrue(err.toString().contains("not trusted"), err.toString());
  }

  @Test
  void usageErrors_areExit1() {
    Run missing = palermo(home("usage"), Cli.PASSPHRASE, "account", "login");
    assertEquals(1, missing.code());
    Run badPin = palermo(home("usage"), Cli.PASSPHRASE, "--pin-cert", "xyz", "account", "whoami");
    assertEquals(1, badPin.code());
  }
}
