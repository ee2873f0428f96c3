package org.palermo.security.sign;

import java.security.SignatureException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.Id128;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.internal.Rng;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;

/**
 * A login challenge: the server picks a random nonce for one account and device; the device
 * signs it under the login-challenge purpose. The server checks freshness ({@link #issuedAt()})
 * and single use; this class gives the canonical bytes and the signature.
 *
 * <p>Encoding: {@code version 0x01 || nonce (32) || account (16) || device (16) || issued at
 * (u64, Unix seconds)}. Guarantee: a signature over one challenge verifies for no other
 * challenge, account, device or purpose.
 */
public final class LoginChallenge {
    public static final int VERSION = 1;
    public static final int NONCE_LENGTH = 32;
    public static final int ENCODED_LENGTH = 1 + NONCE_LENGTH + 2 * Id128.LENGTH + 8;

    private final byte[] nonce;
    private final AccountId account;
    private final DeviceId device;
    private final long issuedAtSeconds;

    private LoginChallenge(byte[] nonce, AccountId account, DeviceId device, long issuedAtSeconds) {
        if (issuedAtSeconds < 0) {
            throw new IllegalArgumentException("issued-at before 1970");
        }
        this.nonce = nonce;
        this.account = Objects.requireNonNull(account, "account");
        this.device = Objects.requireNonNull(device, "device");
        this.issuedAtSeconds = issuedAtSeconds;
    }

    /** A fresh challenge with a random 256-bit nonce. */
    public static LoginChallenge issue(AccountId account, DeviceId device, Instant now) {
        return new LoginChallenge(Rng.bytes(NONCE_LENGTH), account, device, now.getEpochSecond());
    }

    /** Parses the canonical encoding strictly. */
    public static LoginChallenge decode(byte[] encoded) {
        CanonicalReader in = new CanonicalReader(encoded);
        if (in.u8() != VERSION) {
            throw new IllegalArgumentException("unsupported login challenge version");
        }
        byte[] nonce = in.fixed(NONCE_LENGTH);
        AccountId account = AccountId.of(in.fixed(Id128.LENGTH));
        DeviceId device = DeviceId.of(in.fixed(Id128.LENGTH));
        long issuedAt = in.u64();
        in.end();
        return new LoginChallenge(nonce, account, device, issuedAt);
    }

    public byte[] encode() {
        return Canonical.start()
                .u8(VERSION)
                .fixed(nonce, NONCE_LENGTH)
                .fixed(account.toBytes(), Id128.LENGTH)
                .fixed(device.toBytes(), Id128.LENGTH)
                .u64(issuedAtSeconds)
                .toByteArray();
    }

    /** The device's signature over this challenge. */
    public byte[] sign(SigningKeyPair deviceKey) {
        return deviceKey.sign(SignaturePurpose.LOGIN_CHALLENGE, encode());
    }

    /** Checks a signature over this challenge. */
    public void verify(SigningPublicKey deviceKey, byte[] signature) throws SignatureException {
        deviceKey.verify(SignaturePurpose.LOGIN_CHALLENGE, encode(), signature);
    }

    public AccountId account() {
        return account;
    }

    public DeviceId device() {
        return device;
    }

    public Instant issuedAt() {
        return Instant.ofEpochSecond(issuedAtSeconds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LoginChallenge && Arrays.equals(encode(), ((LoginChallenge) other).encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "LoginChallenge(" + account + "/" + device + " at " + issuedAt() + ")";
    }
}
