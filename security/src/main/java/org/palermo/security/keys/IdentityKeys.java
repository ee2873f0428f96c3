package org.palermo.security.keys;

import java.util.Objects;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;

/** The private side of one device of one account: its signing and agreement key pairs. */
public final class IdentityKeys {
    private final AccountId account;
    private final DeviceId device;
    private final SigningKeyPair signing;
    private final AgreementKeyPair agreement;

    public IdentityKeys(AccountId account, DeviceId device, SigningKeyPair signing, AgreementKeyPair agreement) {
        this.account = Objects.requireNonNull(account, "account");
        this.device = Objects.requireNonNull(device, "device");
        this.signing = Objects.requireNonNull(signing, "signing");
        this.agreement = Objects.requireNonNull(agreement, "agreement");
    }

    /** Fresh key pairs for a new device of an account. */
    public static IdentityKeys generate(AccountId account, DeviceId device) {
        return new IdentityKeys(account, device, SigningKeyPair.generate(), AgreementKeyPair.generate());
    }

    public AccountId account() {
        return account;
    }

    public DeviceId device() {
        return device;
    }

    public SigningKeyPair signing() {
        return signing;
    }

    public AgreementKeyPair agreement() {
        return agreement;
    }

    /** The public side, to publish and to fingerprint. */
    public Identity identity() {
        return new Identity(account, device, signing.publicKey(), agreement.publicKey());
    }

    @Override
    public String toString() {
        return "IdentityKeys(" + identity() + ", private parts hidden)";
    }
}
