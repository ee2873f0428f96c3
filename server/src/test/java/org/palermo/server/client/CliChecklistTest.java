package org.palermo.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.palermo.plugins.checklist.ClusterChecklistPlugin;
import org.palermo.server.testing.Cli;
import org.palermo.server.testing.PluginJars;
import org.palermo.server.testing.TestDatabase;
import org.palermo.server.testing.TestServer;

/**
 * {@code palermo checklist ...} against a server with the cluster-checklist plugin installed:
 * the profile and schedule a coalition asks for, a checklist worked on by an owner and an
 * assigned contributor, notes sealed on the contributor's machine and read on the owner's;
 * each change an entry in the workspace's audit log, signed by the member who made it, that
 * says what changed and never the content.
 */
class CliChecklistTest {
  private static TestServer server;
  private static Cli cli;

  @BeforeAll
  static void start() throws Exception {
    Path folder = TestDatabase.folder("cli-checklist").resolve("plugins");
    Files.createDirectories(folder);
    PluginJars.install(folder, ClusterChecklistPlugin.class, "cluster-checklist",
        "rest,storage,read-workspaces,messages");
    server = TestServer.withPlugins(folder);
    cli = new Cli(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCoalition_setsItsProfile_asksForYear5_andWorksThroughCluster1() throws Exception {
    Cli.Person owner = cli.register("ko");
    Cli.Person contributor = cli.register("kc");
    String ws = Cli.ok(cli.as(owner, "workspace", "create", "Coalition")).line("workspace");
    String invitation = Cli.ok(cli.as(owner, "workspace", "invite", ws, contributor.handle(),
        "--role", "contributor")).line("invitation");
    Cli.ok(cli.as(contributor, "workspace", "accept", invitation));
    // The owner's next write gives the new member the workspace's key (as it does in use).
    Path evidence = owner.home().getParent().resolve("evidence.txt");
    Files.writeString(evidence, "court records");
    String doc = Cli.ok(cli.as(owner, "doc", "put", ws, evidence.toString())).line("document");

    Cli.Run profile = Cli.ok(cli.as(owner, "checklist", "profile", ws, "--state", "MEX",
        "--instrument", "convention,trafficking-in-persons", "--uncac", "yes", "--group", "2",
        "--start-year", "2019"));
    assertEquals("convention,trafficking-in-persons", profile.line("instruments"));
    Cli.Run year5 = Cli.ok(cli.as(contributor, "checklist", "schedule", ws, "--year", "5"));
    assertEquals("cluster 1 (years 4-5)", year5.line("phase"), year5.out());
    assertEquals("cluster 2 (years 6-7)", year5.line("next"));
    assertEquals("convention 2, convention 5, convention 6, convention 7, convention 10,"
        + " convention 15, convention 23, trafficking-in-persons 3, trafficking-in-persons 5",
        year5.line("articles"));

    Cli.Run started = Cli.ok(cli.as(owner, "checklist", "start", ws, "cluster-1"));
    assertTrue(started.out().contains("trafficking-in-persons:3  not-started"), started.out());
    Cli.Run assigned = Cli.ok(cli.as(owner, "checklist", "set", ws, "cluster-1",
        "trafficking-in-persons:3", "--assign", contributor.handle(), "--link", doc));
    assertEquals("1", assigned.line("assignees"));
    assertEquals("1", assigned.line("documents"));
    Path notes = contributor.home().getParent().resolve("notes.md");
    Files.writeString(notes, "Witness in Tapachula: call back after the hearing.");
    Cli.Run set = Cli.ok(cli.as(contributor, "checklist", "set", ws, "cluster-1",
        "trafficking-in-persons:3", "--status", "drafting", "--notes-file", notes.toString()));
    assertEquals("drafting", set.line("status"));
    assertTrue(set.line("notes").matches("[0-9a-f]{32}"), set.out());
    Cli.Run refused = cli.as(contributor, "checklist", "set", ws, "cluster-1", "convention:2",
        "--status", "drafting");
    assertTrue(refused.code() != 0 && refused.err().contains("Only owners, editors and the"
        + " contributors assigned to an item change it."), refused.toString());

    // The owner reads both changes in the audit log, each signed by the member who made it.
    Cli.Run audit = Cli.ok(cli.as(owner, "audit", "show", ws));
    List<String> actions = pluginActions(audit);
    String subject = "  plugin cluster-checklist: cluster-1 trafficking-in-persons:3: ";
    assertEquals(List.of(owner.handle() + subject + "assignees 1; documents 1",
        contributor.handle() + subject + "status drafting; notes " + set.line("notes")),
        actions, audit.out());
    assertTrue(!audit.out().contains("Tapachula") && !audit.out().contains("convention:2"),
        "no content, and nothing for the refused change: " + audit.out());
    Cli.Run verified = Cli.ok(cli.as(owner, "audit", "verify", ws));
    assertEquals("true", verified.line("verified"));
    assertEquals(audit.line("head"), verified.line("head"));

    Cli.Run read = Cli.ok(cli.as(owner, "checklist", "notes", ws, "cluster-1",
        "trafficking-in-persons:3"));
    assertEquals("Witness in Tapachula: call back after the hearing.", read.out());
    Files.writeString(notes, "Second visit done.");
    Cli.ok(cli.as(contributor, "checklist", "set", ws, "cluster-1", "trafficking-in-persons:3",
        "--notes-file", notes.toString()));
    assertEquals("Second visit done.", Cli.ok(cli.as(owner, "checklist", "notes", ws,
        "cluster-1", "trafficking-in-persons:3")).out());

    Cli.Run shown = Cli.ok(cli.as(owner, "checklist", "show", ws, "cluster-1"));
    assertTrue(shown.out().contains("progress trafficking-in-persons: 0/2 (0%)"), shown.out());
    assertTrue(!shown.out().contains("Tapachula"), "the plugin never has the notes' text");
    Cli.Run later = Cli.ok(cli.as(contributor, "audit", "show", ws));
    List<String> all = pluginActions(later);
    assertEquals(3, all.size(), later.out());
    assertTrue(all.get(2).matches(java.util.regex.Pattern.quote(contributor.handle() + subject)
        + "notes [0-9a-f]{32}"),
        all.get(2));
    assertEquals(later.line("head"), Cli.ok(cli.as(owner, "audit", "verify", ws))
        .line("head"), "both members see the same head");
  }

  /** The plugin actions of 'audit show', each as "by  what". */
  private static List<String> pluginActions(Cli.Run show) {
    return show.out().lines().filter(l -> l.matches("\\d+  \\S+  .*  plugin .*"))
        .map(l -> l.replaceFirst("^\\d+  \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z  ", ""))
        .toList();
  }
}
