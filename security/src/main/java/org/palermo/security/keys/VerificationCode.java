package org.palermo.security.keys;

import org.palermo.security.Labels;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.Hashes;

/**
 * The short code two people compare out of band when one invites the other: SHA-256 over the
 * label, the invitation id, the inviter's identity and the invitee's identity, shown as four
 * groups of five digits (about 66 bits).
 *
 * <p>Guarantee: if the server substitutes either side's key, account or device, the two people
 * see different codes, except with probability about 2^-66 per substitution the server tries;
 * the code's length is chosen so that grinding keys to match it is out of reach. The order of
 * the two identities is fixed by role, so both sides compute the same code.
 */
public final class VerificationCode {
    /** Number of five-digit groups. */
    public static final int GROUPS = 4;

    private VerificationCode() {
    }

    /** The code both sides show, e.g. {@code "01234 56789 01234 56789"}. */
    public static String of(InvitationId invitation, Identity inviter, Identity invitee) {
        byte[] hash = Hashes.sha256(Canonical.start()
                .label(Labels.VERIFICATION_CODE)
                .fixed(invitation.toBytes(), Id128.LENGTH)
                .fixed(inviter.encode(), Identity.ENCODED_LENGTH)
                .fixed(invitee.encode(), Identity.ENCODED_LENGTH)
                .toByteArray());
        return Fingerprint.digitGroups(hash, GROUPS);
    }
}
