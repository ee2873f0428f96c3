package org.palermo.security.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.states.StateCode;

/**
 * The disclosure vectors printed in FORMAT.md, computed with Python's {@code cryptography} 48
 * from the layouts alone and pinned against the module.
 */
class DisclosureFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String PREFIX = "404142434445464748494a4b4c4d4e4f"
            + "505152535455565758595a5b5c5d5e5f" + "0000000000000002";
    static final String SET_LEVEL = "0101" + PREFIX + "0000000000000005" + "000000006955b900"
            + "02" + "00000002" + "4d4558" + "5a5745" + "0000000000000003" + "33".repeat(32);
    static final String APPROVE = "0102" + PREFIX + "0000000000000006" + "000000006955b900";
    static final String FIRST_HASH =
            "2a2968f48e4e8c68a1a0fa7ffb8c61e97d4e9623a26967d1edada8ab58aebd22";
    static final String SECOND_HASH =
            "f6bdfef4ad55bbc4eccd2c75657657da62e11d6216c39c56e44777bbef74fbcc";

    @Test
    void payloadsAndEntries_fixedInputs_matchFormatVectors() throws Exception {
        WorkspaceId ws = WorkspaceId.parse("404142434445464748494a4b4c4d4e4f");
        DocumentId doc = DocumentId.parse("505152535455565758595a5b5c5d5e5f");
        Instant at = Instant.ofEpochSecond(1767225600);
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 0x33);
        DisclosureChange set = new DisclosureChange.SetLevel(ws, doc, 2, 5, at,
                DisclosureLevel.STATES_ONLY, List.of(new StateCode("MEX"), new StateCode("ZWE")),
                new ChainHead(3, hash));
        DisclosureChange approve = new DisclosureChange.Approve(ws, doc, 2, 6, at);
        assertEquals(SET_LEVEL, HEX.formatHex(set.encode()));
        assertEquals(APPROVE, HEX.formatHex(approve.encode()));
        assertEquals(set, DisclosureChange.decode(HEX.parseHex(SET_LEVEL)));
        assertEquals(approve, DisclosureChange.decode(HEX.parseHex(APPROVE)));
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x01);
        SigningKeyPair author = SigningKeyPair.fromSeed(seed, InsecureSecretKeyAccess.get());
        ChainEntry first = ChainEntry.genesis(ChainKind.DISCLOSURE, author, set.encode());
        ChainEntry second = ChainEntry.next(ChainKind.DISCLOSURE, first, author, approve.encode());
        assertEquals(FIRST_HASH, HEX.formatHex(first.hash()));
        assertEquals(SECOND_HASH, HEX.formatHex(second.hash()));
    }
}
