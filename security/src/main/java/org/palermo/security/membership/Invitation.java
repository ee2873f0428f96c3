package org.palermo.security.membership;

import java.util.Objects;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.keys.Identity;

/** An invitation as the verified membership log records it: open until the invitee accepts. */
public final class Invitation {
    private final InvitationId id;
    private final Identity inviter;
    private final Identity invitee;
    private final Role role;
    private final long sequence;
    private final boolean accepted;

    Invitation(InvitationId id, Identity inviter, Identity invitee, Role role, long sequence,
            boolean accepted) {
        this.id = Objects.requireNonNull(id, "id");
        this.inviter = Objects.requireNonNull(inviter, "inviter");
        this.invitee = Objects.requireNonNull(invitee, "invitee");
        this.role = Objects.requireNonNull(role, "role");
        this.sequence = sequence;
        this.accepted = accepted;
    }

    public InvitationId id() {
        return id;
    }

    /** The owner who invited (and signed the Invite entry). */
    public Identity inviter() {
        return inviter;
    }

    /** The identity invited; only its signing key may accept. */
    public Identity invitee() {
        return invitee;
    }

    /** The role the invitee gets on accepting. */
    public Role role() {
        return role;
    }

    /** Sequence number of the Invite entry. */
    public long sequence() {
        return sequence;
    }

    /** Whether the invitee accepted (then the invitation is closed). */
    public boolean accepted() {
        return accepted;
    }

    Invitation asAccepted() {
        return new Invitation(id, inviter, invitee, role, sequence, true);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Invitation i && i.id.equals(id) && i.inviter.equals(inviter)
                && i.invitee.equals(invitee) && i.role == role && i.sequence == sequence
                && i.accepted == accepted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, inviter, invitee, role, sequence, accepted);
    }

    @Override
    public String toString() {
        return "Invitation(" + id + " of " + invitee + " as " + role.label() + " at " + sequence
                + (accepted ? ", accepted" : ", open") + ")";
    }
}
