package org.palermo.security.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Hashes;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.membership.MembershipLog;

/**
 * The audit vectors printed in FORMAT.md, computed with Python's {@code cryptography} 48 from
 * the layouts alone and pinned against the module. The audit log hangs off the membership
 * vectors' genesis entry (the create payload signed with seed 32 x 01, recomputed there too: its
 * hash is the one {@code MembershipFormatVectorTest} pins); the server key is seed 32 x 66.
 */
class AuditFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String WS = "404142434445464748494a4b4c4d4e4f";
    static final String DOC = "505152535455565758595a5b5c5d5e5f";
    static final String S1 = "606162636465666768696a6b6c6d6e6f";
    static final String S2 = "707172737475767778797a7b7c7d7e7f";
    /** Version, kind, workspace, at 1767225600, membership sequence 0. */
    static final String MEMBER = "01%02x" + WS + "000000006955b900" + "0000000000000000";
    static final String MEMBERSHIP_GENESIS = "01" + "0000000000000000" + "00".repeat(32)
            + "44807e09953f471b888aef36a62fc992fedbe0971d74e484f0b969525dafb845" + "00000125"
            + "0101" + WS + "01" + "000102030405060708090a0b0c0d0e0f"
            + "101112131415161718191a1b1c1d1e1f"
            + "01018a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"
            + "0201ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59"
            + "0000002d" + "018888888888888888888888881fcfb623dd7d021696bb24242b10593c8bda81"
            + "8433881c050df8abbfebc43ade" + "00000001" + "0000000000000001"
            + "000102030405060708090a0b0c0d0e0f" + "101112131415161718191a1b1c1d1e1f"
            + "ab".repeat(81)
            + "90244d7d9992282ee7797e59b6d15d3b4647f0df42c37fbe45a5401e95ce931d"
            + "afde145aa1f6cbeea48bfff81efc17b9e62a7f476115f8f7e468d87b56cbb90f";
    static final String MEMBERSHIP_HASH =
            "288aa49fc9221c6846de6b26c98a7f6e82830c6e19e82c86f4635d0b4feecd88";
    static final List<String> PAYLOADS = List.of(
            String.format(MEMBER, 1) + "0000000000000000" + MEMBERSHIP_HASH,
            String.format(MEMBER, 2) + DOC + "0000000000000001" + "44".repeat(32),
            String.format(MEMBER, 3) + DOC + "0000000000000000" + "55".repeat(32),
            String.format(MEMBER, 4) + DOC + "0000000000000001" + "00000002" + S1 + S2,
            String.format(MEMBER, 5) + DOC + "0000000000000001" + "88".repeat(32),
            "0140" + WS + "000000006955b93c" + "01" + DOC + "0000000000000001" + S1,
            "0140" + WS + "000000006955b93c" + "02" + DOC + "0000000000000001" + "00".repeat(16));
    static final List<String> ENTRY_HASHES = List.of(
            "394b4e99545a67401bbc87f26aeb82485d1d80215f99de2ea2c29ed9fdfa19ae",
            "a7c1490236ebc2788211a7f35fdc1524df798b620a525ef4cef0170108485195",
            "e423571569c0bda455b7730497b70a87028768d7fe42f9fef6bc4c01c72066a0",
            "57d2936ff33765ca14f7b626f9271624ab900d9e83577f0c1b243e99301ead3d",
            "04a41d63de0c30364b0311a485a5d9d91ae7de43fc70c1215ff8ee10d140c271",
            "ed9bcae0d3a91792d58ff43c5337890f3757aab57b5538e69215869fe1cff29e",
            "c24aea51244f4b8de17da1917db961adf15b4de4221106806c44b23faeac8158");
    /** The first audit entry, whole: author key id of seed 32 x 01, then its signature. */
    static final String FIRST_ENTRY = "01" + "0000000000000000" + "00".repeat(32)
            + "44807e09953f471b888aef36a62fc992fedbe0971d74e484f0b969525dafb845" + "0000004a"
            + PAYLOADS.get(0)
            + "f932d6b6c40da1a7a633e1de862c6a9188ca722a9420dc210dca932fbeeca920"
            + "dd4ef5f8557a523b155195309225d3d87879aed327e94ed086e9d8998e832108";
    static final int EXPORT_LENGTH = 2102;
    static final String EXPORT_SHA256 =
            "9789647c99aadb06bf632aa09590eee956713f8fb6f9b7ce3b88239013e94607";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void payloadsEntriesAndExport_fixedInputs_matchFormatVectors() throws Exception {
        WorkspaceId ws = WorkspaceId.parse(WS);
        DocumentId doc = DocumentId.parse(DOC);
        AccountId s1 = AccountId.parse(S1);
        Instant at = Instant.ofEpochSecond(1767225600);
        Instant later = at.plusSeconds(60);
        ChainEntry genesis = ChainEntry.decode(HEX.parseHex(MEMBERSHIP_GENESIS));
        assertEquals(MEMBERSHIP_HASH, HEX.formatHex(genesis.hash()));
        MembershipLog membership = MembershipLog.verify(ws, List.of(genesis), null);
        List<AuditEvent> events = List.of(
                new AuditEvent.MembershipChanged(ws, at, 0, ChainHead.of(genesis)),
                new AuditEvent.VersionPut(ws, at, 0, doc, 1, filled(32, 0x44)),
                new AuditEvent.DisclosureChanged(ws, at, 0, doc,
                        new ChainHead(0, filled(32, 0x55))),
                new AuditEvent.KeysGranted(ws, at, 0, doc, 1, List.of(s1, AccountId.parse(S2))),
                new AuditEvent.SignedOff(ws, at, 0, doc, 1, filled(32, 0x88)),
                AuditEvent.ServerObserved.grantFetched(ws, later, doc, 1, s1),
                AuditEvent.ServerObserved.publicReleased(ws, later, doc, 1));
        SigningKeyPair member = SigningKeyPair.fromSeed(filled(32, 0x01),
                InsecureSecretKeyAccess.get());
        SigningKeyPair server = SigningKeyPair.fromSeed(filled(32, 0x66),
                InsecureSecretKeyAccess.get());
        AuditLog log = AuditLog.empty(ws, membership, server.publicKey());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            assertEquals(PAYLOADS.get(i), HEX.formatHex(event.encode()), "payload " + i);
            assertEquals(event, AuditEvent.decode(HEX.parseHex(PAYLOADS.get(i))));
            log = log.extend(log.append(event, event instanceof AuditEvent.ServerObserved
                    ? server : member));
            assertEquals(ENTRY_HASHES.get(i), HEX.formatHex(log.entries().get(i).hash()),
                    "entry hash " + i);
        }
        assertEquals(FIRST_ENTRY, HEX.formatHex(log.entries().get(0).encode()));
        byte[] export = AuditExport.of(log).encode();
        assertEquals(EXPORT_LENGTH, export.length);
        assertEquals(EXPORT_SHA256, HEX.formatHex(Hashes.sha256(export)));
        assertEquals(log.head(), AuditExport.decode(export).verify().head());
    }
}
