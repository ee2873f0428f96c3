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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo workspace ...}: workspaces and who belongs to them. Membership is a signed log
 * this machine verifies before every key operation; WS is a workspace's id or its name.
 */
@Command(name = "workspace", mixinStandardHelpOptions = true,
    description = "Workspaces: create, list, invite, accept, remove, change roles, leave, verify."
        + " Roles: owner (everything, including membership), editor (adds and changes any"
        + " document), contributor (adds documents, changes its own), viewer (reads).")
final class WorkspaceCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "create", description = "Create a workspace; you are its owner. The name is"
      + " sealed: the server never sees it.")
  int create(@Parameters(index = "0", paramLabel = "NAME") String name,
      @Option(names = "--share-history", description = "Let new members read what was shared"
          + " before they joined (fixed at creation; default: they read only what comes after)")
      boolean shareHistory) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId id = session.workspaces().create(name,
        shareHistory ? HistoryRule.FULL_HISTORY : HistoryRule.JOIN_ONWARD);
    session.audit().membershipChanged(id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", id.toString());
    out.put("name", name.strip());
    out.put("newMembersRead", shareHistory ? "everything, also what came before they joined"
        : "only what is shared after they join");
    root.print(out);
    return 0;
  }

  @Command(name = "list", description = "Your workspaces and the invitations waiting for you.")
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
      root.terminal().out().println(w.id() + "  " + w.name().orElse(notNamed) + "  ("
          + role(w.role()) + ", " + w.members() + " members, epoch " + w.epoch() + ")");
    }
    for (WorkspaceClient.Pending p : pending) {
      root.terminal().out().println("invitation " + p.invitation() + " to workspace "
          + p.workspace() + " as " + role(p.role()) + ": palermo workspace accept "
          + p.invitation());
    }
    if (workspaces.isEmpty() && pending.isEmpty()) {
      root.terminal().out().println("No workspaces yet: palermo workspace create NAME");
    }
    return 0;
  }

  @Command(name = "members", description = "Members, roles and fingerprints, from the verified"
      + " membership log.")
  int members(@Parameters(index = "0", paramLabel = "WS") String ws) {
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
      row.put("role", role(i.role()) + " (invited, not yet accepted)");
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

  @Command(name = "invite", description = "Invite an account by handle. Compare the printed"
      + " verification code with the invitee over another channel before you share anything.")
  int invite(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "NAME") String name,
      @Option(names = "--role", required = true, paramLabel = "ROLE",
          description = "owner, editor, contributor or viewer") String roleName) {
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
      root.terminal().out().println("The invitee sees the same code when accepting; if the"
          + " codes differ, remove them: someone is in the middle.");
    }
    return 0;
  }

  @Command(name = "accept", description = "Accept an invitation; compare the printed"
      + " verification code with the person who invited you.")
  int accept(@Parameters(index = "0", paramLabel = "INVITE") String invite) {
    InvitationId id;
    try {
      id = InvitationId.parse(invite);
    } catch (IllegalArgumentException e) {
      throw ClientException.usage("An invitation id is 32 hex digits (see palermo workspace"
          + " list)");
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
      root.terminal().out().println("You can read once an owner's client gives you the"
          + " workspace key (it does so on its next command).");
    }
    return 0;
  }

  @Command(name = "remove", description = "Remove a member; later documents use a new key"
      + " they never receive.")
  int remove(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "NAME") String name) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceClient client = session.workspaces();
    WorkspaceId id = client.resolve(ws);
    int wraps = client.remove(id, name.toLowerCase(Locale.ROOT));
    session.audit().membershipChanged(id);
    root.print(PalermoCli.fields("removed", name.toLowerCase(Locale.ROOT), "keyWraps", wraps));
    return 0;
  }

  @Command(name = "role", description = "Change a member's role.")
  int role(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "NAME") String name,
      @Parameters(index = "2", paramLabel = "ROLE") String roleName) {
    Role role = parseRole(roleName);
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceClient client = session.workspaces();
    WorkspaceId id = client.resolve(ws);
    client.changeRole(id, name.toLowerCase(Locale.ROOT), role);
    session.audit().membershipChanged(id);
    root.print(PalermoCli.fields("member", name.toLowerCase(Locale.ROOT), "role", role(role)));
    return 0;
  }

  @Command(name = "leave", description = "Leave a workspace.")
  int leave(@Parameters(index = "0", paramLabel = "WS") String ws) {
    WorkspaceClient client = root.unlock().workspaces();
    WorkspaceId id = client.resolve(ws);
    client.leave(id);
    root.print(PalermoCli.fields("left", id.toString()));
    return 0;
  }

  @Command(name = "public-name", description = "As an owner, choose the name shown beside"
      + " what the workspace publishes (public, unlike its sealed name); --clear removes it.")
  int publicName(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Parameters(index = "1", paramLabel = "NAME", arity = "0..1") String name,
      @Option(names = "--clear", description = "Show no name") boolean clear) {
    if ((name == null) != clear) {
      throw ClientException.usage("Give a NAME, or --clear");
    }
    WorkspaceClient client = root.unlock().workspaces();
    WorkspaceId id = client.resolve(ws);
    client.setPublicName(id, java.util.Optional.ofNullable(name));
    root.print(PalermoCli.fields("workspace", id.toString(), "publicName", clear ? "(none)" : name));
    return 0;
  }

  @Command(name = "verify", description = "Verify the whole membership log (signatures, hash"
      + " chain, rules) against the head this device pinned, and pin the new head.")
  int verify(@Parameters(index = "0", paramLabel = "WS") String ws) {
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
      throw ClientException.usage(e.getMessage());
    }
  }

  static String role(Role role) {
    return role.name().toLowerCase(Locale.ROOT);
  }
}
