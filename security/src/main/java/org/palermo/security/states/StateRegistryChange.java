package org.palermo.security.states;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.InvalidKeyEncodingException;
import org.palermo.security.keys.SigningPublicKey;

/**
 * One entry's payload in the public list of State certificates. Whether it may stand where it
 * stands is {@link StateRegistry}'s to check; the records check only their own shape.
 *
 * <p>Encoding (canonical, FORMAT.md): {@code version 0x01 || kind (u8) || fields}; kind 1 open
 * {@code operator key (34) || opened at (u64 seconds)}; kind 2 certify {@code identity (100) ||
 * handle (u32 length, UTF-8, 1..64) || State (3 ASCII) || function (u8) || valid from (u64) ||
 * valid until (u64)}; kind 3 revoke {@code certificate entry (u64 sequence) || revoked at (u64)}.
 */
public sealed interface StateRegistryChange permits StateRegistryChange.Open,
        StateRegistryChange.Certify, StateRegistryChange.Revoke {

    /** Format version of the payload. */
    int VERSION = 1;
    /** Length of an encoded signing public key (type tag and 32 bytes). */
    int SIGNING_KEY_LENGTH = 34;

    /** The canonical payload bytes. */
    byte[] encode();

    /**
     * Parses a payload strictly (version, kind, codes, key encodings, lengths, no trailing
     * bytes).
     *
     * @throws MalformedEntryException for any other bytes
     */
    static StateRegistryChange decode(byte[] payload) throws MalformedEntryException {
        if (payload == null) {
            throw new MalformedEntryException("malformed State registry entry");
        }
        try {
            CanonicalReader in = new CanonicalReader(payload);
            if (in.u8() != VERSION) {
                throw new MalformedEntryException("unsupported State registry entry version");
            }
            int kind = in.u8();
            StateRegistryChange change = switch (kind) {
                case Open.KIND -> new Open(SigningPublicKey.decode(in.fixed(SIGNING_KEY_LENGTH)),
                        seconds(in.u64()));
                case Certify.KIND -> new Certify(new StateCertificate(
                        Identity.decode(in.fixed(Identity.ENCODED_LENGTH)),
                        utf8(in.bytes(StateCertificate.MAX_HANDLE_BYTES)),
                        StateCode.decode(in.fixed(3)), StateFunction.fromCode(in.u8()),
                        seconds(in.u64()), seconds(in.u64())));
                case Revoke.KIND -> new Revoke(in.u64(), seconds(in.u64()));
                default -> throw new MalformedEntryException(
                        "unknown State registry entry kind " + kind);
            };
            in.end();
            return change;
        } catch (IllegalArgumentException | InvalidKeyEncodingException e) {
            throw new MalformedEntryException("malformed State registry entry");
        }
    }

    private static Instant seconds(long value) {
        if (value < 0 || value > Instant.MAX.getEpochSecond()) {
            throw new IllegalArgumentException("time out of range");
        }
        return Instant.ofEpochSecond(value);
    }

    private static String utf8(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new IllegalArgumentException("not UTF-8");
        }
        return s;
    }

    private static long wholeSeconds(Instant at) {
        if (at.getNano() != 0 || at.getEpochSecond() < 0) {
            throw new IllegalArgumentException("times are whole seconds after 1970");
        }
        return at.getEpochSecond();
    }

    /** The first entry: the operator's signing key, which signs every entry, and when. */
    record Open(SigningPublicKey operatorKey, Instant openedAt) implements StateRegistryChange {
        static final int KIND = 1;

        public Open {
            Objects.requireNonNull(operatorKey, "operatorKey");
            wholeSeconds(Objects.requireNonNull(openedAt, "openedAt"));
        }

        @Override
        public byte[] encode() {
            return Canonical.start().u8(VERSION).u8(KIND)
                    .fixed(operatorKey.encode(), SIGNING_KEY_LENGTH)
                    .u64(openedAt.getEpochSecond()).toByteArray();
        }
    }

    /** Certifies a State account. */
    record Certify(StateCertificate certificate) implements StateRegistryChange {
        static final int KIND = 2;

        public Certify {
            Objects.requireNonNull(certificate, "certificate");
        }

        @Override
        public byte[] encode() {
            StateCertificate c = certificate;
            return Canonical.start().u8(VERSION).u8(KIND)
                    .fixed(c.identity().encode(), Identity.ENCODED_LENGTH)
                    .bytes(c.handle().getBytes(StandardCharsets.UTF_8))
                    .fixed(c.state().encode(), 3)
                    .u8(c.function().code())
                    .u64(c.validFrom().getEpochSecond())
                    .u64(c.validUntil().getEpochSecond())
                    .toByteArray();
        }
    }

    /** Revokes the certificate made by the entry with sequence {@code certificate}. */
    record Revoke(long certificate, Instant revokedAt) implements StateRegistryChange {
        static final int KIND = 3;

        public Revoke {
            if (certificate < 1) {
                throw new IllegalArgumentException("a certificate entry's sequence is 1 or more");
            }
            wholeSeconds(Objects.requireNonNull(revokedAt, "revokedAt"));
        }

        @Override
        public byte[] encode() {
            return Canonical.start().u8(VERSION).u8(KIND).u64(certificate)
                    .u64(revokedAt.getEpochSecond()).toByteArray();
        }
    }
}
