package org.palermo.security.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.keys.InvalidKeyEncodingException;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.membership.MembershipLog;

/**
 * A workspace's audit log as one self-contained file, verifiable offline: the workspace id, the
 * server's audit signing key, the whole membership log and the whole audit log.
 * {@link #verify()} checks the membership log from its genesis entry, then the audit log against
 * it and the key, exactly as {@link MembershipLog#verify} and {@link AuditLog#verify} do.
 *
 * <p>What a verified export proves: every entry was signed by the key it names, in one unbroken
 * chain per log, and follows the logs' rules. It does not prove whose workspace it is: the file
 * carries its own keys, so a reader compares the owner's fingerprint (the membership log's
 * genesis entry) and the server key with what they know, or passes the heads they pinned to
 * {@link #verify(ChainHead, ChainHead)}; an export cut short is otherwise indistinguishable from
 * an earlier one.
 *
 * <p>Encoding (canonical, FORMAT.md): {@code magic "PALERMO-AUDIT" 0x00 (14) || version 0x01 ||
 * workspace (16) || u32 length || server key (34, the public key encoding) || u32 count ||
 * count x (u32 length || membership entry) || u32 count || count x (u32 length || audit entry)};
 * at most {@link #MAX_ENTRIES} entries per log, each at most {@link #MAX_ENTRY_LENGTH} bytes.
 */
public final class AuditExport {
    /** Format version written after the magic. */
    public static final int VERSION = 1;
    /** Most entries per log in one export. */
    public static final int MAX_ENTRIES = 1_000_000;
    /** Longest entry encoding: a chain entry with the largest payload. */
    public static final int MAX_ENTRY_LENGTH = 1 + 8 + 2 * ChainEntry.HASH_LENGTH + 4
            + ChainEntry.MAX_PAYLOAD + SigningPublicKey.SIGNATURE_LENGTH;
    private static final byte[] MAGIC = "PALERMO-AUDIT\0".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 34;

    private final WorkspaceId workspace;
    private final SigningPublicKey serverKey;
    private final List<ChainEntry> membershipEntries;
    private final List<ChainEntry> auditEntries;

    private AuditExport(WorkspaceId workspace, SigningPublicKey serverKey,
            List<ChainEntry> membershipEntries, List<ChainEntry> auditEntries) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.serverKey = Objects.requireNonNull(serverKey, "serverKey");
        this.membershipEntries = List.copyOf(membershipEntries);
        this.auditEntries = List.copyOf(auditEntries);
        if (this.membershipEntries.size() > MAX_ENTRIES
                || this.auditEntries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " entries per log");
        }
        long length = MAGIC.length + 1 + Id128.LENGTH + 4 + KEY_LENGTH + 4 + 4;
        for (ChainEntry e : this.membershipEntries) {
            length += 4 + entryLength(e);
        }
        for (ChainEntry e : this.auditEntries) {
            length += 4 + entryLength(e);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too large for one export");
        }
    }

    private static long entryLength(ChainEntry entry) {
        return MAX_ENTRY_LENGTH - ChainEntry.MAX_PAYLOAD + entry.payload().length;
    }

    /** The export of a verified log: its workspace, server key, membership log and entries. */
    public static AuditExport of(AuditLog log) {
        return new AuditExport(log.workspace(), log.serverKey(), log.membership().entries(),
                log.entries());
    }

    /**
     * An export of entries as stored, not verified here (the reader verifies).
     *
     * @throws IllegalArgumentException if a log has more than {@link #MAX_ENTRIES} entries or
     *     the whole would not fit in one array
     */
    public static AuditExport of(WorkspaceId workspace, SigningPublicKey serverKey,
            List<ChainEntry> membershipEntries, List<ChainEntry> auditEntries) {
        return new AuditExport(workspace, serverKey, membershipEntries, auditEntries);
    }

    /**
     * Parses an export strictly: magic, version, lengths and counts in range, each entry well
     * formed, no trailing bytes. Signatures and rules are checked by {@link #verify()}.
     *
     * @throws MalformedEntryException for anything but a well-formed export
     */
    public static AuditExport decode(byte[] encoded) throws MalformedEntryException {
        if (encoded == null) {
            throw new MalformedEntryException("malformed audit export");
        }
        try {
            CanonicalReader in = new CanonicalReader(encoded);
            if (!MessageDigest.isEqual(in.fixed(MAGIC.length), MAGIC)) {
                throw new MalformedEntryException("not an audit export");
            }
            if (in.u8() != VERSION) {
                throw new MalformedEntryException("unsupported audit export version");
            }
            WorkspaceId workspace = WorkspaceId.of(in.fixed(Id128.LENGTH));
            SigningPublicKey serverKey;
            try {
                serverKey = SigningPublicKey.decode(in.bytes(KEY_LENGTH));
            } catch (InvalidKeyEncodingException e) {
                throw new MalformedEntryException("audit export: not a server key");
            }
            List<ChainEntry> membership = entries(in, "membership");
            List<ChainEntry> audit = entries(in, "audit");
            in.end();
            return new AuditExport(workspace, serverKey, membership, audit);
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException("malformed audit export (" + e.getMessage() + ")");
        }
    }

    private static List<ChainEntry> entries(CanonicalReader in, String log)
            throws MalformedEntryException {
        long count = in.u32();
        if (count > MAX_ENTRIES) {
            throw new MalformedEntryException("audit export: too many " + log + " entries");
        }
        List<ChainEntry> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            try {
                out.add(ChainEntry.decode(in.bytes(MAX_ENTRY_LENGTH)));
            } catch (MalformedEntryException e) {
                throw new MalformedEntryException("audit export: " + log + " entry " + i + " is "
                        + e.getMessage());
            }
        }
        return out;
    }

    /** The canonical encoding. */
    public byte[] encode() {
        Canonical out = Canonical.start().fixed(MAGIC, MAGIC.length).u8(VERSION)
                .fixed(workspace.toBytes(), Id128.LENGTH).bytes(serverKey.encode())
                .u32(membershipEntries.size());
        for (ChainEntry e : membershipEntries) {
            out.bytes(e.encode());
        }
        out.u32(auditEntries.size());
        for (ChainEntry e : auditEntries) {
            out.bytes(e.encode());
        }
        return out.toByteArray();
    }

    /**
     * Verifies the membership log (no pinned head), then the audit log against it and the
     * server key.
     *
     * @throws ChainException the first error found, in the membership log first
     */
    public AuditLog verify() throws ChainException {
        return verify(null, null);
    }

    /**
     * Verifies as {@link #verify()}, and each log against the head the reader pinned before.
     *
     * @param pinnedMembership the membership log head the reader pinned, or null
     * @param pinnedAudit the audit log head the reader pinned, or null
     * @throws ChainException the first error found, in the membership log first
     */
    public AuditLog verify(ChainHead pinnedMembership, ChainHead pinnedAudit)
            throws ChainException {
        MembershipLog membership = MembershipLog.verify(workspace, membershipEntries,
                pinnedMembership);
        return AuditLog.verify(workspace, membership, serverKey, auditEntries, pinnedAudit);
    }

    public WorkspaceId workspace() {
        return workspace;
    }

    /** The server key the export names, to compare with the one the reader knows. */
    public SigningPublicKey serverKey() {
        return serverKey;
    }

    /** The membership log's entries, genesis first (unmodifiable). */
    public List<ChainEntry> membershipEntries() {
        return membershipEntries;
    }

    /** The audit log's entries, first first (unmodifiable). */
    public List<ChainEntry> auditEntries() {
        return auditEntries;
    }
}
