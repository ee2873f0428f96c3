package org.palermo.security.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.manifest.DocumentManifest;
import org.palermo.security.manifest.ManifestKind;

/**
 * Audit payloads: each kind round-trips, builds only in its own shape, and decodes strictly;
 * no truncated or changed payload escapes as anything but {@link MalformedEntryException}, and
 * every payload that decodes is the one encoding of its event.
 */
class AuditEventTest {
    static final Instant AT = Instant.ofEpochSecond(1767225600);
    static final WorkspaceId WS = WorkspaceId.random();
    static final DocumentId DOC = DocumentId.random();
    static final AccountId STATE = AccountId.random();

    static byte[] filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static List<AuditEvent> oneOfEach() {
        return List.of(
                new AuditEvent.MembershipChanged(WS, AT, 3, new ChainHead(4, filled(0x11))),
                new AuditEvent.VersionPut(WS, AT, 4, DOC, 2, filled(0x22)),
                new AuditEvent.DisclosureChanged(WS, AT, 4, DOC, new ChainHead(0, filled(0x33))),
                new AuditEvent.KeysGranted(WS, AT, 4, DOC, 2, List.of(STATE, AccountId.random())),
                new AuditEvent.SignedOff(WS, AT, 4, DOC, 2, filled(0x44)),
                new AuditEvent.PluginAction(WS, AT, 4, "cluster-checklist",
                        "cluster-1 trafficking-in-persons:3", "status drafting; assignees 1"),
                AuditEvent.ServerObserved.grantFetched(WS, AT, DOC, 2, STATE),
                AuditEvent.ServerObserved.publicReleased(WS, AT, DOC, 2),
                AuditEvent.ServerObserved.publicWithdrawn(WS, AT, DOC, 2),
                AuditEvent.ServerObserved.uploadAbandoned(WS, AT, DOC, 3, STATE));
    }

    /** Decodes, or refuses with the declared exception only. */
    static Optional<AuditEvent> decodeOrRefuse(byte[] payload) {
        try {
            return Optional.of(AuditEvent.decode(payload));
        } catch (MalformedEntryException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return fail("an unchecked exception escaped for " + java.util.HexFormat.of()
                    .formatHex(payload), e);
        }
    }

    @Test
    void everyKind_roundTrips_andEqualsByValue() throws Exception {
        for (AuditEvent event : oneOfEach()) {
            byte[] encoded = event.encode();
            AuditEvent decoded = AuditEvent.decode(encoded);
            assertEquals(event, decoded);
            assertEquals(event.hashCode(), decoded.hashCode());
            assertEquals(event.toString(), decoded.toString());
            assertArrayEquals(encoded, decoded.encode());
            assertEquals(event.getClass(), decoded.getClass());
        }
        assertNotEquals(new AuditEvent.VersionPut(WS, AT, 4, DOC, 2, filled(0x22)),
                new AuditEvent.VersionPut(WS, AT, 4, DOC, 2, filled(0x23)));
        assertNotEquals(new AuditEvent.SignedOff(WS, AT, 4, DOC, 2, filled(0x22)),
                new AuditEvent.VersionPut(WS, AT, 4, DOC, 2, filled(0x22)));
    }

    @Test
    void versionPut_ofAManifest_namesItsWorkspaceDocumentVersionAndHash() throws Exception {
        DocumentManifest tombstone = DocumentManifest.builder().workspace(WS).document(DOC)
                .version(5).kind(ManifestKind.TOMBSTONE).author(STATE)
                .authorDevice(DeviceId.random()).epoch(2).membershipSequence(10)
                .disclosure(DisclosureLevel.CONFIDENTIAL).createdAt(1_767_225_601L).build();
        AuditEvent.VersionPut put = AuditEvent.VersionPut.of(AT, 10, tombstone);
        assertEquals(WS, put.workspace());
        assertEquals(DOC, put.document());
        assertEquals(5, put.version());
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(tombstone.encode()),
                put.manifestHash());
        assertTrue(put.names(tombstone));
        assertFalse(put.names(tombstone.toBuilder().membershipSequence(11).build()));
        assertFalse(new AuditEvent.VersionPut(WS, AT, 10, DOC, 4, put.manifestHash())
                .names(tombstone));
        assertEquals(put, AuditEvent.decode(put.encode()));
    }

    @Test
    void hashes_areCopiedInAndOut() {
        byte[] hash = filled(0x22);
        AuditEvent.VersionPut put = new AuditEvent.VersionPut(WS, AT, 4, DOC, 2, hash);
        AuditEvent.SignedOff off = new AuditEvent.SignedOff(WS, AT, 4, DOC, 2, hash);
        hash[0] = 0;
        put.manifestHash()[1] = 0;
        off.signOffHash()[1] = 0;
        assertArrayEquals(filled(0x22), put.manifestHash());
        assertArrayEquals(filled(0x22), off.signOffHash());
    }

    @Test
    void constructors_refuseWhatTheFormatCannotSay() {
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.VersionPut(WS,
                AT.plusSeconds(30), 4, DOC, 2, filled(1)), "not a whole minute");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.VersionPut(WS,
                AT.plusNanos(1), 4, DOC, 2, filled(1)), "not a whole second");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.VersionPut(WS,
                Instant.ofEpochSecond(-60), 4, DOC, 2, filled(1)), "before 1970");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.VersionPut(WS, AT,
                -1, DOC, 2, filled(1)), "negative membership sequence");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.VersionPut(WS, AT,
                4, DOC, 0, filled(1)), "version 0");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.VersionPut(WS, AT,
                4, DOC, 2, new byte[31]), "short hash");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.SignedOff(WS, AT,
                4, DOC, 2, new byte[33]), "long hash");
        assertThrows(NullPointerException.class, () -> new AuditEvent.MembershipChanged(WS,
                AT, 4, null));
        assertThrows(NullPointerException.class, () -> new AuditEvent.DisclosureChanged(null,
                AT, 4, DOC, new ChainHead(0, filled(1))));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.KeysGranted(WS, AT,
                4, DOC, 2, List.of()), "no account");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.KeysGranted(WS, AT,
                4, DOC, 2, List.of(STATE, STATE)), "an account twice");
        List<AccountId> many = new ArrayList<>();
        for (int i = 0; i <= AuditEvent.MAX_ACCOUNTS; i++) {
            many.add(AccountId.random());
        }
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.KeysGranted(WS, AT,
                4, DOC, 2, many), "too many accounts");
        assertEquals(AuditEvent.MAX_ACCOUNTS, new AuditEvent.KeysGranted(WS, AT, 4, DOC, 2,
                many.subList(0, AuditEvent.MAX_ACCOUNTS)).accounts().size());
    }

    static AuditEvent.PluginAction action(String plugin, String subject, String action) {
        return new AuditEvent.PluginAction(WS, AT, 4, plugin, subject, action);
    }

    static byte[] pluginPayload(int kind, byte[] plugin, byte[] subject, byte[] action) {
        return Canonical.start().u8(1).u8(kind).fixed(WS.toBytes(), 16).u64(AT.getEpochSecond())
                .u64(4).bytes(plugin).bytes(subject).bytes(action).toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void pluginAction_roundTrips_utf8AndTheLongestFields() throws Exception {
        String longest = "\u00e9".repeat(100); // 200 bytes of UTF-8
        AuditEvent.PluginAction a = action("a" + "-9".repeat(19) + "z", longest,
                "x".repeat(199) + "y");
        assertEquals(40, a.plugin().length());
        byte[] encoded = a.encode();
        assertEquals(a, AuditEvent.decode(encoded));
        assertArrayEquals(encoded, AuditEvent.decode(encoded).encode());
        assertArrayEquals(pluginPayload(6, utf8(a.plugin()), utf8(longest), utf8(a.action())),
                encoded);
        AuditEvent.PluginAction b = action("ab", "\u6e08 \ud83d\ude00", "s");
        assertEquals(b, AuditEvent.decode(b.encode()));
        assertEquals(b.hashCode(), AuditEvent.decode(b.encode()).hashCode());
        assertEquals(b.toString(), AuditEvent.decode(b.encode()).toString());
        assertTrue(b.toString().contains("plugin=ab"), b.toString());
        assertNotEquals(b, action("ab", "\u6e08 \ud83d\ude00", "t"));
    }

    @Test
    void pluginAction_everyLimit_refusedWhenBuilt() {
        for (String plugin : new String[] {"a", "A1", "1a", "-a", "ab_c", "ab c", "\u00e9a",
                "a" + "b".repeat(40), ""}) {
            assertThrows(IllegalArgumentException.class, () -> action(plugin, "s", "a"),
                    "plugin " + plugin);
        }
        for (String text : new String[] {"", "x".repeat(201), "\u00e9".repeat(100) + "x",
                "a\nb", "a\tb", "\u0000", "a\u007f", "a\u0085", "a\u009b[2J", "\ud800",
                "a\udc00b"}) {
            assertThrows(IllegalArgumentException.class, () -> action("ab", text, "a"),
                    "subject " + text);
            assertThrows(IllegalArgumentException.class, () -> action("ab", "s", text),
                    "action " + text);
        }
        assertThrows(NullPointerException.class, () -> action(null, "s", "a"));
        assertThrows(NullPointerException.class, () -> action("ab", null, "a"));
        assertThrows(NullPointerException.class, () -> action("ab", "s", null));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.PluginAction(WS,
                AT.plusSeconds(1), 4, "ab", "s", "a"), "not a whole minute");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.PluginAction(WS, AT,
                -1, "ab", "s", "a"), "negative membership sequence");
    }

    @Test
    void pluginAction_everyLimit_refusedWhenDecoded() {
        byte[] ok = utf8("ok");
        assertEquals(Optional.of(action("ok", "ok", "ok")),
                decodeOrRefuse(pluginPayload(6, ok, ok, ok)));
        List<byte[]> plugins = List.of(utf8("a"), utf8("A1"), utf8("a_b"), new byte[0],
                utf8("a" + "b".repeat(40)), new byte[] {'a', (byte) 0xc3, (byte) 0xa9});
        for (byte[] plugin : plugins) {
            assertEquals(Optional.empty(), decodeOrRefuse(pluginPayload(6, plugin, ok, ok)));
        }
        List<byte[]> texts = List.of(new byte[0], utf8("x".repeat(201)),
                utf8("\u00e9".repeat(100) + "x"), utf8("a\nb"), utf8("\u009b"),
                new byte[] {'a', (byte) 0xff}, // not UTF-8
                new byte[] {(byte) 0xc0, (byte) 0xaf}, // overlong '/'
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // an encoded surrogate
                new byte[] {(byte) 0xc3}); // cut short
        for (byte[] text : texts) {
            assertEquals(Optional.empty(), decodeOrRefuse(pluginPayload(6, ok, text, ok)));
            assertEquals(Optional.empty(), decodeOrRefuse(pluginPayload(6, ok, ok, text)));
        }
        byte[] huge = Canonical.start().u8(1).u8(6).fixed(WS.toBytes(), 16)
                .u64(AT.getEpochSecond()).u64(4).u32(0xffffffffL).toByteArray();
        assertEquals(Optional.empty(), decodeOrRefuse(huge), "a length beyond the payload");
    }

    @Test
    void kind7_theNextUnassigned_isRefused() {
        byte[] ok = utf8("ok");
        assertThrows(MalformedEntryException.class,
                () -> AuditEvent.decode(pluginPayload(7, ok, ok, ok)));
        byte[] action = action("ok", "ok", "ok").encode();
        action[1] = 7;
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(action));
    }

    @Test
    void serverObserved_namesADocumentVersion_andAnAccountExactlyWhenItsObservationDoes() {
        AccountId zero = AccountId.of(new byte[16]);
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.ServerObserved(WS, AT,
                Observation.PUBLIC_RELEASED, Optional.empty(), 0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.ServerObserved(WS, AT,
                Observation.PUBLIC_RELEASED, Optional.of(DOC), 0, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.ServerObserved(WS, AT,
                Observation.PUBLIC_RELEASED, Optional.of(DocumentId.of(new byte[16])), 1,
                Optional.empty()), "an all-zero id means none");
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.ServerObserved(WS, AT,
                Observation.PUBLIC_RELEASED, Optional.of(DOC), 1, Optional.of(STATE)));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.ServerObserved(WS, AT,
                Observation.GRANT_FETCHED, Optional.of(DOC), 1, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new AuditEvent.ServerObserved(WS, AT,
                Observation.UPLOAD_ABANDONED, Optional.of(DOC), 1, Optional.of(zero)));
        assertThrows(IllegalArgumentException.class, () -> AuditEvent.ServerObserved
                .grantFetched(WS, AT.plusSeconds(59), DOC, 1, STATE));
        for (Observation o : Observation.values()) {
            assertEquals(o, Observation.fromCode(o.code()));
        }
        assertThrows(IllegalArgumentException.class, () -> Observation.fromCode(0));
        assertThrows(IllegalArgumentException.class, () -> Observation.fromCode(5));
    }

    @Test
    void decode_refusesOtherVersionsKindsCodesTimesAndTrailingBytes() {
        byte[] put = oneOfEach().get(1).encode();
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(null));
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(new byte[0]));
        assertThrows(MalformedEntryException.class,
                () -> AuditEvent.decode(Arrays.copyOf(put, put.length + 1)));
        for (int version : new int[] {0, 2, 0xff}) {
            byte[] b = put.clone();
            b[0] = (byte) version;
            assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(b));
        }
        for (int kind : new int[] {0, 7, 63, 65, 0xff}) {
            byte[] b = put.clone();
            b[1] = (byte) kind;
            assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(b),
                    "kind " + kind);
        }
        byte[] observed = oneOfEach().get(7).encode();
        for (int code : new int[] {0, 5, 0xff}) {
            byte[] b = observed.clone();
            b[2 + 16 + 8] = (byte) code;
            assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(b),
                    "observation " + code);
        }
        byte[] secondLater = put.clone();
        secondLater[2 + 16 + 7] += 1;
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(secondLater));
        byte[] farFuture = put.clone();
        Arrays.fill(farFuture, 2 + 16, 2 + 16 + 8, (byte) 0x7f);
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(farFuture));
        byte[] negative = put.clone();
        negative[2 + 16] = (byte) 0x80;
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(negative));
    }

    @Test
    void decode_keysGrantedCountOutOfRange_refusedBeforeReadingOn() {
        Canonical head = Canonical.start().u8(1).u8(4).fixed(WS.toBytes(), 16)
                .u64(AT.getEpochSecond()).u64(4).fixed(DOC.toBytes(), 16).u64(2);
        assertThrows(MalformedEntryException.class,
                () -> AuditEvent.decode(head.u32(AuditEvent.MAX_ACCOUNTS + 1).toByteArray()));
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(Canonical.start()
                .u8(1).u8(4).fixed(WS.toBytes(), 16).u64(AT.getEpochSecond()).u64(4)
                .fixed(DOC.toBytes(), 16).u64(2).u32(0).toByteArray()), "no account");
        assertThrows(MalformedEntryException.class, () -> AuditEvent.decode(Canonical.start()
                .u8(1).u8(4).fixed(WS.toBytes(), 16).u64(AT.getEpochSecond()).u64(4)
                .fixed(DOC.toBytes(), 16).u64(2).u32(2).fixed(STATE.toBytes(), 16)
                .fixed(STATE.toBytes(), 16).toByteArray()), "an account twice");
    }

    @Test
    void decode_everyTruncation_isRefusedCleanly() {
        for (AuditEvent event : oneOfEach()) {
            byte[] encoded = event.encode();
            for (int n = 0; n < encoded.length; n++) {
                assertEquals(Optional.empty(), decodeOrRefuse(Arrays.copyOf(encoded, n)),
                        event + " cut to " + n);
            }
        }
    }

    @Test
    void decode_changedBytes_refusedCleanlyOrTheOneEncodingOfAnotherEvent() {
        int decoded = 0;
        for (AuditEvent event : oneOfEach()) {
            byte[] encoded = event.encode();
            for (int i = 0; i < encoded.length; i++) {
                for (int v : new int[] {0x00, 0x01, 0x3c, 0x40, 0x80, 0xff}) {
                    byte[] b = encoded.clone();
                    b[i] ^= (byte) v;
                    Optional<AuditEvent> out = decodeOrRefuse(b);
                    if (out.isPresent()) {
                        assertArrayEquals(b, out.get().encode(), "one value, one encoding");
                        decoded++;
                    }
                }
            }
        }
        // Most fields carry any value (ids, hashes, sequences), so most changes still decode.
        assertTrue(decoded > 1000, "decoded " + decoded);
    }

    @Test
    void decode_randomPayloads_neverEscapeUnchecked() {
        java.util.Random random = new java.util.Random(20260101);
        List<byte[]> seeds = new ArrayList<>();
        for (AuditEvent event : oneOfEach()) {
            seeds.add(event.encode());
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            byte[] b = Arrays.copyOf(seed, Math.max(0, seed.length + random.nextInt(9) - 4));
            for (int k = random.nextInt(4); k >= 0 && b.length > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            decodeOrRefuse(b).ifPresent(e -> assertArrayEquals(b, e.encode()));
        }
        for (int i = 0; i < 256; i++) {
            byte[] junk = new byte[random.nextInt(128)];
            random.nextBytes(junk);
            decodeOrRefuse(junk);
        }
    }
}
