package org.palermo.server.client;

import java.nio.file.Path;
import java.util.HexFormat;
import org.palermo.client.account.AccountClient;
import org.palermo.client.home.Home;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.Role;
import org.palermo.server.testing.Cli;

/** Entries a malicious server (with an accomplice's keys) writes into a membership log. */
final class Forgery {
  private Forgery() {}

  /** An entry, signed by the account in {@code home}, inviting itself as an owner. */
  static byte[] selfInvite(Cli cli, String workspace, Path home) throws Exception {
    IdentityKeys keys = new AccountClient(null, new Home(home))
        .unlock(Cli.PASSPHRASE.toCharArray());
    byte[] last = cli.bytes("SELECT entry FROM membership_entries WHERE workspace_id = ?"
        + " ORDER BY sequence DESC LIMIT 1", HexFormat.of().parseHex(workspace));
    MembershipChange invite = new MembershipChange.Invite(WorkspaceId.parse(workspace),
        InvitationId.random(), keys.identity(), keys.identity(), Role.OWNER);
    return ChainEntry.next(ChainKind.MEMBERSHIP, ChainEntry.decode(last), keys.signing(),
        invite.encode()).encode();
  }

  /**
   * Plants a document signed by the account in {@code home} (no member): a copy of a real
   * version's manifest under a new id and that author. Returns the planted document's id.
   */
  static String plantDocument(Cli cli, String workspace, String model, byte[] manifest,
      Path home) throws Exception {
    IdentityKeys keys = new AccountClient(null, new Home(home))
        .unlock(Cli.PASSPHRASE.toCharArray());
    DocumentId planted = DocumentId.random();
    DocumentManifest forged = DocumentManifest.decode(manifest).toBuilder().document(planted)
        .author(keys.account()).authorDevice(keys.device()).build();
    byte[] ws = HexFormat.of().parseHex(workspace);
    byte[] id = HexFormat.of().parseHex(planted.toString());
    byte[] modelId = HexFormat.of().parseHex(model);
    cli.update("INSERT INTO documents (workspace_id, id, first_author_id, current_version,"
        + " deleted) VALUES (?, ?, ?, 1, FALSE)", ws, id, keys.account().toBytes());
    byte[] upload = new byte[16];
    new java.security.SecureRandom().nextBytes(upload);
    cli.update("INSERT INTO document_versions (workspace_id, document_id, version, epoch,"
        + " upload_id, manifest, signature, metadata, content_length, original_length,"
        + " created_on) SELECT workspace_id, ?, 1, epoch, ?, ?, ?, metadata, content_length,"
        + " original_length, created_on FROM document_versions WHERE document_id = ?", id,
        upload, forged.encode(), forged.sign(keys.signing()), modelId);
    return planted.toString();
  }

  /**
   * A manifest re-made as {@code version} (parent the one before) and signed by the account in
   * {@code home}; returns the manifest and its signature.
   */
  static byte[][] resignAsVersion(byte[] manifest, long version, Path home) throws Exception {
    IdentityKeys keys = new AccountClient(null, new Home(home))
        .unlock(Cli.PASSPHRASE.toCharArray());
    DocumentManifest m = DocumentManifest.decode(manifest).toBuilder().version(version)
        .parentVersion(version - 1).build();
    return new byte[][] {m.encode(), m.sign(keys.signing())};
  }

  static long nextSequence(Cli cli, String workspace) {
    return cli.strings("SELECT sequence FROM membership_entries WHERE workspace_id = ?",
        HexFormat.of().parseHex(workspace)).size();
  }
}
