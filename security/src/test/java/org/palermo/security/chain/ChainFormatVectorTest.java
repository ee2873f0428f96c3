package org.palermo.security.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.keys.SigningKeyPair;

/** The chain vector printed in FORMAT.md (Ed25519 is deterministic, so the entries are fixed). */
class ChainFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String KEY_ID_HEX = "e4be25b65e86e24789895d77f07c9368540a1da051823ee1b537d8f28140df5a";
    static final String GENESIS_HEX = "0100000000000000000000000000000000000000000000000000000000000000000000000000000000e4be25b65e86e24789895d77f07c9368540a1da051823ee1b537d8f28140df5a00000006637265617465f7ae0febfd0bd240c36bf53c99066437721f484fe3b33007929f1cb03cba2568579534e8433edbc4c9d0e9c57a7c96db5452666a985c00345a75337b46446b08";
    static final String GENESIS_HASH_HEX = "a6f43e433b6b80d0b0381b6d7fbd0feafa9811654ba1e8ff6bd89026071601e0";
    static final String SECOND_HASH_HEX = "4c97d63753dd19bd8063792df3f863f81b00fb671819e28e6e4f55014e333c96";

    @Test
    void chain_fixedAuthorAndPayloads_matchesFormatVector() throws Exception {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 0x66);
        SigningKeyPair author = SigningKeyPair.fromSeed(seed, InsecureSecretKeyAccess.get());
        ChainEntry genesis = ChainEntry.genesis(ChainKind.MEMBERSHIP, author, "create".getBytes(StandardCharsets.US_ASCII));
        ChainEntry second = ChainEntry.next(ChainKind.MEMBERSHIP, genesis, author, "add".getBytes(StandardCharsets.US_ASCII));
        assertEquals(KEY_ID_HEX, HEX.formatHex(author.publicKey().keyId()));
        assertEquals(GENESIS_HEX, HEX.formatHex(genesis.encode()));
        assertEquals(GENESIS_HASH_HEX, HEX.formatHex(genesis.hash()));
        assertEquals(SECOND_HASH_HEX, HEX.formatHex(second.hash()));
        ChainHead head = new ChainVerifier(ChainKind.MEMBERSHIP, (e, before) -> Optional.of(author.publicKey()))
                .verify(List.of(ChainEntry.decode(HEX.parseHex(GENESIS_HEX)), second), null);
        assertEquals(SECOND_HASH_HEX, HEX.formatHex(head.hash()));
    }
}
