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
 * hash is the one {@code MembershipFormatVectorTest} pins); the server key is seed 32 x 66. The
 * two plugin actions (kind 6) extend those seven entries; the Python that made them recomputed
 * the seven first.
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
    /** Kind 6, at 1767225720, appended after the seven above by the same member. */
    static final List<String> PLUGIN_PAYLOADS = List.of(
            "0106" + WS + "000000006955b978" + "0000000000000000"
                    + "00000011" + "636c75737465722d636865636b6c697374" // cluster-checklist
                    + "00000022" + "636c75737465722d3120747261666669636b696e672d696e2d706572"
                    + "736f6e733a33" // cluster-1 trafficking-in-persons:3
                    + "00000051" + "737461747573206472616674696e673b2061737369676e6565732031"
                    + "3b20646f63756d656e747320313b206e6f74657320" + HEX.formatHex(
                            DOC.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            "0106" + WS + "000000006955b978" + "0000000000000000"
                    + "00000002" + "7831" // x1
                    + "00000013" + "706c616e2064e28099616374696f6e20312e32" // plan d'action 1.2
                    + "00000015" + "7374617475742072c3a964616374696f6e20e29c93");
    static final List<String> PLUGIN_ENTRY_HASHES = List.of(
            "c21299b900d6918a6b0bab4b087e1ce0208fdb5091d142ea0d5c84c52f133369",
            "78ead3ca4128afd368a0fbd7c09233639c6d92ef70c57472b03f0f5ca6ded2d6");
    static final String PLUGIN_ENTRY = "01" + "0000000000000007"
            + "c24aea51244f4b8de17da1917db961adf15b4de4221106806c44b23faeac8158"
            + "44807e09953f471b888aef36a62fc992fedbe0971d74e484f0b969525dafb845" + "000000b2"
            + PLUGIN_PAYLOADS.get(0)
            + "d6c94a78ce410a24c8cf81ec408329259463242ad97d6c7e5a80ec3e42366a64"
            + "649a99ae9c5a512e3271f36709c3a8538c4c0d89a1df3e4388d76f26191c6504";
    static final int PLUGIN_EXPORT_LENGTH = 2658;
    static final String PLUGIN_EXPORT_SHA256 =
            "3a9b69e0888fd8391c02bde566837a02679f7a7303e8b0d9aebc5d350e145dfd";
    static final int EXPORT_LENGTH = 2102;
    static final String EXPORT_SHA256 =
            "9789647c99aadb06bf632aa09590eee956713f8fb6f9b7ce3b88239013e94607";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static final SigningKeyPair MEMBER_KEY = SigningKeyPair.fromSeed(filled(32, 0x01),
            InsecureSecretKeyAccess.get());
    static final SigningKeyPair SERVER_KEY = SigningKeyPair.fromSeed(filled(32, 0x66),
            InsecureSecretKeyAccess.get());

    @Test
    void payloadsEntriesAndExport_fixedInputs_matchFormatVectors() throws Exception {
        AuditLog log = sevenEntries();
        assertEquals(FIRST_ENTRY, HEX.formatHex(log.entries().get(0).encode()));
        byte[] export = AuditExport.of(log).encode();
        assertEquals(EXPORT_LENGTH, export.length);
        assertEquals(EXPORT_SHA256, HEX.formatHex(Hashes.sha256(export)));
        assertEquals(log.head(), AuditExport.decode(export).verify().head());
    }

    @Test
    void pluginActions_afterTheSeven_matchFormatVectors() throws Exception {
        AuditLog log = sevenEntries();
        WorkspaceId ws = WorkspaceId.parse(WS);
        Instant at = Instant.ofEpochSecond(1767225720);
        List<AuditEvent> events = List.of(
                new AuditEvent.PluginAction(ws, at, 0, "cluster-checklist",
                        "cluster-1 trafficking-in-persons:3",
                        "status drafting; assignees 1; documents 1; notes " + DOC),
                new AuditEvent.PluginAction(ws, at, 0, "x1", "plan d\u2019action 1.2",
                        "statut r\u00e9daction \u2713"));
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            assertEquals(PLUGIN_PAYLOADS.get(i), HEX.formatHex(event.encode()), "payload " + i);
            assertEquals(event, AuditEvent.decode(HEX.parseHex(PLUGIN_PAYLOADS.get(i))));
            log = log.extend(log.append(event, MEMBER_KEY));
            assertEquals(PLUGIN_ENTRY_HASHES.get(i), HEX.formatHex(log.entries().get(7 + i)
                    .hash()), "entry hash " + (7 + i));
            assertEquals(new AuditAuthor.Member(AccountId.parse(
                    "000102030405060708090a0b0c0d0e0f")), log.authorOf(7 + i));
        }
        assertEquals(PLUGIN_ENTRY, HEX.formatHex(log.entries().get(7).encode()));
        byte[] export = AuditExport.of(log).encode();
        assertEquals(PLUGIN_EXPORT_LENGTH, export.length);
        assertEquals(PLUGIN_EXPORT_SHA256, HEX.formatHex(Hashes.sha256(export)));
        assertEquals(log.head(), AuditExport.decode(export).verify().head());
    }

    /** The seven entries above, each payload and entry hash checked on the way. */
    static AuditLog sevenEntries() throws Exception {
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
        AuditLog log = AuditLog.empty(ws, membership, SERVER_KEY.publicKey());
        for (int i = 0; i < events.size(); i++) {
            AuditEvent event = events.get(i);
            assertEquals(PAYLOADS.get(i), HEX.formatHex(event.encode()), "payload " + i);
            assertEquals(event, AuditEvent.decode(HEX.parseHex(PAYLOADS.get(i))));
            log = log.extend(log.append(event, event instanceof AuditEvent.ServerObserved
                    ? SERVER_KEY : MEMBER_KEY));
            assertEquals(ENTRY_HASHES.get(i), HEX.formatHex(log.entries().get(i).hash()),
                    "entry hash " + i);
        }
        return log;
    }
}
