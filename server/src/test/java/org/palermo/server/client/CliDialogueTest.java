package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.plugins.dialogue.DialoguePlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.Operator;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * {@code palermo dialogue ...} as the walk-through has it: registrations 20 days ahead
 * (accepted) and 10 days ahead (refused with the deadline), a certified State's objection, the
 * Bureau's admission, and the statement check flagging "Mexico" in a draft.
 */
class CliDialogueTest {
  private static TestServer server;
  private static Cli cli;
  private static Path roles;

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("cli-dialogue").resolve("plugins");
    // No operator folder yet: the operator makes it, with the grants, while the server runs.
    Files.createDirectories(folder);
    roles = folder.resolve("dialogue-registration").resolve("roles.tsv");
    PluginJars.install(folder, DialoguePlugin.class, "dialogue-registration",
        "rest,storage,read-workspaces,messages");
    server = TestServer.withPlugins(folder);
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCoalition_registers_aStateObjects_theBureauAdmits_andTheCheckFlagsMexico()
      throws Exception {
    Cli.Person secretariat = cli.register("se");
    Cli.Person bureau = cli.register("bu");
    Cli.Person state = cli.register("mx");
    Cli.Person owner = cli.register("ow");
    new Operator(cli, server, cli.register("op")).certify(state, "MEX");
    Files.createDirectories(roles.getParent());
    Files.writeString(roles, cli.accountId(secretariat) + "\tsecretariat\n"
        + cli.accountId(bureau) + "\tbureau\n");
    String ws = Cli.ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String ahead = Cli.ok(cli.as(secretariat, "dialogue", "convene", "--working-group",
        "trafficking-in-persons", "--date", today.plusDays(20).toString())).line("dialogue");
    String soon = Cli.ok(cli.as(secretariat, "dialogue", "convene", "--working-group",
        "trafficking-in-persons", "--date", today.plusDays(10).toString())).line("dialogue");

    assertEquals("registered", Cli.ok(cli.as(owner, "dialogue", "register", ahead, ws,
        "--organization", "Coalition against trafficking", "--representative",
        owner.handle())).line("status"));
    Cli.Run late = cli.as(owner, "dialogue", "register", soon, ws, "--organization",
        "Coalition against trafficking", "--representative", owner.handle());
    assertTrue(late.code() != 0 && late.err().contains("Registration for this dialogue closed"
        + " on " + today.plusDays(10).minusDays(15)), late.toString());

    Cli.Run shown = Cli.ok(cli.as(state, "dialogue", "show", ahead));
    assertTrue(shown.out().contains("Coalition against trafficking"), shown.out());
    assertEquals("referred", Cli.ok(cli.as(state, "dialogue", "objections", ahead, ws,
        "--reason", "Not in good standing")).line("status"));
    assertEquals("admitted", Cli.ok(cli.as(bureau, "dialogue", "decide", ahead, ws, "admit"))
        .line("status"));
    Cli.Run status = Cli.ok(cli.as(owner, "dialogue", "status", ahead, ws));
    assertTrue(status.out().contains("\"status\" : \"admitted\""), status.out());

    Path draft = owner.home().getParent().resolve("statement.md");
    Files.writeString(draft, "Victims trafficked through Mexico lack shelters.");
    Cli.Run checked = Cli.ok(cli.as(owner, "dialogue", "check", draft.toString()));
    assertEquals("1", checked.line("countryMentions"));
    assertTrue(checked.err().contains("warning: the statement mentions MEX"), checked.err());
    Cli.Run commented = Cli.ok(cli.as(owner, "dialogue", "comment", ahead, ws, "--file",
        draft.toString()));
    assertEquals("1", commented.line("countryMentions"), "a warning, not a block");
    assertTrue(commented.line("document").matches("[0-9a-f]{32}"));
    Files.writeString(draft, "Victims need shelters and legal aid.");
    assertEquals("0", Cli.ok(cli.as(owner, "dialogue", "check", draft.toString()))
        .line("countryMentions"));
  }
}
