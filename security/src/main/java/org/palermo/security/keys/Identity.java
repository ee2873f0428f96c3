package org.palermo.security.keys;

import java.util.Objects;
import org.palermo.security.Labels;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.Id128;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.internal.Hashes;

/**
 * The public side of one device of one account: account id, device id, Ed25519 signing key and
 * X25519 agreement key. Its fingerprint binds all four, so a key shown under another account's
 * or device's id has another fingerprint (ATTACKS.md class 5).
 */
public final class Identity {
    /** Length of the canonical encoding: two ids and two tagged keys. */
    public static final int ENCODED_LENGTH = 2 * Id128.LENGTH + 2 * KeyType.ENCODED_LENGTH;

    private final AccountId account;
    private final DeviceId device;
    private final SigningPublicKey signingKey;
    private final AgreementPublicKey agreementKey;

    public Identity(AccountId account, DeviceId device, SigningPublicKey signingKey, AgreementPublicKey agreementKey) {
        this.account = Objects.requireNonNull(account, "account");
        this.device = Objects.requireNonNull(device, "device");
        this.signingKey = Objects.requireNonNull(signingKey, "signingKey");
        this.agreementKey = Objects.requireNonNull(agreementKey, "agreementKey");
    }

    public AccountId account() {
        return account;
    }

    public DeviceId device() {
        return device;
    }

    public SigningPublicKey signingKey() {
        return signingKey;
    }

    public AgreementPublicKey agreementKey() {
        return agreementKey;
    }

    /** {@code account(16) || device(16) || tagged Ed25519 key(34) || tagged X25519 key(34)}. */
    public byte[] encode() {
        return Canonical.start()
                .fixed(account.toBytes(), Id128.LENGTH)
                .fixed(device.toBytes(), Id128.LENGTH)
                .fixed(signingKey.encode(), KeyType.ENCODED_LENGTH)
                .fixed(agreementKey.encode(), KeyType.ENCODED_LENGTH)
                .toByteArray();
    }

    /** Parses {@link #encode()}'s output, validating both keys. */
    public static Identity decode(byte[] encoded) throws InvalidKeyEncodingException {
        if (encoded.length != ENCODED_LENGTH) {
            throw new InvalidKeyEncodingException("an identity encoding is " + ENCODED_LENGTH + " bytes");
        }
        CanonicalReader in = new CanonicalReader(encoded);
        AccountId account = AccountId.of(in.fixed(Id128.LENGTH));
        DeviceId device = DeviceId.of(in.fixed(Id128.LENGTH));
        SigningPublicKey signing = SigningPublicKey.decode(in.fixed(KeyType.ENCODED_LENGTH));
        AgreementPublicKey agreement = AgreementPublicKey.decode(in.fixed(KeyType.ENCODED_LENGTH));
        in.end();
        return new Identity(account, device, signing, agreement);
    }

    /** SHA-256 over the fingerprint label and {@link #encode()}. */
    public Fingerprint fingerprint() {
        return new Fingerprint(Hashes.sha256(
                Canonical.start().label(Labels.FINGERPRINT).fixed(encode(), ENCODED_LENGTH).toByteArray()));
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Identity)) {
            return false;
        }
        Identity o = (Identity) other;
        return account.equals(o.account) && device.equals(o.device)
                && signingKey.equals(o.signingKey) && agreementKey.equals(o.agreementKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(account, device, signingKey, agreementKey);
    }

    @Override
    public String toString() {
        return "Identity(account " + account + ", device " + device + ")";
    }
}
