package org.palermo.client.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.palermo.client.states.StatesClient;
import org.palermo.security.states.StateCertificate;
import org.palermo.security.states.StateRegistry;
import org.palermo.text.Text;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code palermo states ...}: the public list of certified State accounts. */
@Command(name = "states", mixinStandardHelpOptions = true)
final class StatesCommand {
  @ParentCommand PalermoCli root;

  @Command(name = "list", mixinStandardHelpOptions = true)
  int list(@Option(names = "--all", descriptionKey = "help-states.list-all") boolean all) {
    StatesClient.Seen seen = new StatesClient(root.connect(), root.home(), Clock.systemUTC())
        .fetch();
    Instant now = Instant.now();
    List<StateRegistry.Entry> shown = all ? seen.registry().certificates()
        : seen.registry().inForce(now);
    if (root.json()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("operatorKey", StatesClient.keyId(seen.registry()));
      out.put("head", seen.registry().head().sequence());
      out.put("certificates", views(shown, now));
      out.put("firstLook", seen.firstLook());
      out.put("newSinceLastLook", views(seen.changes().certified(), now));
      out.put("revokedSinceLastLook", views(seen.changes().revoked(), now));
      root.print(out);
      return 0;
    }
    Terminal terminal = root.terminal();
    terminal.say(Text.of("cmd-states.operator-key", StatesClient.keyId(seen.registry())));
    if (shown.isEmpty()) {
      terminal.say(all ? Text.of("cmd-states.none-ever") : Text.of("cmd-states.none-now"));
    }
    shown.forEach(e -> terminal.say(line(e, now)));
    if (!seen.firstLook()) {
      seen.changes().certified().forEach(e -> terminal.say(
          Text.of("cmd-states.new-since-last-look", line(e, now))));
      seen.changes().revoked().forEach(e -> terminal.say(
          Text.of("cmd-states.revoked-since-last-look", line(e, now))));
    }
    return 0;
  }

  static Text line(StateRegistry.Entry e, Instant now) {
    StateCertificate c = e.certificate();
    Text status = e.revokedAt().map(at -> Text.of("cmd-states.revoked-at", at))
        .orElse(c.validAt(now) ? Text.of("cmd-states.valid-until", c.validUntil())
            : now.isBefore(c.validFrom()) ? Text.of("cmd-states.valid-from", c.validFrom())
            : Text.of("cmd-states.expired-at", c.validUntil()));
    return Text.of("cmd-states.certificate-line", c.handle(), c.state(), c.function().label(),
        status, c.identity().fingerprint().toDigits());
  }

  private static List<Map<String, Object>> views(List<StateRegistry.Entry> entries,
      Instant now) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (StateRegistry.Entry e : entries) {
      StateCertificate c = e.certificate();
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("handle", c.handle());
      v.put("accountId", c.identity().account().toString());
      v.put("state", c.state().alpha3());
      v.put("function", c.function().label());
      v.put("validFrom", c.validFrom().toString());
      v.put("validUntil", c.validUntil().toString());
      v.put("revokedAt", e.revokedAt().map(Instant::toString).orElse(null));
      v.put("inForce", e.inForceAt(now));
      v.put("fingerprint", c.identity().fingerprint().toDigits());
      v.put("entry", e.sequence());
      out.add(v);
    }
    return out;
  }
}
