package org.palermo.security.membership;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.InsecureSecretKeyAccess;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.membership.MembershipChange.Accept;
import org.palermo.security.membership.MembershipChange.ChangeRole;
import org.palermo.security.membership.MembershipChange.Create;
import org.palermo.security.membership.MembershipChange.Invite;
import org.palermo.security.membership.MembershipChange.Leave;
import org.palermo.security.membership.MembershipChange.Rekey;
import org.palermo.security.membership.MembershipChange.Remove;

/**
 * The membership vectors printed in FORMAT.md, computed with Python's {@code cryptography} 48
 * from the layouts alone and pinned against the module. Wrapped keys are placeholder bytes (the
 * payload carries them as they are; the HPKE wrap has its own vector).
 */
class MembershipFormatVectorTest {
    static final HexFormat HEX = HexFormat.of();
    static final String WS = "404142434445464748494a4b4c4d4e4f";
    static final String A1 = "000102030405060708090a0b0c0d0e0f";
    static final String D1 = "101112131415161718191a1b1c1d1e1f";
    static final String A2 = "202122232425262728292a2b2c2d2e2f";
    static final String D2 = "303132333435363738393a3b3c3d3e3f";
    static final String INVITATION = "30313233343536373839303132333435";
    /** Account 1, device 1, Ed25519 seed 32 x 01, X25519 private key 32 x 02. */
    static final String ID1 = A1 + D1
            + "01018a88e3dd7409f195fd52db2d3cba5d72ca6709bf1d94121bf3748801b40f6f5c"
            + "0201ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59";
    /** Account 2, device 2, Ed25519 seed 32 x 03, X25519 private key 32 x 04. */
    static final String ID2 = A2 + D2
            + "0101ed4928c628d1c2c6eae90338905995612959273a5c63f93636c14614ac8737d1"
            + "0201ac01b2209e86354fb853237b5de0f4fab13c7fcbf433a61c019369617fecf10b";
    /** "Palermo evidence" under epoch key 32 x 77, nonce 12 x 88. */
    static final String SEALED_NAME = "01888888888888888888888888"
            + "1fcfb623dd7d021696bb24242b10593c8bda818433881c050df8abbfebc43ade";
    static final String CREATE = "0101" + WS + "01" + ID1 + "0000002d" + SEALED_NAME
            + "00000001" + "0000000000000001" + A1 + D1 + "ab".repeat(81);
    static final String INVITE = "0102" + WS + INVITATION + ID1 + ID2 + "02";
    static final String ACCEPT = "0103" + WS + INVITATION;
    static final String REKEY = "0104" + WS + "0000000000000002" + "00000002"
            + "0000000000000002" + A1 + D1 + "cd".repeat(81)
            + "0000000000000002" + A2 + D2 + "ef".repeat(81);
    static final String REMOVE = "0105" + WS + A2 + "0000000000000003" + "00000001"
            + "0000000000000003" + A1 + D1 + "cd".repeat(81);
    static final String CHANGE_ROLE = "0106" + WS + A2 + "04";
    static final String LEAVE = "0107" + WS;
    /** Hash of the genesis entry carrying CREATE, signed with seed 32 x 01. */
    static final String GENESIS_HASH =
            "288aa49fc9221c6846de6b26c98a7f6e82830c6e19e82c86f4635d0b4feecd88";

    static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static Identity identity(String account, String device, int signingSeed, int agreementSeed) {
        return new Identity(AccountId.parse(account), DeviceId.parse(device),
                SigningKeyPair.fromSeed(filled(32, signingSeed), InsecureSecretKeyAccess.get())
                        .publicKey(),
                AgreementKeyPair.fromBytes(filled(32, agreementSeed), InsecureSecretKeyAccess.get())
                        .publicKey());
    }

    static EpochWrap placeholder(long epoch, String account, String device, int fill) {
        return new EpochWrap(epoch, AccountId.parse(account), DeviceId.parse(device),
                filled(81, fill));
    }

    @Test
    void payloads_fixedInputs_matchFormatVectorsAndDecode() throws Exception {
        WorkspaceId ws = WorkspaceId.parse(WS);
        Identity one = identity(A1, D1, 0x01, 0x02);
        Identity two = identity(A2, D2, 0x03, 0x04);
        assertEquals(ID1, HEX.formatHex(one.encode()));
        assertEquals(ID2, HEX.formatHex(two.encode()));
        SymmetricKey epochKey = SymmetricKey.fromBytes(filled(32, 0x77),
                InsecureSecretKeyAccess.get());
        byte[] sealedName = WorkspaceName.seal(" Palermo evidence\n", epochKey, ws,
                filled(12, 0x88));
        assertEquals(SEALED_NAME, HEX.formatHex(sealedName));
        assertEquals("Palermo evidence", WorkspaceName.open(sealedName, epochKey, ws));
        InvitationId invitation = InvitationId.parse(INVITATION);
        List<MembershipChange> changes = List.of(
                new Create(ws, HistoryRule.FULL_HISTORY, one, sealedName,
                        List.of(placeholder(1, A1, D1, 0xab))),
                new Invite(ws, invitation, one, two, Role.EDITOR),
                new Accept(ws, invitation),
                new Rekey(ws, 2, List.of(placeholder(2, A1, D1, 0xcd),
                        placeholder(2, A2, D2, 0xef))),
                new Remove(ws, AccountId.parse(A2), 3, List.of(placeholder(3, A1, D1, 0xcd))),
                new ChangeRole(ws, AccountId.parse(A2), Role.VIEWER),
                new Leave(ws));
        List<String> expected = List.of(CREATE, INVITE, ACCEPT, REKEY, REMOVE, CHANGE_ROLE, LEAVE);
        for (int i = 0; i < changes.size(); i++) {
            assertEquals(expected.get(i), HEX.formatHex(changes.get(i).encode()));
            assertEquals(changes.get(i), MembershipChange.decode(HEX.parseHex(expected.get(i))));
        }
        SigningKeyPair ownerKey = SigningKeyPair.fromSeed(filled(32, 0x01),
                InsecureSecretKeyAccess.get());
        ChainEntry genesis = ChainEntry.genesis(ChainKind.MEMBERSHIP, ownerKey,
                HEX.parseHex(CREATE));
        assertEquals(GENESIS_HASH, HEX.formatHex(genesis.hash()));
        assertArrayEquals(HEX.parseHex(CREATE), genesis.payload());
    }
}
