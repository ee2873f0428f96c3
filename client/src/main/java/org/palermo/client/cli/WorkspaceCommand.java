package org.palermo.client.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.palermo.client.ClientException;
import org.palermo.client.workspace.WorkspaceClient;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.membership.HistoryRule;
import org.palermo.security.membership.Invitation;
import org.palermo.security.membership.Member;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo workspace ...}: workspaces and who belongs to them. Membership is a signed log
 * this machine verifies before every key operation; WS is a workspace's id or its name.
 */
@Command(name = "workspace", mixinStandardHelpOptions = true)
final class WorkspaceCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "create", mixinStandardHelpOptions = true)
  int create(@Parameters(index = "0", paramLabel = "NAME",
          descriptionKey = "help-workspace.create-name") String name,
      @Option(names = "--share-history", descriptionKey = "help-workspace.create-share-history")
      boolean shareHistory) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId id = session.workspaces().create(name,
        shareHistory ? HistoryRule.FULL_HISTORY : HistoryRule.JOIN_ONWARD);
    session.audit().membershipChanged(id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", id.toString());
    out.put("name", name.strip());
    out.put("newMembersRead", root.value(shareHistory ? Text.of("cmd-workspace.read-everything")
        : Text.of("cmd-workspace.read-after-joining")));
    root.print(out);
    return 0;
  }

  @Command(name = "list", mixinStandardHelpOptions = true)
  int list() {
    WorkspaceClient client = root.unlock().workspaces();
    List<WorkspaceClient.Summary> workspaces = client.list();
    List<WorkspaceClient.Pending> pending = client.invitations();
    String notNamed = root.terminal().text(WorkspaceClient.NOT_NAMED_YET);
    if (root.json()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("workspaces", workspaces.stream().map(w -> Map.of("workspace", w.id().toString(),
          "name", w.name().orElse(notNamed), "role", role(w.role()), "epoch", w.epoch(),
          "members", w.members())).toList());
      out.put("invitations", pending.stream().map(p -> Map.of("invitation",
          p.invitation().toString(), "workspace", p.workspace().toString(), "role",
          role(p.role()))).toList());
      root.print(out);
      return 0;
    }
    for (WorkspaceClient.Summary w : workspaces) {
      root.terminal().say(Text.of("cmd-workspace.workspace-line", w.id(),
          w.name().orElse(notNamed), role(w.role()), w.members(), w.epoch()));
    }
    for (WorkspaceClient.Pending p : pending) {
      root.terminal().say(Text.of("cmd-workspace.invitation-line", p.invitation(),
          p.workspace(), role(p.role())));
    }
    if (workspaces.isEmpty() && pending.isEmpty()) {
      root.terminal().say(Text.of("cmd-workspace.no-workspaces"));
    }
    return 0;
  }

  @Command(name = "members", mixinStandardHelpOptions = true)
  int members(@Parameters(index = "0", paramLabel = "WS",
      descriptionKey = "help-workspace.workspace") String ws) {
    WorkspaceClient client = root.unlock().workspaces();
    MembershipLog log = client.log(client.resolve(ws));
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    for (Member m : log.members()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("member", client.handleOf(m.identity()));
      row.put("role", role(m.role()));
      row.put("fingerprint", m.identity().fingerprint().toDigits());
      rows.add(row);
    }
    for (Invitation i : log.openInvitations()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("member", client.handleOf(i.invitee()));
      row.put("role", root.value(Text.of("cmd-workspace.role-invited", role(i.role()))));
      row.put("fingerprint", i.invitee().fingerprint().toDigits());
      rows.add(row);
    }
    if (root.json()) {
      root.print(PalermoCli.fields("workspace", log.workspace().toString(), "members", rows));
    } else {
      rows.forEach(r -> root.terminal().out().println(r.get("member") + "  " + r.get("role")
          + "  " + r.get("fingerprint")));
    }
    return 0;
  }

  @Command(name = "invite", mixinStandardHelpOptions = true)
  int invite(@Parameters(index = "0", paramLabel = "WS",
          descriptionKey = "help-workspace.workspace") String ws,
      @Parameters(index = "1", paramLabel = "NAME", descriptionKey = "help-workspace.invite-name")
      String name,
      @Option(names = "--role", required = true, paramLabel = "ROLE",
          descriptionKey = "help-workspace.invite-role") String roleName) {
    Role role = parseRole(roleName);
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceClient client = session.workspaces();
    WorkspaceId id = client.resolve(ws);
    WorkspaceClient.Invited invited = client.invite(id, name.toLowerCase(Locale.ROOT), role);
    session.audit().membershipChanged(id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("invitation", invited.invitation().toString());
    out.put("invitee", name.toLowerCase(Locale.ROOT));
    out.put("role", role(role));
    out.put("verificationCode", invited.code());
    root.print(out);
    if (!root.json()) {
      root.terminal().say(Text.of("cmd-workspace.compare-code"));
    }
    return 0;
  }

  @Command(name = "accept", mixinStandardHelpOptions = true)
  int accept(@Parameters(index = "0", paramLabel = "INVITE",
      descriptionKey = "help-workspace.accept-invitation") String invite) {
    InvitationId id;
    try {
      id = InvitationId.parse(invite);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cmd-workspace.invitation-id"));
    }
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceClient client = session.workspaces();
    WorkspaceClient.Accepted accepted = client.accept(id);
    session.audit().membershipChanged(accepted.workspace());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", accepted.workspace().toString());
    out.put("inviter", client.handleOf(accepted.inviter()));
    out.put("inviterFingerprint", accepted.inviter().fingerprint().toDigits());
    out.put("verificationCode", accepted.code());
    root.print(out);
    if (!root.json()) {
      root.terminal().say(Text.of("cmd-workspace.key-comes-later"));
    }
    return 0;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true)
  int remove(@Parameters(index = "0", paramLabel = "WS",
          descriptionKey = "help-workspace.workspace") String ws,
      @Parameters(index = "1", paramLabel = "NAME", descriptionKey = "help-workspace.remove-name")
      String name) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceClient client = session.workspaces();
    WorkspaceId id = client.resolve(ws);
    int wraps = client.remove(id, name.toLowerCase(Locale.ROOT));
    session.audit().membershipChanged(id);
    root.print(PalermoCli.fields("removed", name.toLowerCase(Locale.ROOT), "keyWraps", wraps));
    return 0;
  }

  @Command(name = "role", mixinStandardHelpOptions = true)
  int role(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-workspace.workspace")
      String ws,
      @Parameters(index = "1", paramLabel = "NAME", descriptionKey = "help-workspace.role-name")
      String name,
      @Parameters(index = "2", paramLabel = "ROLE", descriptionKey = "help-workspace.role-role")
      String roleName) {
    Role role = parseRole(roleName);
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceClient client = session.workspaces();
    WorkspaceId id = client.resolve(ws);
    client.changeRole(id, name.toLowerCase(Locale.ROOT), role);
    session.audit().membershipChanged(id);
    root.print(PalermoCli.fields("member", name.toLowerCase(Locale.ROOT), "role", role(role)));
    return 0;
  }

  @Command(name = "leave", mixinStandardHelpOptions = true)
  int leave(@Parameters(index = "0", paramLabel = "WS",
      descriptionKey = "help-workspace.workspace") String ws) {
    WorkspaceClient client = root.unlock().workspaces();
    WorkspaceId id = client.resolve(ws);
    client.leave(id);
    root.print(PalermoCli.fields("left", id.toString()));
    return 0;
  }

  @Command(name = "public-name", mixinStandardHelpOptions = true)
  int publicName(@Parameters(index = "0", paramLabel = "WS",
          descriptionKey = "help-workspace.workspace") String ws,
      @Parameters(index = "1", paramLabel = "NAME", arity = "0..1",
          descriptionKey = "help-workspace.public-name-name") String name,
      @Option(names = "--clear", descriptionKey = "help-workspace.public-name-clear")
      boolean clear) {
    if ((name == null) != clear) {
      throw ClientException.usage(Text.of("cmd-workspace.name-or-clear"));
    }
    WorkspaceClient client = root.unlock().workspaces();
    WorkspaceId id = client.resolve(ws);
    client.setPublicName(id, java.util.Optional.ofNullable(name));
    root.print(PalermoCli.fields("workspace", id.toString(), "publicName",
        clear ? root.value(Text.of("cmd-workspace.no-public-name")) : name));
    return 0;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true)
  int verify(@Parameters(index = "0", paramLabel = "WS",
      descriptionKey = "help-workspace.workspace") String ws) {
    WorkspaceClient client = root.unlock().workspaces();
    MembershipLog log = client.log(client.resolve(ws));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", log.workspace().toString());
    out.put("verified", true);
    out.put("entries", log.head().sequence() + 1);
    out.put("head", java.util.HexFormat.of().formatHex(log.head().hash()));
    out.put("epoch", log.currentEpoch());
    out.put("members", log.members().size());
    root.print(out);
    return 0;
  }

  private static Role parseRole(String name) {
    try {
      return Role.parse(name);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage(Text.of("cmd-workspace.unknown-role", name,
          java.util.Arrays.stream(Role.values()).map(Role::label)
              .collect(java.util.stream.Collectors.joining(", "))));
    }
  }

  static String role(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
