package org.palermo.plugin.api;

import java.util.List;
import java.util.Optional;

/**
 * Read-only views of what a plugin may know of workspaces (capability {@code read-workspaces}):
 * ids, member handles and roles, document ids, versions and disclosure levels. Never keys,
 * plaintext, titles or the sealed metadata: the server does not have them either. Ids are 32
 * hexadecimal digits; roles are {@code owner}, {@code editor}, {@code contributor},
 * {@code viewer}; levels {@code confidential}, {@code states-only}, {@code public}.
 */
public interface WorkspaceViews {
  /** A workspace the account belongs to, and its role there. */
  record Membership(String workspaceId, String role) {}

  /** A member of a workspace: account id, handle and role. */
  record Member(String accountId, String handle, String role) {}

  /** A document of a workspace: its current version, whether it was removed, its level. */
  record Document(String documentId, long version, boolean removed, String level) {}

  /** The workspaces {@code accountId} belongs to. */
  List<Membership> memberships(String accountId);

  /** The account's role in the workspace, empty when it is not a member. */
  Optional<String> roleOf(String workspaceId, String accountId);

  /** The workspace's members (empty for a workspace that does not exist). */
  List<Member> members(String workspaceId);

  /** The workspace's documents, removed ones included. */
  List<Document> documents(String workspaceId);

  /**
   * A plugin action a member signed into the workspace's audit log (its client appends it
   * before asking for the change): who signed it, for which plugin, on what, and what it says.
   */
  record AuditedAction(String accountId, String plugin, String subject, String action) {}

  /**
   * The entry at {@code sequence} of the workspace's audit log, when it is a member's action for
   * this plugin; empty otherwise (another plugin's actions included). A plugin checks with it that a change was audited before making it.
   */
  default Optional<AuditedAction> auditedAction(String workspaceId, long sequence) {
    return Optional.empty();
  }
}
