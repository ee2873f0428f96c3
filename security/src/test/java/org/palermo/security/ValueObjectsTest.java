package org.palermo.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.passphrase.Argon2idParameters;
import org.palermo.security.seal.SealContext;

/** Equality, hashing and printing of the module's value types. */
class ValueObjectsTest {
    static final String HEX = "000102030405060708090a0b0c0d0e0f";

    @Test
    void ids_sameBytesSameKind_equal_otherKind_notEqual() {
        assertEquals(WorkspaceId.parse(HEX), WorkspaceId.of(WorkspaceId.parse(HEX).toBytes()));
        assertEquals(WorkspaceId.parse(HEX).hashCode(), WorkspaceId.parse(HEX).hashCode());
        assertNotEquals(WorkspaceId.parse(HEX).hashCode(), DocumentId.parse(HEX).hashCode());
        assertNotEquals(WorkspaceId.parse(HEX), DocumentId.parse(HEX));
        assertNotEquals(AccountId.parse(HEX), DeviceId.parse(HEX));
        assertNotEquals(InvitationId.random(), InvitationId.random());
        assertEquals(HEX, DocumentId.parse(HEX).toString());
        assertEquals(HEX, InvitationId.parse(HEX).toString());
        assertEquals(HEX, AccountId.parse(HEX).toString());
        assertNotEquals(WorkspaceId.parse(HEX), null);
        assertThrows(IllegalArgumentException.class, () -> WorkspaceId.parse(HEX + "00"));
        assertThrows(IllegalArgumentException.class, () -> DocumentId.of(new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> InvitationId.parse("zz" + HEX.substring(2)));
    }

    @Test
    void sealContext_sameFields_equal_anyFieldDifferent_notEqual() {
        WorkspaceId ws = WorkspaceId.random();
        DocumentId doc = DocumentId.random();
        SealContext c = SealContext.content(ws, doc, 1);
        assertEquals(c, SealContext.content(ws, doc, 1));
        assertEquals(c.hashCode(), SealContext.content(ws, doc, 1).hashCode());
        assertNotEquals(c, SealContext.metadata(ws, doc, 1));
        assertNotEquals(c, SealContext.original(ws, doc, 1));
        assertNotEquals(SealContext.metadata(ws, doc, 1), SealContext.original(ws, doc, 1));
        assertEquals(SealContext.original(ws, doc, 1), SealContext.original(ws, doc, 1));
        assertNotEquals(c, SealContext.content(WorkspaceId.random(), doc, 1));
        assertNotEquals(c, SealContext.content(ws, DocumentId.random(), 1));
        assertNotEquals(c, SealContext.content(ws, doc, 2));
        assertNotEquals(c, "not a context");
        assertTrue(c.toString().contains(doc.toString()));
        assertThrows(IllegalArgumentException.class, () -> SealContext.content(ws, doc, 0));
        assertThrows(IllegalArgumentException.class, () -> SealContext.original(ws, doc, 0));
    }

    @Test
    void identity_equalityAndPrinting() {
        Identity id = new Identity(AccountId.random(), DeviceId.random(), SigningKeyPair.generate().publicKey(),
                AgreementKeyPair.generate().publicKey());
        Identity same = new Identity(id.account(), id.device(), id.signingKey(), id.agreementKey());
        assertEquals(id, same);
        assertEquals(id.hashCode(), same.hashCode());
        assertEquals(id.fingerprint().hashCode(), same.fingerprint().hashCode());
        assertEquals(id.signingKey().hashCode(), same.signingKey().hashCode());
        assertEquals(id.agreementKey().hashCode(), same.agreementKey().hashCode());
        assertNotEquals(id, "not an identity");
        assertNotEquals(id.fingerprint(), "not a fingerprint");
        assertEquals(id.fingerprint().toString(), java.util.HexFormat.of().formatHex(id.fingerprint().toBytes()));
        assertTrue(id.toString().contains(id.account().toString()));
        assertTrue(id.agreementKey().toString().startsWith("X25519:"));
        assertTrue(id.signingKey().toString().startsWith("Ed25519:"));
    }

    @Test
    void chainHeadAndParameters_equalityAndPrinting() throws Exception {
        ChainHead head = new ChainHead(0, new byte[32]);
        assertEquals(head.hashCode(), new ChainHead(0, new byte[32]).hashCode());
        assertNotEquals(head.hashCode(), new ChainHead(1, new byte[32]).hashCode());
        assertTrue(head.toString().startsWith("0:0000"));
        byte[] salt = new byte[16];
        Argon2idParameters p = Argon2idParameters.of(3, 65536, 1, salt);
        assertEquals(p, Argon2idParameters.of(3, 65536, 1, salt));
        assertEquals(p.hashCode(), Argon2idParameters.of(3, 65536, 1, salt).hashCode());
        assertNotEquals(p, Argon2idParameters.of(4, 65536, 1, salt));
        assertNotEquals(p, "not parameters");
        assertEquals("Argon2id(t=3, m=65536 KiB, p=1)", p.toString());
    }
}
