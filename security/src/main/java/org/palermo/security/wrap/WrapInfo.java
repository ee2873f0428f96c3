package org.palermo.security.wrap;

import java.util.Arrays;
import java.util.Objects;
import org.palermo.security.Labels;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;

/**
 * The HPKE {@code info} of one key wrap: what is wrapped and to whom. A wrapped key opens only
 * with the same info, so a wrapped key served for another workspace, document, version, epoch
 * or recipient fails (ATTACKS.md classes 5 and 10).
 *
 * <p>Encodings (label length-prefixed, ids 16 bytes, numbers u64 big-endian):
 * <ul>
 * <li>epoch key: {@code label || workspace || epoch || recipient account || recipient device}</li>
 * <li>document key: {@code label || workspace || document || version || epoch || recipient account || recipient device}</li>
 * </ul>
 */
public final class WrapInfo {
    private final byte[] encoded;
    private final String description;

    private WrapInfo(byte[] encoded, String description) {
        this.encoded = encoded;
        this.description = description;
    }

    /** An epoch key of a workspace, wrapped to one device of a member. */
    public static WrapInfo epochKey(WorkspaceId workspace, long epoch, AccountId recipient, DeviceId device) {
        requireNonNegative(epoch, "epoch");
        return new WrapInfo(Canonical.start()
                .label(Labels.WRAP_EPOCH_KEY)
                .fixed(Objects.requireNonNull(workspace, "workspace").toBytes(), Id128.LENGTH)
                .u64(epoch)
                .fixed(Objects.requireNonNull(recipient, "recipient").toBytes(), Id128.LENGTH)
                .fixed(Objects.requireNonNull(device, "device").toBytes(), Id128.LENGTH)
                .toByteArray(), "epoch key " + epoch + " of workspace " + workspace + " to " + recipient + "/" + device);
    }

    /** The key of one document version, wrapped to one device of a reader (for example a State account). */
    public static WrapInfo documentKey(WorkspaceId workspace, DocumentId document, long version, long epoch,
            AccountId recipient, DeviceId device) {
        if (version < 1) {
            throw new IllegalArgumentException("document versions start at 1");
        }
        requireNonNegative(epoch, "epoch");
        return new WrapInfo(Canonical.start()
                .label(Labels.WRAP_DOCUMENT_KEY)
                .fixed(Objects.requireNonNull(workspace, "workspace").toBytes(), Id128.LENGTH)
                .fixed(Objects.requireNonNull(document, "document").toBytes(), Id128.LENGTH)
                .u64(version)
                .u64(epoch)
                .fixed(Objects.requireNonNull(recipient, "recipient").toBytes(), Id128.LENGTH)
                .fixed(Objects.requireNonNull(device, "device").toBytes(), Id128.LENGTH)
                .toByteArray(), "key of document " + document + " version " + version + " to " + recipient + "/" + device);
    }

    private static void requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** The exact bytes given to HPKE as {@code info}. */
    public byte[] encode() {
        return encoded.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrapInfo && Arrays.equals(encoded, ((WrapInfo) other).encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return description;
    }
}
