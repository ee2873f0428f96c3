package org.palermo.security.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.membership.EpochWrap;
import org.palermo.security.membership.HistoryRule;
import org.palermo.security.membership.MembershipChange;
import org.palermo.security.membership.MembershipLog;
import org.palermo.security.membership.Role;
import org.palermo.security.membership.WorkspaceName;

/**
 * The audit export: one file that verifies offline; any byte changed, cut or added is refused,
 * by the decoder or by verification, and never with an unchecked exception.
 */
class AuditExportTest {
    static final Instant AT = Instant.ofEpochSecond(1767225600);
    final WorkspaceId ws = WorkspaceId.random();
    final DocumentId doc = DocumentId.random();
    final IdentityKeys owner = IdentityKeys.generate(AccountId.random(), DeviceId.random());
    final IdentityKeys editor = IdentityKeys.generate(AccountId.random(), DeviceId.random());
    final SigningKeyPair server = SigningKeyPair.generate();

    static MembershipLog add(MembershipLog log, MembershipChange change, IdentityKeys author)
            throws ChainException {
        return log.extend(log.append(change, author.signing()));
    }

    /** Owner and editor; the editor puts a version, the server releases it publicly. */
    AuditLog log() throws ChainException {
        SymmetricKey epochKey = SymmetricKey.generate();
        MembershipChange.Create create = new MembershipChange.Create(ws, HistoryRule.JOIN_ONWARD,
                owner.identity(), WorkspaceName.seal("Coalition", epochKey, ws),
                List.of(EpochWrap.make(epochKey, ws, 1, owner.identity())));
        MembershipLog m = MembershipLog.verify(ws,
                List.of(MembershipLog.genesis(create, owner.signing())), null);
        InvitationId invitation = InvitationId.random();
        m = add(m, new MembershipChange.Invite(ws, invitation, owner.identity(),
                editor.identity(), Role.EDITOR), owner);
        m = add(m, new MembershipChange.Accept(ws, invitation), editor);
        AuditLog log = AuditLog.empty(ws, m, server.publicKey());
        log = log.extend(log.append(new AuditEvent.MembershipChanged(ws, AT, 2, m.head()),
                editor.signing()));
        log = log.extend(log.append(new AuditEvent.VersionPut(ws, AT, 2, doc, 1,
                new byte[32]), editor.signing()));
        return log.extend(log.append(AuditEvent.ServerObserved.publicReleased(ws,
                AT.plusSeconds(60), doc, 1), server));
    }

    /** Refused by decode or by verify with their declared exceptions; never accepted. */
    static void refused(byte[] export, String what) {
        try {
            AuditExport.decode(export).verify();
            fail(what + " was accepted");
        } catch (MalformedEntryException | ChainException e) {
            // refused
        } catch (RuntimeException e) {
            fail(what + ": an unchecked exception escaped", e);
        }
    }

    @Test
    void export_roundTrips_andVerifiesOffline() throws Exception {
        AuditLog log = log();
        AuditExport export = AuditExport.of(log);
        byte[] encoded = export.encode();
        AuditExport decoded = AuditExport.decode(encoded);
        assertArrayEquals(encoded, decoded.encode());
        assertEquals(ws, decoded.workspace());
        assertEquals(server.publicKey(), decoded.serverKey());
        assertEquals(3, decoded.membershipEntries().size());
        assertEquals(3, decoded.auditEntries().size());
        AuditLog verified = decoded.verify();
        assertEquals(log.head(), verified.head());
        assertEquals(log.events(), verified.events());
        assertEquals(log.authors(), verified.authors());
        assertEquals(log.membership().head(), verified.membership().head());
        assertEquals(verified.head(), decoded.verify(log.membership().head(),
                log.head().orElseThrow()).head());
        assertArrayEquals(encoded, AuditExport.of(ws, server.publicKey(),
                log.membership().entries(), log.entries()).encode());
    }

    @Test
    void export_olderThanPinnedHeads_isRollback() throws Exception {
        AuditLog log = log();
        AuditExport shorter = AuditExport.of(ws, server.publicKey(), log.membership().entries(),
                log.entries().subList(0, 2));
        ChainHead pinned = log.head().orElseThrow();
        assertThrows(ChainException.Rollback.class, () -> AuditExport.decode(shorter.encode())
                .verify(null, pinned));
        AuditExport fewerMembers = AuditExport.of(ws, server.publicKey(),
                log.membership().entries().subList(0, 1), List.of());
        assertThrows(ChainException.Rollback.class, () -> fewerMembers.verify(
                log.membership().head(), null));
    }

    @Test
    void export_anyByteChanged_isRefused() throws Exception {
        byte[] encoded = AuditExport.of(log()).encode();
        for (int i = 0; i < encoded.length; i++) {
            byte[] b = encoded.clone();
            b[i] ^= 0x01;
            refused(b, "bit 0 of byte " + i);
        }
        byte[] b = encoded.clone();
        b[b.length - 1] ^= (byte) 0x80;
        refused(b, "the last signature's top bit");
    }

    @Test
    void export_everyTruncationOrExtension_isMalformed() throws Exception {
        byte[] encoded = AuditExport.of(log()).encode();
        for (int n = 0; n < encoded.length; n++) {
            byte[] cut = Arrays.copyOf(encoded, n);
            assertThrows(MalformedEntryException.class, () -> AuditExport.decode(cut),
                    "cut to " + n);
        }
        assertThrows(MalformedEntryException.class,
                () -> AuditExport.decode(Arrays.copyOf(encoded, encoded.length + 1)));
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(null));
    }

    @Test
    void decode_refusesOtherMagicVersionKeyAndCounts() throws Exception {
        byte[] magic = "PALERMO-AUDIT\0".getBytes(StandardCharsets.US_ASCII);
        byte[] key = server.publicKey().encode();
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(Canonical.start()
                .fixed(magic, 14).u8(2).fixed(ws.toBytes(), 16).bytes(key).u32(0).u32(0)
                .toByteArray()), "version 2");
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(Canonical.start()
                .fixed("PALERMO-AUDIX\0".getBytes(StandardCharsets.US_ASCII), 14).u8(1)
                .fixed(ws.toBytes(), 16).bytes(key).u32(0).u32(0).toByteArray()), "magic");
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(Canonical.start()
                .fixed(magic, 14).u8(1).fixed(ws.toBytes(), 16)
                .bytes(Arrays.copyOf(key, 35)).u32(0).u32(0).toByteArray()), "key length");
        byte[] x25519Tagged = key.clone();
        x25519Tagged[0] = 2;
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(Canonical.start()
                .fixed(magic, 14).u8(1).fixed(ws.toBytes(), 16).bytes(x25519Tagged).u32(0)
                .u32(0).toByteArray()), "key type");
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(Canonical.start()
                .fixed(magic, 14).u8(1).fixed(ws.toBytes(), 16).bytes(key)
                .u32(AuditExport.MAX_ENTRIES + 1L).toByteArray()), "too many entries");
        assertThrows(MalformedEntryException.class, () -> AuditExport.decode(Canonical.start()
                .fixed(magic, 14).u8(1).fixed(ws.toBytes(), 16).bytes(key).u32(1)
                .u32(AuditExport.MAX_ENTRY_LENGTH + 1L).toByteArray()), "entry too long");
        AuditExport empty = AuditExport.decode(Canonical.start().fixed(magic, 14).u8(1)
                .fixed(ws.toBytes(), 16).bytes(key).u32(0).u32(0).toByteArray());
        assertThrows(ChainException.Gap.class, empty::verify, "no membership log");
    }

    @Test
    void of_refusesMoreEntriesThanTheFormatAllows() throws Exception {
        AuditLog log = log();
        List<ChainEntry> tooMany = Collections.nCopies(AuditExport.MAX_ENTRIES + 1,
                log.entries().get(0));
        assertThrows(IllegalArgumentException.class, () -> AuditExport.of(ws,
                server.publicKey(), log.membership().entries(), tooMany));
    }
}
