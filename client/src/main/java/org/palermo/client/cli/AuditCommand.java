package org.palermo.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.palermo.client.ClientException;
import org.palermo.client.audit.AuditClient;
import org.palermo.security.audit.AuditAuthor;
import org.palermo.security.audit.AuditEvent;
import org.palermo.security.audit.AuditLog;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo audit ...}: a workspace's audit log, verified on this machine (every entry's
 * signature, the hash chain, its rules against the membership log, the head pinned before).
 */
@Command(name = "audit", mixinStandardHelpOptions = true)
final class AuditCommand {
  @ParentCommand PalermoCli root;


  @Command(name = "show", mixinStandardHelpOptions = true)
  int show(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-audit.ws")
      String ws) {
    PalermoCli.Unlocked session = root.unlock();
    WorkspaceId workspace = session.workspaces().resolve(ws);
    AuditLog log = session.audit().log(workspace);
    Map<AccountId, String> names = new HashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < log.events().size(); i++) {
      AuditEvent event = log.events().get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("sequence", i);
      row.put("at", event.at().toString());
      row.put("by", by(session, log.membership(), log.authorOf(i), names, root::value));
      row.put("what", root.value(describe(log.membership(), event)));
      rows.add(row);
    }
    if (root.json()) {
      Map<String, Object> out = new LinkedHashMap<>(summary(log, root::value));
      out.put("entries", rows);
      root.print(out);
      return 0;
    }
    for (Map<String, Object> r : rows) {
      root.terminal().say(Text.of("cmd-audit.row", r.get("sequence"), r.get("at"), r.get("by"),
          r.get("what")));
    }
    root.print(summary(log, root::value));
    return 0;
  }

  @Command(name = "verify", mixinStandardHelpOptions = true)
  int verify(@Parameters(index = "0", paramLabel = "WS", arity = "0..1",
          descriptionKey = "help-audit.ws") String ws,
      @Option(names = "--file", paramLabel = "FILE", descriptionKey = "help-audit.verify-file")
      Path file) {
    if ((ws == null) == (file == null)) {
      throw ClientException.usage(Text.of("cmd-audit.ws-or-file"));
    }
    AuditLog log;
    if (file != null) {
      log = AuditClient.verifyFile(file, root.home());
    } else {
      PalermoCli.Unlocked session = root.unlock();
      log = session.audit().log(session.workspaces().resolve(ws));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verified", true);
    out.putAll(summary(log, root::value));
    root.print(out);
    return 0;
  }

  @Command(name = "export", mixinStandardHelpOptions = true)
  int export(@Parameters(index = "0", paramLabel = "WS", descriptionKey = "help-audit.ws")
      String ws,
      @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
          descriptionKey = "help-audit.export-output") Path output) {
    PalermoCli.Unlocked session = root.unlock();
    AuditLog log = session.audit().export(session.workspaces().resolve(ws), output);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", output.toString());
    out.putAll(summary(log, root::value));
    root.print(out);
    return 0;
  }

  private static Map<String, Object> summary(AuditLog log, Function<Text, String> value) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", log.workspace().toString());
    out.put("entries", log.entries().size());
    out.put("head", log.head().map(h -> h.sequence() + ":"
        + HexFormat.of().formatHex(h.hash())).orElse(value.apply(Text.of("cmd-audit.empty"))));
    out.put("serverKey", HexFormat.of().formatHex(log.serverKey().keyId()));
    return out;
  }

  private static String by(PalermoCli.Unlocked session, MembershipLog membership,
      AuditAuthor author, Map<AccountId, String> names, Function<Text, String> value) {
    if (author instanceof AuditAuthor.Member member) {
      return names.computeIfAbsent(member.account(), a -> membership.members().stream()
          .filter(m -> m.identity().account().equals(a)).findFirst()
          .map(m -> session.workspaces().handleOf(m.identity()))
          .orElseGet(() -> value.apply(Text.of("cmd-audit.former-member", a))));
    }
    return value.apply(Text.of("cmd-audit.server"));
  }

  private static Text describe(MembershipLog membership, AuditEvent event) {
    if (event instanceof AuditEvent.MembershipChanged c) {
      Text kind;
      try {
        kind = kind(MembershipChange.decode(membership.entries()
            .get((int) c.changed().sequence()).payload()));
      } catch (MalformedEntryException e) {
        kind = Text.of("cmd-audit.kind-change");
      }
      return Text.of("cmd-audit.membership", kind, c.changed().sequence());
    } else if (event instanceof AuditEvent.VersionPut v) {
      return Text.of("cmd-audit.version-put", v.version(), v.document());
    } else if (event instanceof AuditEvent.DisclosureChanged d) {
      return Text.of("cmd-audit.disclosure-changed", d.entry().sequence(), d.document());
    } else if (event instanceof AuditEvent.KeysGranted g) {
      return Text.of("cmd-audit.keys-granted", g.version(), g.document(), g.accounts().size());
    } else if (event instanceof AuditEvent.SignedOff s) {
      return Text.of("cmd-audit.signed-off", s.version(), s.document());
    } else if (event instanceof AuditEvent.PluginAction p) {
      return Text.of("cmd-audit.plugin-action", p.plugin(), p.subject(), p.action());
    } else if (event instanceof AuditEvent.ServerObserved o) {
      // An observation always names a document version, and an account exactly when its kind
      // does (AuditEvent.ServerObserved checks both).
      String document = o.document().map(String::valueOf).orElse("");
      String account = o.account().map(String::valueOf).orElse("");
      return switch (o.observation()) {
        case GRANT_FETCHED -> Text.of("cmd-audit.grant-fetched", document, o.version(), account);
        case PUBLIC_RELEASED -> Text.of("cmd-audit.public-released", document, o.version());
        case PUBLIC_WITHDRAWN -> Text.of("cmd-audit.public-withdrawn", document, o.version());
        case UPLOAD_ABANDONED -> Text.of("cmd-audit.upload-abandoned", document, o.version(),
            account);
      };
    }
    return Text.of("cmd-audit.unknown-event", event.getClass().getSimpleName());
  }

  /** The kind of a membership change, as a word. */
  private static Text kind(MembershipChange change) {
    if (change instanceof MembershipChange.Create) {
      return Text.of("cmd-audit.kind-create");
    } else if (change instanceof MembershipChange.Invite) {
      return Text.of("cmd-audit.kind-invite");
    } else if (change instanceof MembershipChange.Accept) {
      return Text.of("cmd-audit.kind-accept");
    } else if (change instanceof MembershipChange.Rekey) {
      return Text.of("cmd-audit.kind-rekey");
    } else if (change instanceof MembershipChange.Remove) {
      return Text.of("cmd-audit.kind-remove");
    } else if (change instanceof MembershipChange.ChangeRole) {
      return Text.of("cmd-audit.kind-changerole");
    } else if (change instanceof MembershipChange.Leave) {
      return Text.of("cmd-audit.kind-leave");
    }
    return Text.of("cmd-audit.kind-other",
        change.getClass().getSimpleName().toLowerCase(Locale.ROOT));
  }
}
