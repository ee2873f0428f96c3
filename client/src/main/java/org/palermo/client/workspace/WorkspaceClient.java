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
import org.palermo.client.i18n.ClientText;
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
import org.palermo.text.Text;

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
        throw ClientException.integrity(Text.of("workspace.key-bundle-mismatch"));
      }
      unlocked = opened;
    }
    return unlocked;
  }

  /**
   * What a person reads in place of a workspace's name that this device holds no key to open
   * yet (an owner's client names it on its next command).
   */
  public static final Text NOT_NAMED_YET = Text.of("workspace.not-named-yet");

  /**
   * A workspace as the caller sees it; its name is empty while this device holds no key that
   * opens it (shown as {@link #NOT_NAMED_YET}).
   */
  public record Summary(WorkspaceId id, Optional<String> name, Role role, long epoch,
      int members) {}

  /** An invitation made: its id and the code both people compare. */
  public record Invited(InvitationId invitation, String code, Identity invitee) {}

  /**
   * An invitation accepted: the workspace and the code. Its name is empty: it can be read once
   * an owner adds this device to an epoch.
   */
  public record Accepted(WorkspaceId workspace, Optional<String> name, String code,
      Identity inviter) {}

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
          () -> ClientException.integrity(Text.of("workspace.listed-but-not-member", id)));
      Optional<String> name = name(log);
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
        throw ClientException.integrity(Text.of("workspace.malformed-invitation"));
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
      throw ClientException.integrity(Text.of("workspace.malformed-entry", workspace));
    }
    Optional<Home.WorkspacePin> pin = home.workspace(workspace.toString());
    ChainHead pinned = pin.map(p -> new ChainHead(p.headSequence(),
        HexFormat.of().parseHex(p.headHash()))).orElse(null);
    MembershipLog log;
    try {
      log = MembershipLog.verify(workspace, entries, pinned);
    } catch (ChainException e) {
      throw ClientException.integrity(Text.of("workspace.membership-log", workspace), e);
    }
    pin(workspace, log.head(), pin);
    return log;
  }

  /**
   * The name of a verified workspace: from the genesis entry (sealed under the epoch-1 key),
   * or, for a member who joined later, from the copy an owner's client sealed under a later
   * epoch's key. A copy that does not open under its epoch's key is refused. Empty when this
   * device holds no key that opens a copy (an owner's client names it on its next command).
   */
  public Optional<String> name(MembershipLog log) {
    Optional<SymmetricKey> first = heldKey(log, 1);
    if (first.isPresent()) {
      return Optional.of(openName(log.sealedName(), first.get(), log.workspace(), 1));
    }
    JsonNode names = http.get("api/v1/workspaces/" + log.workspace() + "/names");
    for (JsonNode n : names.path("names")) {
      long epoch = n.path("epoch").asLong();
      Optional<SymmetricKey> key = heldKey(log, epoch);
      if (key.isPresent()) {
        return Optional.of(openName(unb64(n.path("sealedName").asText()), key.get(),
            log.workspace(), epoch));
      }
    }
    return Optional.empty();
  }

  private static String openName(byte[] sealed, SymmetricKey key, WorkspaceId workspace,
      long epoch) {
    try {
      return WorkspaceName.open(sealed, key, workspace);
    } catch (KeyUnwrapException e) {
      throw ClientException.integrity(Text.of("workspace.name-does-not-open", workspace,
          epoch));
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
          throw ClientException.integrity(Text.of("workspace.epoch-key-does-not-open", epoch,
              log.workspace()));
        }
      }
    }
    throw ClientException.refused(Text.of("workspace.no-epoch-key", epoch, log.workspace()));
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
    Optional<String> name = name(log);
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
      throw ClientException.usage(Text.of("workspace.already-member", handle));
    }
    InvitationId invitation = InvitationId.random();
    append(log, new MembershipChange.Invite(workspace, invitation, self, invitee,
        role));
    return new Invited(invitation, VerificationCode.of(invitation, self, invitee),
        invitee);
  }

  public Accepted accept(InvitationId invitation) {
    Pending pending = invitations().stream().filter(p -> p.invitation().equals(invitation))
        .findFirst().orElseThrow(() -> ClientException.refused(
            Text.of("workspace.no-open-invitation", invitation)));
    MembershipLog log = log(pending.workspace());
    Invitation open = log.openInvitations().stream()
        .filter(i -> i.id().equals(invitation)).findFirst()
        .orElseThrow(() -> ClientException.integrity(Text.of(
            "workspace.invitation-not-in-log", pending.workspace(), invitation)));
    if (!open.invitee().equals(self)) {
      throw ClientException.integrity(Text.of("workspace.invitation-for-other-keys",
          invitation));
    }
    MembershipLog next = append(log, new MembershipChange.Accept(pending.workspace(),
        invitation));
    String code = VerificationCode.of(invitation, open.inviter(), self);
    return new Accepted(pending.workspace(), Optional.empty(), code, open.inviter());
  }

  public int remove(WorkspaceId workspace, String handle) {
    MembershipLog log = log(workspace);
    requireOwner(log);
    AccountId member = memberByHandle(log, handle);
    long epoch = log.currentEpoch() + 1;
    SymmetricKey fresh = SymmetricKey.generate();
    Optional<String> name = name(log);
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

  /**
   * The handle the server gives an account, if the identity it serves is the log's; if not, a
   * note naming the account and saying so, in the language the server is asked to answer in
   * ({@link PalermoHttp#language()}). A handle is data (also in {@code --json} output), so it
   * is returned as it is rather than as a {@link Text}.
   */
  public String handleOf(Identity member) {
    if (member.equals(self)) {
      return home.requireAccount().handle();
    }
    for (Map.Entry<String, String> c : home.contacts().identities().entrySet()) {
      if (c.getValue().equals(b64(member.encode()))) {
        return c.getKey();
      }
    }
    return accounts.handleOf(member).orElseGet(() -> ClientText.render(
        Text.of("workspace.account-keys-differ", member.account()), http.language()));
  }

  /** Resolves a workspace argument: its id, or its name among the caller's workspaces. */
  public WorkspaceId resolve(String argument) {
    if (argument.matches("[0-9a-f]{32}")) {
      return WorkspaceId.parse(argument);
    }
    List<Summary> matches = list().stream()
        .filter(s -> s.name().filter(argument::equals).isPresent()).toList();
    if (matches.size() == 1) {
      return matches.get(0).id();
    }
    throw ClientException.usage(matches.isEmpty()
        ? Text.of("workspace.no-such-name", argument)
        : Text.of("workspace.name-ambiguous", argument));
  }

  /** The identity behind a handle, pinned on first use (see {@link AccountClient#contact}). */
  public Identity contact(String handle) {
    return accounts.contact(handle);
  }

  private AccountId memberByHandle(MembershipLog log, String handle) {
    Identity served = contact(handle);
    Member member = log.member(served.account()).orElseThrow(() -> ClientException.usage(
        Text.of("workspace.not-a-member", handle)));
    if (!member.identity().equals(served)) {
      throw ClientException.integrity(Text.of("workspace.member-keys-differ", handle));
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
  private void ensureNamed(MembershipLog log, Optional<String> name) {
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
  private void putName(MembershipLog log, long epoch, Optional<String> name, SymmetricKey key) {
    if (name.isEmpty()) {
      return; // this device could not read the name either
    }
    http.post("api/v1/workspaces/" + log.workspace() + "/names", Map.of("epoch", epoch,
        "sealedName", b64(WorkspaceName.seal(name.get(), key, log.workspace()))));
  }

  private MembershipLog append(MembershipLog log, MembershipChange change) {
    ChainEntry entry;
    try {
      entry = log.append(change, me().signing());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw ClientException.usage(Text.of("workspace.change-refused", e.getMessage()));
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
      throw ClientException.usage(Text.of("workspace.owners-only"));
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
      throw ClientException.integrity(Text.of("workspace.malformed-workspace-id"));
    }
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] unb64(String text) {
    try {
      return Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw ClientException.integrity(Text.of("workspace.malformed-base64"));
    }
  }
}
