package org.palermo.security.states;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainException;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.ChainKind;
import org.palermo.security.chain.ChainVerifier;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;

/**
 * The public list of State certificates, verified from its first entry and replayed: which
 * accounts the operator certified as speaking for which State, and which certificates it
 * revoked. Clients verify it, pin its head and refuse to wrap a key to a State account that is
 * not in it, so the server cannot add a State account of its own (ATTACKS.md class 4), hide a
 * revocation by serving an older list (class 15) or rewrite a certificate (class 12).
 *
 * <p>Rules, checked in order after the chain's own ({@link ChainVerifier},
 * {@link ChainKind#STATE_CERTIFICATES}): entry 0 is an Open naming the operator's signing key
 * and signed by it; every later entry is signed by that key and is a Certify or a Revoke, never
 * an Open. A Certify's account has no unrevoked certificate whose validity overlaps the new one
 * (a renewal starts when the old one ends, or after a revocation). A Revoke names an earlier
 * Certify entry that is not yet revoked.
 *
 * <p>Instances are immutable; {@link #extend} returns a new registry.
 */
public final class StateRegistry {
    /** A certificate and where it stands in the list. */
    public record Entry(long sequence, StateCertificate certificate, Optional<Instant> revokedAt) {
        public Entry {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(revokedAt, "revokedAt");
        }

        /** Certified, not revoked, and {@code at} within its validity. */
        public boolean inForceAt(Instant at) {
            return revokedAt.isEmpty() && certificate.validAt(at);
        }
    }

    /** What changed after a head a client saw before: certificates added, and revoked. */
    public record Changes(List<Entry> certified, List<Entry> revoked) {
        public Changes {
            certified = List.copyOf(certified);
            revoked = List.copyOf(revoked);
        }

        public boolean isEmpty() {
            return certified.isEmpty() && revoked.isEmpty();
        }
    }

    private final List<ChainEntry> entries;
    private final SigningPublicKey operator;
    /** Certificates by the sequence of their Certify entry. */
    private final TreeMap<Long, Entry> certificates;
    /** For each Revoke entry, the sequence of the certificate it revoked. */
    private final TreeMap<Long, Long> revocations;

    private StateRegistry(List<ChainEntry> entries, SigningPublicKey operator,
            TreeMap<Long, Entry> certificates, TreeMap<Long, Long> revocations) {
        this.entries = entries;
        this.operator = operator;
        this.certificates = certificates;
        this.revocations = revocations;
    }

    /**
     * Verifies the whole list (links, signatures, the operator as the only author, the rules)
     * and replays it.
     *
     * @param pinned the head this client verified before, or null on first use
     * @throws ChainException the first error found
     */
    public static StateRegistry verify(List<ChainEntry> entries, ChainHead pinned)
            throws ChainException {
        if (entries.isEmpty()) {
            throw new ChainException.Gap(0, "the list has no first entry");
        }
        StateRegistry registry = open(entries.get(0));
        for (ChainEntry next : entries.subList(1, entries.size())) {
            registry = registry.extend(next);
        }
        ChainVerifier.checkPinned(registry.entries, pinned);
        return registry;
    }

    /** The first entry of a new list: {@code operator}'s key, opened at {@code openedAt}. */
    public static ChainEntry genesis(SigningKeyPair operator, Instant openedAt) {
        return ChainEntry.genesis(ChainKind.STATE_CERTIFICATES, operator,
                new StateRegistryChange.Open(operator.publicKey(), openedAt).encode());
    }

    private static StateRegistry open(ChainEntry first) throws ChainException {
        StateRegistryChange change = decode(first);
        if (!(change instanceof StateRegistryChange.Open open)) {
            throw new ChainException.Rule(first.sequence(), "the first entry opens the list");
        }
        SigningPublicKey operator = open.operatorKey();
        List<ChainEntry> verified = new ArrayList<>();
        new ChainVerifier(ChainKind.STATE_CERTIFICATES, (e, before) -> Optional.of(operator))
                .verifyNext(verified, first);
        return new StateRegistry(List.of(first), operator, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * This list extended by one more entry: only {@code next} is verified.
     *
     * @throws ChainException as {@link #verify}
     */
    public StateRegistry extend(ChainEntry next) throws ChainException {
        new ChainVerifier(ChainKind.STATE_CERTIFICATES, (e, before) -> Optional.of(operator))
                .verifyNext(entries, next);
        long seq = next.sequence();
        TreeMap<Long, Entry> certs = new TreeMap<>(certificates);
        TreeMap<Long, Long> revoked = new TreeMap<>(revocations);
        StateRegistryChange change = decode(next);
        if (change instanceof StateRegistryChange.Certify certify) {
            StateCertificate made = certify.certificate();
            boolean overlaps = certs.values().stream().anyMatch(e -> e.revokedAt().isEmpty()
                    && e.certificate().identity().account().equals(made.identity().account())
                    && e.certificate().validFrom().isBefore(made.validUntil())
                    && made.validFrom().isBefore(e.certificate().validUntil()));
            if (overlaps) {
                throw new ChainException.Rule(seq, "the account already has a certificate"
                        + " for that time; revoke it first");
            }
            certs.put(seq, new Entry(seq, made, Optional.empty()));
        } else if (change instanceof StateRegistryChange.Revoke revoke) {
            Entry target = certs.get(revoke.certificate());
            if (target == null) {
                throw new ChainException.Rule(seq, "revokes no certificate of this list");
            }
            if (target.revokedAt().isPresent()) {
                throw new ChainException.Rule(seq, "the certificate is already revoked");
            }
            certs.put(target.sequence(), new Entry(target.sequence(), target.certificate(),
                    Optional.of(revoke.revokedAt())));
            revoked.put(seq, target.sequence());
        } else {
            throw new ChainException.Rule(seq, "the list is opened only once");
        }
        List<ChainEntry> all = new ArrayList<>(entries.size() + 1);
        all.addAll(entries);
        all.add(next);
        return new StateRegistry(Collections.unmodifiableList(all), operator, certs, revoked);
    }

    /**
     * Makes the next entry, {@code change} signed by the operator, after checking it against the
     * same rules as {@link #verify}.
     *
     * @throws IllegalArgumentException if {@code operator} is not this list's operator key or the
     *     change breaks a rule (the message names it)
     */
    public ChainEntry append(SigningKeyPair operator, StateRegistryChange change) {
        if (!MessageDigest.isEqual(operator.publicKey().keyId(), this.operator.keyId())) {
            throw new IllegalArgumentException("not this list's operator key");
        }
        ChainEntry next = ChainEntry.next(ChainKind.STATE_CERTIFICATES,
                entries.get(entries.size() - 1), operator, change.encode());
        try {
            extend(next);
        } catch (ChainException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return next;
    }

    /** The operator's signing key, from the first entry. */
    public SigningPublicKey operatorKey() {
        return operator;
    }

    public ChainHead head() {
        return ChainHead.of(entries.get(entries.size() - 1));
    }

    /** The verified entries, first to last. */
    public List<ChainEntry> entries() {
        return entries;
    }

    /** Every certificate ever made, in list order, with its revocation if any. */
    public List<Entry> certificates() {
        return List.copyOf(certificates.values());
    }

    /** The account's certificate that is not revoked and valid at {@code at}, if any. */
    public Optional<Entry> inForce(AccountId account, Instant at) {
        return certificates.values().stream()
                .filter(e -> e.inForceAt(at) && e.certificate().identity().account().equals(account))
                .findFirst();
    }

    /** Certificates not revoked and valid at {@code at}, in list order. */
    public List<Entry> inForce(Instant at) {
        return certificates.values().stream().filter(e -> e.inForceAt(at)).toList();
    }

    /**
     * What changed after {@code seen} (a head of this same list, which {@link #verify} checked
     * when it was the pinned head): certificates made after it, and certificates revoked after
     * it, each once.
     *
     * @throws IllegalArgumentException if {@code seen} is beyond this list's head
     */
    public Changes changesSince(ChainHead seen) {
        long after = seen == null ? -1 : seen.sequence();
        if (after >= entries.size()) {
            throw new IllegalArgumentException("the head seen is beyond this list");
        }
        List<Entry> made = certificates.tailMap(after, false).values().stream().toList();
        Map<Long, Entry> revoked = new HashMap<>();
        revocations.tailMap(after, false).values()
                .forEach(cert -> revoked.put(cert, certificates.get(cert)));
        return new Changes(made, revoked.values().stream()
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).toList());
    }

    private static StateRegistryChange decode(ChainEntry entry) throws ChainException {
        try {
            return StateRegistryChange.decode(entry.payload());
        } catch (MalformedEntryException e) {
            throw new ChainException.Rule(entry.sequence(), "not a State registry entry");
        }
    }
}
