package org.palermo.server.plugins;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.palermo.plugin.api.WorkspaceViews;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.disclosure.DisclosureChange;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.membership.Role;

/**
 * The read-only views a plugin with {@code read-workspaces} gets: what the server itself knows
 * in the clear (ids, handles, roles, versions, levels), nothing sealed. Ids that are not 32
 * hexadecimal digits find nothing.
 */
final class PluginViews implements WorkspaceViews {
  private final Jdbi jdbi;
  private final PluginHost.AuditLookup audits;

  PluginViews(Jdbi jdbi, PluginHost.AuditLookup audits) {
    this.jdbi = jdbi;
    this.audits = audits;
  }

  @Override
  public Optional<AuditedAction> auditedAction(String workspaceId, long sequence) {
    Optional<byte[]> ws = id(workspaceId);
    if (ws.isEmpty() || sequence < 0) {
      return Optional.empty();
    }
    try {
      return audits.action(ws.get(), sequence);
    } catch (RuntimeException e) {
      return Optional.empty(); // no such workspace, or its log cannot be read: not audited
    }
  }

  @Override
  public List<Membership> memberships(String accountId) {
    return id(accountId).map(a -> jdbi.withExtension(PluginViewDao.class,
        dao -> dao.memberships(a)).stream().map(m -> new Membership(hex(m.workspaceId()),
            role(m.role()))).toList()).orElse(List.of());
  }

  @Override
  public Optional<String> roleOf(String workspaceId, String accountId) {
    Optional<byte[]> ws = id(workspaceId);
    Optional<byte[]> account = id(accountId);
    if (ws.isEmpty() || account.isEmpty()) {
      return Optional.empty();
    }
    return jdbi.withExtension(PluginViewDao.class, dao -> dao.role(ws.get(), account.get()))
        .map(PluginViews::role);
  }

  @Override
  public List<Member> members(String workspaceId) {
    return id(workspaceId).map(ws -> jdbi.withExtension(PluginViewDao.class,
        dao -> dao.members(ws)).stream().map(m -> new Member(hex(m.accountId()), m.handle(),
            role(m.role()))).toList()).orElse(List.of());
  }

  @Override
  public List<Document> documents(String workspaceId) {
    Optional<byte[]> ws = id(workspaceId);
    if (ws.isEmpty()) {
      return List.of();
    }
    return jdbi.withExtension(PluginViewDao.class, dao -> {
      Map<String, DisclosureLevel> levels = new HashMap<>();
      for (PluginViewDao.EntryRow e : dao.disclosures(ws.get())) {
        try {
          if (DisclosureChange.decode(ChainEntry.decode(e.entry()).payload())
              instanceof DisclosureChange.SetLevel set) {
            levels.put(hex(e.documentId()), set.level());
          }
        } catch (MalformedEntryException broken) {
          // Only verified entries are stored; a broken one says nothing about the level.
        }
      }
      return dao.documents(ws.get()).stream().map(d -> new Document(hex(d.id()),
          d.currentVersion(), d.deleted(), levels.getOrDefault(hex(d.id()),
              DisclosureLevel.CONFIDENTIAL).label())).toList();
    });
  }

  private static String role(int code) {
    return Role.fromCode(code).name().toLowerCase(Locale.ROOT);
  }

  private static String hex(byte[] id) {
    return HexFormat.of().formatHex(id);
  }

  private static Optional<byte[]> id(String hex) {
    if (hex == null || !hex.matches("[0-9a-f]{32}")) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().parseHex(hex));
  }
}
