package org.palermo.security.states;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.keys.IdentityKeys;
import org.palermo.security.keys.SigningKeyPair;

/**
 * The public list of State certificates: only the operator writes it, its rules hold, an older
 * list than one pinned is refused, and a client learns what appeared or was revoked since it
 * last looked.
 */
class StateRegistryTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant YEAR = T0.plus(Duration.ofDays(365));
    final SigningKeyPair operator = SigningKeyPair.generate();
    final IdentityKeys mexico = person();
    final IdentityKeys zimbabwe = person();

    static IdentityKeys person() {
        return IdentityKeys.generate(AccountId.random(), DeviceId.random());
    }

    StateCertificate certificate(IdentityKeys who, String handle, String state, Instant from,
            Instant until) {
        return new StateCertificate(who.identity(), handle, new StateCode(state),
                StateFunction.FOCAL_POINT, from, until);
    }

    StateRegistryChange.Certify certify(IdentityKeys who, String state) {
        return new StateRegistryChange.Certify(certificate(who, "fp-" + state.toLowerCase(),
                state, T0, YEAR));
    }

    /** The list grown entry by entry, as the operator's tool and then clients see it. */
    final class Growing {
        final List<ChainEntry> entries = new ArrayList<>();
        StateRegistry registry;

        Growing() throws ChainException {
            entries.add(StateRegistry.genesis(operator, T0));
            registry = StateRegistry.verify(entries, null);
        }

        ChainEntry add(StateRegistryChange change) throws ChainException {
            ChainEntry next = registry.append(operator, change);
            entries.add(next);
            registry = registry.extend(next);
            return next;
        }
    }

    @Test
    void certifiedAccounts_areInForce_untilRevokedOrExpired() throws Exception {
        Growing list = new Growing();
        list.add(certify(mexico, "MEX"));
        list.add(certify(zimbabwe, "ZWE"));
        StateRegistry verified = StateRegistry.verify(list.entries, null);
        Instant now = T0.plus(Duration.ofDays(10));
        assertEquals(List.of("MEX", "ZWE"), verified.inForce(now).stream()
                .map(e -> e.certificate().state().alpha3()).toList());
        assertEquals("fp-mex", verified.inForce(mexico.identity().account(), now).orElseThrow()
                .certificate().handle());
        assertTrue(verified.inForce(mexico.identity().account(), YEAR).isEmpty(), "expired");
        assertTrue(verified.inForce(mexico.identity().account(), T0.minusSeconds(1)).isEmpty());

        list.add(new StateRegistryChange.Revoke(1, now));
        StateRegistry after = StateRegistry.verify(list.entries, verified.head());
        assertTrue(after.inForce(mexico.identity().account(), now).isEmpty(), "revoked");
        assertEquals(List.of("ZWE"), after.inForce(now).stream()
                .map(e -> e.certificate().state().alpha3()).toList());
        assertEquals(now, after.certificates().get(0).revokedAt().orElseThrow());
        assertArrayEquals(operator.publicKey().keyId(), after.operatorKey().keyId());
    }

    @Test
    void changesSince_aPinnedHead_nameWhatAppearedAndWhatWasRevoked() throws Exception {
        Growing list = new Growing();
        list.add(certify(mexico, "MEX"));
        ChainHead seen = list.registry.head();
        list.add(certify(zimbabwe, "ZWE"));
        list.add(new StateRegistryChange.Revoke(1, T0.plusSeconds(60)));
        StateRegistry now = StateRegistry.verify(list.entries, seen);
        StateRegistry.Changes changes = now.changesSince(seen);
        assertEquals(List.of("ZWE"), changes.certified().stream()
                .map(e -> e.certificate().state().alpha3()).toList());
        assertEquals(List.of("MEX"), changes.revoked().stream()
                .map(e -> e.certificate().state().alpha3()).toList());
        assertTrue(now.changesSince(now.head()).isEmpty());
        assertEquals(2, now.changesSince(null).certified().size(), "first look: everything");
    }

    @Test
    void anEntryNotSignedByTheOperator_isRefused_class4() throws Exception {
        Growing list = new Growing();
        SigningKeyPair server = SigningKeyPair.generate();
        ChainEntry injected = ChainEntry.next(ChainKind.STATE_CERTIFICATES, list.entries.get(0),
                server, certify(mexico, "MEX").encode());
        assertInstanceOf(ChainException.WrongAuthor.class,
                assertThrows(ChainException.class, () -> list.registry.extend(injected)));
        List<ChainEntry> served = new ArrayList<>(list.entries);
        served.add(injected);
        assertThrows(ChainException.WrongAuthor.class, () -> StateRegistry.verify(served, null));
        assertThrows(IllegalArgumentException.class,
                () -> list.registry.append(server, certify(mexico, "MEX")));
    }

    @Test
    void aRewrittenCertificate_isRefused_class12() throws Exception {
        Growing list = new Growing();
        list.add(certify(mexico, "MEX"));
        byte[] encoded = list.entries.get(1).encode();
        // The State's code sits in the payload; the signature covers it.
        String text = new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("MEX");
        encoded[at] = 'N';
        encoded[at + 1] = 'L';
        encoded[at + 2] = 'D';
        List<ChainEntry> served = List.of(list.entries.get(0), ChainEntry.decode(encoded));
        assertThrows(ChainException.BadSignature.class, () -> StateRegistry.verify(served, null));
    }

    @Test
    void anOlderListThanThePinnedOne_isARollback_class15() throws Exception {
        Growing list = new Growing();
        list.add(certify(mexico, "MEX"));
        list.add(new StateRegistryChange.Revoke(1, T0.plusSeconds(60)));
        ChainHead pinned = list.registry.head();
        assertThrows(ChainException.Rollback.class,
                () -> StateRegistry.verify(list.entries.subList(0, 2), pinned),
                "hiding the revocation");
    }

    @Test
    void aDifferentOperatorsList_isAFork_ofThePinnedOne() throws Exception {
        Growing list = new Growing();
        ChainHead pinned = list.registry.head();
        SigningKeyPair other = SigningKeyPair.generate();
        List<ChainEntry> replaced = List.of(StateRegistry.genesis(other, T0));
        assertThrows(ChainException.Fork.class, () -> StateRegistry.verify(replaced, pinned));
    }

    @Test
    void rules_openOnce_noOverlappingCertificate_revokeOnlyOnceAndOnlyACertificate()
            throws Exception {
        Growing list = new Growing();
        list.add(certify(mexico, "MEX"));
        assertRule(list, new StateRegistryChange.Open(operator.publicKey(), T0));
        assertRule(list, certify(mexico, "MEX"));
        assertRule(list, new StateRegistryChange.Certify(certificate(mexico, "fp-mex2", "MEX",
                YEAR.minusSeconds(1), YEAR.plus(Duration.ofDays(365)))));
        // A renewal that starts when the first ends is fine.
        list.add(new StateRegistryChange.Certify(certificate(mexico, "fp-mex", "MEX", YEAR,
                YEAR.plus(Duration.ofDays(365)))));
        assertRule(list, new StateRegistryChange.Revoke(5, T0));
        assertRule(list, new StateRegistryChange.Revoke(2 + 100, T0));
        list.add(new StateRegistryChange.Revoke(1, T0.plusSeconds(1)));
        assertRule(list, new StateRegistryChange.Revoke(1, T0.plusSeconds(2)));
        // A revoke that names the revoking entry itself, or the Open entry, revokes nothing.
        assertRule(list, new StateRegistryChange.Revoke(3, T0));
    }

    @Test
    void theFirstEntry_mustOpenTheList() {
        ChainEntry first = ChainEntry.genesis(ChainKind.STATE_CERTIFICATES, operator,
                certify(mexico, "MEX").encode());
        assertThrows(ChainException.Rule.class, () -> StateRegistry.verify(List.of(first), null));
        assertThrows(ChainException.Gap.class, () -> StateRegistry.verify(List.of(), null));
        ChainEntry membership = ChainEntry.genesis(ChainKind.MEMBERSHIP, operator,
                new StateRegistryChange.Open(operator.publicKey(), T0).encode());
        assertThrows(ChainException.BadSignature.class,
                () -> StateRegistry.verify(List.of(membership), null),
                "an entry signed for another chain");
    }

    @Test
    void payloads_roundTrip_andDecodeStrictly() throws Exception {
        StateRegistryChange.Certify c = certify(mexico, "MEX");
        assertEquals(c.certificate(), ((StateRegistryChange.Certify)
                StateRegistryChange.decode(c.encode())).certificate());
        StateRegistryChange.Revoke r = new StateRegistryChange.Revoke(7, T0);
        assertEquals(r, StateRegistryChange.decode(r.encode()));
        byte[] longer = java.util.Arrays.copyOf(c.encode(), c.encode().length + 1);
        assertThrows(MalformedEntryException.class, () -> StateRegistryChange.decode(longer));
        byte[] wrongVersion = c.encode();
        wrongVersion[0] = 2;
        assertThrows(MalformedEntryException.class, () -> StateRegistryChange.decode(wrongVersion));
        byte[] badState = c.encode();
        badState[2 + 100 + 4 + "fp-mex".length()] = 'Q';
        assertThrows(MalformedEntryException.class, () -> StateRegistryChange.decode(badState));
        assertThrows(MalformedEntryException.class, () -> StateRegistryChange.decode(new byte[0]));
        assertThrows(MalformedEntryException.class, () -> StateRegistryChange.decode(null));
    }

    @Test
    void shapes_stateCodesFunctionsAndValidity() {
        assertEquals("MEX", StateCode.parse(" mex ").alpha3());
        assertThrows(IllegalArgumentException.class, () -> StateCode.parse("XXX"));
        assertThrows(IllegalArgumentException.class, () -> StateCode.parse("MX"));
        assertEquals(StateFunction.GOVERNMENTAL_EXPERT, StateFunction.parse("Governmental-Expert"));
        assertThrows(IllegalArgumentException.class, () -> StateFunction.parse("minister"));
        assertThrows(IllegalArgumentException.class, () -> certificate(mexico, "x", "MEX", YEAR, T0));
        assertThrows(IllegalArgumentException.class, () -> certificate(mexico, "", "MEX", T0, YEAR));
        assertThrows(IllegalArgumentException.class,
                () -> certificate(mexico, "x".repeat(65), "MEX", T0, YEAR));
        assertThrows(IllegalArgumentException.class,
                () -> certificate(mexico, "x", "MEX", T0.plusMillis(1), YEAR));
    }

    private void assertRule(Growing list, StateRegistryChange change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> list.registry.append(operator, change), change.toString());
        assertInstanceOf(ChainException.Rule.class, e.getCause(), e.getMessage());
    }
}
