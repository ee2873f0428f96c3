package org.palermo.client.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.palermo.client.ClientException;
import org.palermo.client.account.AccountClient;
import org.palermo.client.home.Home;
import org.palermo.client.http.PalermoHttp;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.keys.VerificationCode;
import org.palermo.security.membership.EpochWrap;
import org.palermo.security.membership.HistoryRule;
import org.palermo.security.membership.Invitation;
import org.palermo.security.membership.Member;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.security.membership.WorkspaceName;
import org.palermo.security.wrap.KeyUnwrapException;

/**
 * Workspaces from a member's side. Every operation starts from the membership log, verified in
 * full against the head this device pinned; keys are wrapped only to identities the log names,
 * and only an owner's client writes entries that change who reads.
 */
public final class WorkspaceClient {
  private final PalermoHttp http;
  private final Home home;
  private final Identity self;
  private final java.util.function.Supplier<IdentityKeys> keys;
  private IdentityKeys unlocked;
  private final AccountClient accounts;

  /**
   * @param identity this device's public identity (as pinned)
   * @param keys its private keys, asked for only when an operation signs or opens something
   *     (the passphrase prompt); checked to match {@code identity}
   */
  public WorkspaceClient(PalermoHttp http, Home home, Identity identity,
      java.util.function.Supplier<IdentityKeys> keys, AccountClient accounts) {
    this.http = http;
    this.home = home;
    this.self = identity;
    this.keys = keys;
    this.accounts = accounts;
  }

  /** With keys already open (tests, tools). */
  public WorkspaceClient(PalermoHttp http, Home home, IdentityKeys keys,
      AccountClient accounts) {
    this(http, home, keys.identity(), () -> keys, accounts);
  }

  /** This device's private keys (unlocked on first use). */
  public IdentityKeys me() {
    if (unlocked == null) {
      IdentityKeys opened = keys.get();
      if (!opened.identity().equals(self)) {
        throw ClientException.integrity("The key bundle holds other keys than this device's"
            + " pinned identity");
      }
      unlocked = opened;
    }
    return unlocked;
  }

  /** A workspace as the caller sees it. */
  public record Summary(WorkspaceId id, String name, Role role, long epoch, int members) {}

  /** An invitation made: its id and the code both people compare. */
  public record Invited(InvitationId invitation, String code, Identity invitee) {}

  /** An invitation accepted: the workspace and the code. */
  public record Accepted(WorkspaceId workspace, String name, String code, Identity inviter) {}

  /** An invitation to the caller, with what the log says of it. */
  public record Pending(InvitationId invitation, WorkspaceId workspace, Role role) {}

  public WorkspaceId create(String name, HistoryRule rule) {
    WorkspaceId id = WorkspaceId.random();
    SymmetricKey epochKey = SymmetricKey.generate();
    byte[] sealedName = WorkspaceName.seal(name, epochKey, id);
    EpochWrap wrap = EpochWrap.make(epochKey, id, 1, self);
    MembershipChange.Create create = new MembershipChange.Create(id, rule, self,
        sealedName, List.of(wrap));
    ChainEntry genesis = ChainEntry.genesis(org.palermo.security.chain.ChainKind.MEMBERSHIP,
        me().signing(), create.encode());
    http.post("api/v1/workspaces", Map.of("entry", b64(genesis.encode())));
    pin(id, ChainHead.of(genesis));
    return id;
  }

  public List<Summary> list() {
    List<Summary> out = new ArrayList<>();
    for (JsonNode w : http.get("api/v1/workspaces").path("workspaces")) {
      WorkspaceId id = parseId(w.path("workspaceId").asText());
      MembershipLog log = log(id);
      Role role = log.member(self.account()).map(Member::role).orElseThrow(
          () -> ClientException.integrity("The server lists workspace " + id + " as yours,"
              + " but its membership log does not name you"));
      String name = name(log);
      if (role.managesMembers()) {
        ensureNamed(log, name);
      }
      out.add(new Summary(id, name, role, log.currentEpoch(), log.members().size()));
    }
    return out;
  }

  public List<Pending> invitations() {
    List<Pending> out = new ArrayList<>();
    for (JsonNode i : http.get("api/v1/invitations").path("invitations")) {
      try {
        out.add(new Pending(InvitationId.parse(i.path("invitationId").asText()),
            parseId(i.path("workspaceId").asText()), Role.parse(i.path("role").asText())));
      } catch (IllegalArgumentException e) {
        throw ClientException.integrity("The server returned a malformed invitation");
      }
    }
    return out;
  }

  /**
   * The membership log, verified in full and against the pinned head; the new head is pinned.
   * Anything that does not verify is an integrity failure naming what was wrong.
   */
  public MembershipLog log(WorkspaceId workspace) {
    JsonNode answer = http.get("api/v1/workspaces/" + workspace + "/membership");
    List<ChainEntry> entries = new ArrayList<>();
    try {
      for (JsonNode e : answer.path("entries")) {
        entries.add(ChainEntry.decode(unb64(e.asText())));
      }
    } catch (GeneralSecurityException e) {
      throw ClientException.integrity("The membership log of workspace " + workspace
          + " holds an entry that is not a signed chain entry");
    }
    Optional<Home.WorkspacePin> pin = home.workspace(workspace.toString());
    ChainHead pinned = pin.map(p -> new ChainHead(p.headSequence(),
        HexFormat.of().parseHex(p.headHash()))).orElse(null);
    MembershipLog log;
    try {
      log = MembershipLog.verify(workspace, entries, pinned);
    } catch (ChainException e) {
      throw ClientException.integrity("The membership log of workspace " + workspace, e);
    }
    pin(workspace, log.head(), pin);
    return log;
  }

  /**
   * The name of a verified workspace: from the genesis entry (sealed under the epoch-1 key),
   * or, for a member who joined later, from the copy an owner's client sealed under a later
   * epoch's key. A copy that does not open under its epoch's key is refused.
   */
  public String name(MembershipLog log) {
    Optional<SymmetricKey> first = heldKey(log, 1);
    if (first.isPresent()) {
      return openName(log.sealedName(), first.get(), log.workspace(), 1);
    }
    JsonNode names = http.get("api/v1/workspaces/" + log.workspace() + "/names");
    for (JsonNode n : names.path("names")) {
      long epoch = n.path("epoch").asLong();
      Optional<SymmetricKey> key = heldKey(log, epoch);
      if (key.isPresent()) {
        return openName(unb64(n.path("sealedName").asText()), key.get(), log.workspace(), epoch);
      }
    }
    return "(not named yet: an owner's client names it on its next command)";
  }

  private static String openName(byte[] sealed, SymmetricKey key, WorkspaceId workspace,
      long epoch) {
    try {
      return WorkspaceName.open(sealed, key, workspace);
    } catch (KeyUnwrapException e) {
      throw ClientException.integrity("The name of workspace " + workspace + " does not open"
          + " under the key of epoch " + epoch);
    }
  }

  private Optional<SymmetricKey> heldKey(MembershipLog log, long epoch) {
    if (log.wrapFor(epoch, self.account(), self.device()).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(epochKey(log, epoch));
  }

  /** This device's key for an epoch, from the wrap an owner signed into the log. */
  public SymmetricKey epochKey(MembershipLog log, long epoch) {
    for (EpochWrap wrap : log.wrapsFor(self.account(), self.device())) {
      if (wrap.epoch() == epoch) {
        try {
          return wrap.open(me().agreement(), log.workspace());
        } catch (KeyUnwrapException e) {
          throw ClientException.integrity("The key of epoch " + epoch + " in workspace "
              + log.workspace() + " does not open with this device's key");
        }
      }
    }
    throw ClientException.refused("No owner has given this device the key of epoch " + epoch
        + " in workspace " + log.workspace() + " (it was shared before you joined, or an owner"
        + " has not yet added you to the current epoch)");
  }

  /**
   * Starts a new epoch when someone joined or left since the current one began and this device
   * is an owner's; returns the log as it then stands, and how many keys were wrapped.
   */
  public Rekeyed rekeyIfNeeded(MembershipLog log) {
    boolean owner = log.member(self.account()).map(m -> m.role().managesMembers())
        .orElse(false);
    if (!owner || !log.needsRekey()) {
      return new Rekeyed(log, 0);
    }
    long epoch = log.currentEpoch() + 1;
    SymmetricKey fresh = SymmetricKey.generate();
    String name = name(log);
    List<EpochWrap> wraps = wraps(log, epoch, Optional.empty(), fresh);
    MembershipLog next = append(log, new MembershipChange.Rekey(log.workspace(), epoch, wraps));
    putName(next, epoch, name, fresh);
    return new Rekeyed(next, wraps.size());
  }

  /**
   * Sets the name shown beside what the workspace publishes (owners only), or clears it with
   * empty; unlike the workspace's sealed name, anyone may read it.
   */
  public void setPublicName(WorkspaceId workspace, java.util.Optional<String> name) {
    java.util.Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name.orElse(null));
    http.put("api/v1/workspaces/" + workspace + "/public-name", body);
  }

  /** The log after a rekey, and how many key wraps it took. */
  public record Rekeyed(MembershipLog log, int wraps) {}

  public Invited invite(WorkspaceId workspace, String handle, Role role) {
    MembershipLog log = log(workspace);
    requireOwner(log);
    Identity invitee = contact(handle);
    if (log.member(invitee.account()).isPresent()) {
      throw ClientException.usage("'" + handle + "' is already a member of this workspace");
    }
    InvitationId invitation = InvitationId.random();
    append(log, new MembershipChange.Invite(workspace, invitation, self, invitee,
        role));
    return new Invited(invitation, VerificationCode.of(invitation, self, invitee),
        invitee);
  }

  public Accepted accept(InvitationId invitation) {
    Pending pending = invitations().stream().filter(p -> p.invitation().equals(invitation))
        .findFirst().orElseThrow(() -> ClientException.refused("No open invitation "
            + invitation + " for this account"));
    MembershipLog log = log(pending.workspace());
    Invitation open = log.openInvitations().stream()
        .filter(i -> i.id().equals(invitation)).findFirst()
        .orElseThrow(() -> ClientException.integrity("The membership log of workspace "
            + pending.workspace() + " has no open invitation " + invitation));
    if (!open.invitee().equals(self)) {
      throw ClientException.integrity("Invitation " + invitation + " names other keys than this"
          + " device's: it was not made for you, or the server swapped your keys");
    }
    MembershipLog next = append(log, new MembershipChange.Accept(pending.workspace(),
        invitation));
    String code = VerificationCode.of(invitation, open.inviter(), self);
    return new Accepted(pending.workspace(), "(named once an owner adds you to an epoch)",
        code, open.inviter());
  }

  public int remove(WorkspaceId workspace, String handle) {
    MembershipLog log = log(workspace);
    requireOwner(log);
    AccountId member = memberByHandle(log, handle);
    long epoch = log.currentEpoch() + 1;
    SymmetricKey fresh = SymmetricKey.generate();
    String name = name(log);
    List<EpochWrap> wraps = wraps(log, epoch, Optional.of(member), fresh);
    MembershipLog next = append(log, new MembershipChange.Remove(workspace, member, epoch,
        wraps));
    putName(next, epoch, name, fresh);
    return wraps.size();
  }

  public void changeRole(WorkspaceId workspace, String handle, Role role) {
    MembershipLog log = log(workspace);
    requireOwner(log);
    append(log, new MembershipChange.ChangeRole(workspace, memberByHandle(log, handle), role));
  }

  public void leave(WorkspaceId workspace) {
    MembershipLog log = log(workspace);
    append(log, new MembershipChange.Leave(workspace));
  }

  /** The handle the server gives an account, if the identity it serves is the log's. */
  public String handleOf(Identity member) {
    if (member.equals(self)) {
      return home.requireAccount().handle();
    }
    for (Map.Entry<String, String> c : home.contacts().identities().entrySet()) {
      if (c.getValue().equals(b64(member.encode()))) {
        return c.getKey();
      }
    }
    return accounts.handleOf(member).orElse("account " + member.account()
        + " (the server serves other keys for it)");
  }

  /** Resolves a workspace argument: its id, or its name among the caller's workspaces. */
  public WorkspaceId resolve(String argument) {
    if (argument.matches("[0-9a-f]{32}")) {
      return WorkspaceId.parse(argument);
    }
    List<Summary> matches = list().stream().filter(s -> s.name().equals(argument)).toList();
    if (matches.size() == 1) {
      return matches.get(0).id();
    }
    throw ClientException.usage(matches.isEmpty()
        ? "No workspace of yours is named '" + argument + "' (see 'palermo workspace list')"
        : "Several workspaces are named '" + argument + "': give its id instead");
  }

  /** The identity behind a handle, pinned on first use (see {@link AccountClient#contact}). */
  public Identity contact(String handle) {
    return accounts.contact(handle);
  }

  private AccountId memberByHandle(MembershipLog log, String handle) {
    Identity served = contact(handle);
    Member member = log.member(served.account()).orElseThrow(() -> ClientException.usage(
        "'" + handle + "' is not a member of this workspace"));
    if (!member.identity().equals(served)) {
      throw ClientException.integrity("The server serves other keys for '" + handle + "' than"
          + " the membership log holds");
    }
    return served.account();
  }

  /** Wraps for a new epoch, exactly as the log's rules ask, to the identities the log names. */
  private List<EpochWrap> wraps(MembershipLog log, long epoch, Optional<AccountId> removing,
      SymmetricKey fresh) {
    List<EpochWrap> wraps = new ArrayList<>();
    for (Map.Entry<Long, List<Identity>> need : log.wrapsNeededForNewEpoch(removing)
        .entrySet()) {
      SymmetricKey key = need.getKey() == epoch ? fresh : epochKey(log, need.getKey());
      for (Identity recipient : need.getValue()) {
        wraps.add(EpochWrap.make(key, log.workspace(), need.getKey(), recipient));
      }
    }
    return wraps;
  }

  /** An owner's client names the current epoch if no client did (say, one that was cut off). */
  private void ensureNamed(MembershipLog log, String name) {
    long epoch = log.currentEpoch();
    if (epoch == 1) {
      return;
    }
    for (JsonNode n : http.get("api/v1/workspaces/" + log.workspace() + "/names")
        .path("names")) {
      if (n.path("epoch").asLong() == epoch) {
        return;
      }
    }
    putName(log, epoch, name, epochKey(log, epoch));
  }

  /** Seals the name under a new epoch's key, for members who hold no earlier key. */
  private void putName(MembershipLog log, long epoch, String name, SymmetricKey key) {
    if (name.startsWith("(")) {
      return; // this device could not read the name either
    }
    http.post("api/v1/workspaces/" + log.workspace() + "/names", Map.of("epoch", epoch,
        "sealedName", b64(WorkspaceName.seal(name, key, log.workspace()))));
  }

  private MembershipLog append(MembershipLog log, MembershipChange change) {
    ChainEntry entry;
    try {
      entry = log.append(change, me().signing());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ClientException.usage(e.getMessage());
    }
    http.post("api/v1/workspaces/" + log.workspace() + "/membership",
        Map.of("entry", b64(entry.encode())));
    try {
      MembershipLog next = log.extend(entry);
      pin(log.workspace(), next.head());
      return next;
    } catch (ChainException e) {
      throw new IllegalStateException("an entry this client made does not verify", e);
    }
  }

  private void requireOwner(MembershipLog log) {
    boolean owner = log.member(self.account()).map(m -> m.role().managesMembers())
        .orElse(false);
    if (!owner) {
      throw ClientException.usage("Only an owner of the workspace may do this");
    }
  }

  private void pin(WorkspaceId workspace, ChainHead head) {
    pin(workspace, head, home.workspace(workspace.toString()));
  }

  /** Pins the head; the file is rewritten only when the head moved. */
  private void pin(WorkspaceId workspace, ChainHead head, Optional<Home.WorkspacePin> previous) {
    String hash = HexFormat.of().formatHex(head.hash());
    if (previous.map(p -> p.headSequence() == head.sequence() && p.headHash().equals(hash))
        .orElse(false)) {
      return;
    }
    home.saveWorkspace(workspace.toString(), new Home.WorkspacePin(head.sequence(), hash,
        previous.map(Home.WorkspacePin::documents).orElse(Map.of())));
  }

  private static WorkspaceId parseId(String hex) {
    try {
      return WorkspaceId.parse(hex);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity("The server returned a malformed workspace id");
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] unb64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity("The server returned malformed base64");
    }
  }
}
