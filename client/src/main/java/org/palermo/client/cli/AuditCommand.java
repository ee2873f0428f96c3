package org.palermo.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code palermo audit ...}: a workspace's audit log, verified on this machine (every entry's
 * signature, the hash chain, its rules against the membership log, the head pinned before).
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "A workspace's audit log: show, verify (exit 3 on any tampering), export a"
        + " file that verifies offline.")
final class AuditCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "show", description = "Every entry, verified: when (to the minute), who"
      + " (a member, or the server for what only it saw) and what; then the head to compare"
      + " with other members over another channel.")
  int show(@Parameters(index = "0", paramLabel = "WS") String ws) {
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
      row.put("by", by(session, log.membership(), log.authorOf(i), names));
      row.put("what", describe(log.membership(), event));
      rows.add(row);
    }
    if (root.json()) {
      Map<String, Object> out = new LinkedHashMap<>(summary(log));
      out.put("entries", rows);
      root.print(out);
      return 0;
    }
    for (Map<String, Object> r : rows) {
      root.terminal().out().println(r.get("sequence") + "  " + r.get("at") + "  " + r.get("by")
          + "  " + r.get("what"));
    }
    root.print(summary(log));
    return 0;
  }

  @Command(name = "verify", description = "Verify the whole log against the membership log and"
      + " the head this device pinned (exit 3 if anything was changed, dropped or reordered);"
      + " --file verifies an export instead, with no server and no account.")
  int verify(@Parameters(index = "0", paramLabel = "WS", arity = "0..1") String ws,
      @Option(names = "--file", paramLabel = "FILE", description = "An export to verify"
          + " offline") Path file) {
    if ((ws == null) == (file == null)) {
      throw ClientException.usage("Give WS, or --file FILE");
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
    out.putAll(summary(log));
    root.print(out);
    return 0;
  }

  @Command(name = "export", description = "Write the verified log, with the membership log it is"
      + " checked against, to a file that 'palermo audit verify --file' checks offline.")
  int export(@Parameters(index = "0", paramLabel = "WS") String ws,
      @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE") Path output) {
    PalermoCli.Unlocked session = root.unlock();
    AuditLog log = session.audit().export(session.workspaces().resolve(ws), output);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("file", output.toString());
    out.putAll(summary(log));
    root.print(out);
    return 0;
  }

  private static Map<String, Object> summary(AuditLog log) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("workspace", log.workspace().toString());
    out.put("entries", log.entries().size());
    out.put("head", log.head().map(h -> h.sequence() + ":"
        + HexFormat.of().formatHex(h.hash())).orElse("(empty)"));
    out.put("serverKey", HexFormat.of().formatHex(log.serverKey().keyId()));
    return out;
  }

  private static String by(PalermoCli.Unlocked session, MembershipLog membership,
      AuditAuthor author, Map<AccountId, String> names) {
    if (author instanceof AuditAuthor.Member member) {
      return names.computeIfAbsent(member.account(), a -> membership.members().stream()
          .filter(m -> m.identity().account().equals(a)).findFirst()
          .map(m -> session.workspaces().handleOf(m.identity()))
          .orElse("former member " + a));
    }
    return "server";
  }

  private static String describe(MembershipLog membership, AuditEvent event) {
    if (event instanceof AuditEvent.MembershipChanged c) {
      String kind;
      try {
        kind = MembershipChange.decode(membership.entries().get((int) c.changed().sequence())
            .payload()).getClass().getSimpleName().toLowerCase(Locale.ROOT);
      } catch (MalformedEntryException e) {
        kind = "change";
      }
      return "membership " + kind + " (entry " + c.changed().sequence() + ")";
    } else if (event instanceof AuditEvent.VersionPut v) {
      return "put version " + v.version() + " of " + v.document();
    } else if (event instanceof AuditEvent.DisclosureChanged d) {
      return "disclosure entry " + d.entry().sequence() + " of " + d.document();
    } else if (event instanceof AuditEvent.KeysGranted g) {
      return "granted the key of version " + g.version() + " of " + g.document() + " to "
          + g.accounts().size() + " State account(s)";
    } else if (event instanceof AuditEvent.SignedOff s) {
      return "signed off version " + s.version() + " of " + s.document();
    } else if (event instanceof AuditEvent.PluginAction p) {
      return "plugin " + p.plugin() + ": " + p.subject() + ": " + p.action();
    } else if (event instanceof AuditEvent.ServerObserved o) {
      return o.observation().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + o.document().map(d -> " " + d + " v" + o.version()).orElse("")
          + o.account().map(a -> " by " + a).orElse("");
    }
    return event.getClass().getSimpleName();
  }
}
