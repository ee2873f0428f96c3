package org.palermo.security.membership;

import java.util.Objects;
import org.palermo.security.ids.AccountId;
import org.palermo.security.keys.Identity;

/** A member of a workspace as the verified membership log names them. */
public final class Member {
    private final Identity identity;
    private final Role role;
    private final long joinedAtSequence;

    Member(Identity identity, Role role, long joinedAtSequence) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.role = Objects.requireNonNull(role, "role");
        this.joinedAtSequence = joinedAtSequence;
    }

    /** The identity (account, device, keys) from the Create or Invite entry. */
    public Identity identity() {
        return identity;
    }

    /** Shorthand for {@code identity().account()}. */
    public AccountId account() {
        return identity.account();
    }

    public Role role() {
        return role;
    }

    /** Sequence number of the member's Accept entry; 0 for the workspace's creator. */
    public long joinedAtSequence() {
        return joinedAtSequence;
    }

    Member withRole(Role newRole) {
        return new Member(identity, newRole, joinedAtSequence);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Member m && m.identity.equals(identity) && m.role == role
                && m.joinedAtSequence == joinedAtSequence;
    }

    @Override
    public int hashCode() {
        return Objects.hash(identity, role, joinedAtSequence);
    }

    @Override
    public String toString() {
        return "Member(" + identity + ", " + role.label() + ", joined at " + joinedAtSequence + ")";
    }
}
