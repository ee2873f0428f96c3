package org.palermo.security.keys;

import org.palermo.security.Labels;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.Hashes;

/**
 * The code two people compare out of band when one invites the other: SHA-256 over the label,
 * the invitation id, the inviter's identity and the invitee's identity, shown as eight groups of
 * five digits, one group per 4 bytes of the hash (all 256 bits used, about 132.9 bits shown).
 *
 * <p>Why this length: a server in the middle substitutes both sides at once (a fake invitee for
 * the inviter, a fake inviter for the invitee) and wins if the two codes match. It chooses both
 * fake identities freely, so this is a collision search: an n-bit code costs it about 2^(n/2)
 * hashes. At 66 bits (the earlier four groups) that was 2^33, a few seconds. At 132.9 bits it
 * is about 2^66 hashes, and the search can only start once the invitation id (128 random bits
 * chosen by the inviter's client) is known, so nothing can be precomputed. A commitment
 * protocol (one side commits to its key before seeing the other's) would allow a shorter code,
 * but needs another round trip through the server; the longer code needs none.
 *
 * <p>Guarantee: if the server substitutes either side's key, account or device, the two people
 * see different codes unless it has spent about 2^66 work on this invitation. The order of the
 * two identities is fixed by role, so both sides compute the same code. Members who compare
 * fingerprints in code ({@link Fingerprint#matches}) compare all 256 bits.
 */
public final class VerificationCode {
    /** Number of five-digit groups. */
    public static final int GROUPS = 8;
    /** Hash bytes read per group: 8 groups of 4 bytes use the whole SHA-256 output. */
    static final int BYTES_PER_GROUP = 4;

    private VerificationCode() {
    }

    /** The code both sides show, e.g. {@code "01234 56789 01234 56789 01234 56789 01234 56789"}. */
    public static String of(InvitationId invitation, Identity inviter, Identity invitee) {
        byte[] hash = Hashes.sha256(Canonical.start()
                .label(Labels.VERIFICATION_CODE)
                .fixed(invitation.toBytes(), Id128.LENGTH)
                .fixed(inviter.encode(), Identity.ENCODED_LENGTH)
                .fixed(invitee.encode(), Identity.ENCODED_LENGTH)
                .toByteArray());
        return Fingerprint.digitGroups(hash, GROUPS, BYTES_PER_GROUP);
    }
}
