package org.palermo.security.membership;

import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.keys.AgreementKeyPair;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.SymmetricKey;
import org.palermo.security.wrap.KeyUnwrapException;
import org.palermo.security.wrap.KeyWrap;
import org.palermo.security.wrap.WrapInfo;

/**
 * One epoch key of a workspace, HPKE-wrapped ({@link KeyWrap}) to one device of one member,
 * as a membership entry carries it. The HPKE info binds workspace, epoch, account and device
 * ({@link WrapInfo#epochKey}), so a wrap moved to another epoch, member or workspace does not
 * open. Which wraps an entry must carry is the membership log's rule; that the bytes really
 * are wrapped to the named device's key only that device can tell, by opening them.
 *
 * <p>Encoding in a membership entry (121 bytes): {@code epoch (u64) || account (16) ||
 * device (16) || wrapped key (81)}.
 */
public final class EpochWrap {
    private final long epoch;
    private final AccountId account;
    private final DeviceId device;
    private final byte[] wrapped;

    /**
     * @throws IllegalArgumentException if {@code epoch} is below 1 or {@code wrapped} is not
     *     {@link KeyWrap#WRAPPED_LENGTH} bytes
     */
    public EpochWrap(long epoch, AccountId account, DeviceId device, byte[] wrapped) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs start at 1");
        }
        this.account = Objects.requireNonNull(account, "account");
        this.device = Objects.requireNonNull(device, "device");
        if (wrapped == null || wrapped.length != KeyWrap.WRAPPED_LENGTH) {
            throw new IllegalArgumentException("a wrapped epoch key is " + KeyWrap.WRAPPED_LENGTH
                    + " bytes");
        }
        this.epoch = epoch;
        this.wrapped = wrapped.clone();
    }

    /** Wraps {@code epochKey} of {@code workspace} to {@code recipient}'s device. */
    public static EpochWrap make(SymmetricKey epochKey, WorkspaceId workspace, long epoch,
            Identity recipient) {
        Objects.requireNonNull(recipient, "recipient");
        byte[] wrapped = KeyWrap.wrap(epochKey, recipient.agreementKey(),
                WrapInfo.epochKey(workspace, epoch, recipient.account(), recipient.device()));
        return new EpochWrap(epoch, recipient.account(), recipient.device(), wrapped);
    }

    /**
     * Opens this wrap with the recipient device's agreement key.
     *
     * @throws KeyUnwrapException for every failure (another device's key, another workspace,
     *     changed bytes), with one message
     */
    public SymmetricKey open(AgreementKeyPair recipientKey, WorkspaceId workspace)
            throws KeyUnwrapException {
        return KeyWrap.unwrap(wrapped, recipientKey,
                WrapInfo.epochKey(workspace, epoch, account, device));
    }

    public long epoch() {
        return epoch;
    }

    public AccountId account() {
        return account;
    }

    public DeviceId device() {
        return device;
    }

    /** The 81-byte wrapped key (a copy). */
    public byte[] wrapped() {
        return wrapped.clone();
    }

    /** Whether this wrap is for that epoch, account and device. */
    boolean isFor(long epoch, AccountId account, DeviceId device) {
        return this.epoch == epoch && this.account.equals(account) && this.device.equals(device);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EpochWrap w && w.epoch == epoch && w.account.equals(account)
                && w.device.equals(device) && Arrays.equals(w.wrapped, wrapped);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, account, device, Arrays.hashCode(wrapped));
    }

    @Override
    public String toString() {
        return "EpochWrap(epoch " + epoch + " to " + account + "/" + device + ")";
    }
}
