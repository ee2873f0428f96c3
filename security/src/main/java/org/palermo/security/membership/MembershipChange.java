package org.palermo.security.membership;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.InvitationId;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.keys.Identity;
import org.palermo.security.keys.InvalidKeyEncodingException;
import org.palermo.security.wrap.KeyWrap;

/**
 * One change to a workspace's membership: the payload of one membership-log entry. Who may
 * sign which change, and what it must carry, is {@link MembershipLog}'s to check; the records
 * here check only their own shape.
 *
 * <p>Encoding (canonical, FORMAT.md): {@code version 0x01 || kind (u8) || workspace (16) ||
 * the kind's fields}; kinds 1 create, 2 invite, 3 accept, 4 rekey, 5 remove, 6 change role,
 * 7 leave. Identities are their 100-byte encoding, roles and history rules their code, wraps
 * {@code count (u32) || count x (epoch (u64) || account (16) || device (16) || wrapped (81))}.
 */
public sealed interface MembershipChange permits MembershipChange.Create, MembershipChange.Invite,
        MembershipChange.Accept, MembershipChange.Rekey, MembershipChange.Remove,
        MembershipChange.ChangeRole, MembershipChange.Leave {

    /** Format version of the payload. */
    int VERSION = 1;
    /** Largest sealed workspace name a Create carries. */
    int MAX_SEALED_NAME = 1024;

    /** The workspace this change belongs to; the log refuses a change of another workspace. */
    WorkspaceId workspace();

    /** The canonical payload bytes. */
    byte[] encode();

    /**
     * Parses a payload strictly (version, kind, codes, key encodings, lengths, no trailing
     * bytes).
     *
     * @throws MalformedEntryException for any other bytes
     */
    static MembershipChange decode(byte[] payload) throws MalformedEntryException {
        if (payload == null) {
            throw new MalformedEntryException("malformed membership change");
        }
        try {
            CanonicalReader in = new CanonicalReader(payload);
            if (in.u8() != VERSION) {
                throw new MalformedEntryException("unsupported membership change version");
            }
            int kind = in.u8();
            WorkspaceId ws = WorkspaceId.of(in.fixed(Id128.LENGTH));
            MembershipChange change = switch (kind) {
                case Create.KIND -> new Create(ws, HistoryRule.fromCode(in.u8()), identity(in),
                        in.bytes(MAX_SEALED_NAME), readWraps(in));
                case Invite.KIND -> new Invite(ws, InvitationId.of(in.fixed(Id128.LENGTH)),
                        identity(in), identity(in), Role.fromCode(in.u8()));
                case Accept.KIND -> new Accept(ws, InvitationId.of(in.fixed(Id128.LENGTH)));
                case Rekey.KIND -> new Rekey(ws, in.u64(), readWraps(in));
                case Remove.KIND -> new Remove(ws, AccountId.of(in.fixed(Id128.LENGTH)), in.u64(),
                        readWraps(in));
                case ChangeRole.KIND -> new ChangeRole(ws, AccountId.of(in.fixed(Id128.LENGTH)),
                        Role.fromCode(in.u8()));
                case Leave.KIND -> new Leave(ws);
                default -> throw new MalformedEntryException(
                        "unknown membership change kind " + kind);
            };
            in.end();
            return change;
        } catch (IllegalArgumentException | InvalidKeyEncodingException e) {
            throw new MalformedEntryException("malformed membership change");
        }
    }

    private static Identity identity(CanonicalReader in) throws InvalidKeyEncodingException {
        return Identity.decode(in.fixed(Identity.ENCODED_LENGTH));
    }

    private static List<EpochWrap> readWraps(CanonicalReader in) {
        long count = in.u32();
        List<EpochWrap> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            // Each read checks the bounds, so a huge count fails at the end of the payload.
            long epoch = in.u64();
            out.add(new EpochWrap(epoch, AccountId.of(in.fixed(Id128.LENGTH)),
                    DeviceId.of(in.fixed(Id128.LENGTH)), in.fixed(KeyWrap.WRAPPED_LENGTH)));
        }
        return out;
    }

    private static Canonical start(int kind, WorkspaceId workspace) {
        return Canonical.start().u8(VERSION).u8(kind).fixed(workspace.toBytes(), Id128.LENGTH);
    }

    private static Canonical writeWraps(Canonical out, List<EpochWrap> wraps) {
        out.u32(wraps.size());
        for (EpochWrap w : wraps) {
            out.u64(w.epoch())
                    .fixed(w.account().toBytes(), Id128.LENGTH)
                    .fixed(w.device().toBytes(), Id128.LENGTH)
                    .fixed(w.wrapped(), KeyWrap.WRAPPED_LENGTH);
        }
        return out;
    }

    private static List<EpochWrap> copyWraps(List<EpochWrap> wraps) {
        return List.copyOf(Objects.requireNonNull(wraps, "wraps"));
    }

    private static void requireEpoch(long epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs start at 1");
        }
    }

    /**
     * Creates the workspace and starts epoch 1: its history rule, its owner (the signer), its
     * name sealed under the epoch-1 key ({@link WorkspaceName#seal}, 1 to 1024 bytes), and the
     * epoch-1 key wrapped to the owner's device.
     */
    record Create(WorkspaceId workspace, HistoryRule historyRule, Identity owner, byte[] sealedName,
            List<EpochWrap> wraps) implements MembershipChange {
        static final int KIND = 1;

        public Create {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(historyRule, "historyRule");
            Objects.requireNonNull(owner, "owner");
            if (sealedName == null || sealedName.length == 0
                    || sealedName.length > MAX_SEALED_NAME) {
                throw new IllegalArgumentException(
                        "a sealed name is 1 to " + MAX_SEALED_NAME + " bytes");
            }
            sealedName = sealedName.clone();
            wraps = copyWraps(wraps);
        }

        /** The sealed name (a copy). */
        @Override
        public byte[] sealedName() {
            return sealedName.clone();
        }

        @Override
        public byte[] encode() {
            Canonical out = start(KIND, workspace).u8(historyRule.code())
                    .fixed(owner.encode(), Identity.ENCODED_LENGTH).bytes(sealedName);
            return writeWraps(out, wraps).toByteArray();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Create c && Arrays.equals(encode(), c.encode());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(encode());
        }

        @Override
        public String toString() {
            return "Create(workspace " + workspace + ", " + historyRule.label() + ", owner "
                    + owner + ", " + wraps.size() + " wraps)";
        }
    }

    /** An owner (the inviter, who signs) invites an identity with a role. */
    record Invite(WorkspaceId workspace, InvitationId invitation, Identity inviter,
            Identity invitee, Role role) implements MembershipChange {
        static final int KIND = 2;

        public Invite {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(invitation, "invitation");
            Objects.requireNonNull(inviter, "inviter");
            Objects.requireNonNull(invitee, "invitee");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public byte[] encode() {
            return start(KIND, workspace).fixed(invitation.toBytes(), Id128.LENGTH)
                    .fixed(inviter.encode(), Identity.ENCODED_LENGTH)
                    .fixed(invitee.encode(), Identity.ENCODED_LENGTH)
                    .u8(role.code()).toByteArray();
        }
    }

    /** The invitee (who signs) accepts an open invitation and becomes a member. */
    record Accept(WorkspaceId workspace, InvitationId invitation) implements MembershipChange {
        static final int KIND = 3;

        public Accept {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(invitation, "invitation");
        }

        @Override
        public byte[] encode() {
            return start(KIND, workspace).fixed(invitation.toBytes(), Id128.LENGTH).toByteArray();
        }
    }

    /** An owner starts a new epoch: its key (and, by the history rule, earlier ones) wrapped. */
    record Rekey(WorkspaceId workspace, long epoch, List<EpochWrap> wraps)
            implements MembershipChange {
        static final int KIND = 4;

        public Rekey {
            Objects.requireNonNull(workspace, "workspace");
            requireEpoch(epoch);
            wraps = copyWraps(wraps);
        }

        @Override
        public byte[] encode() {
            return writeWraps(start(KIND, workspace).u64(epoch), wraps).toByteArray();
        }
    }

    /** An owner removes a member and starts a new epoch without them. */
    record Remove(WorkspaceId workspace, AccountId member, long epoch, List<EpochWrap> wraps)
            implements MembershipChange {
        static final int KIND = 5;

        public Remove {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(member, "member");
            requireEpoch(epoch);
            wraps = copyWraps(wraps);
        }

        @Override
        public byte[] encode() {
            return writeWraps(start(KIND, workspace).fixed(member.toBytes(), Id128.LENGTH)
                    .u64(epoch),
                    wraps).toByteArray();
        }
    }

    /** An owner gives a member another role. */
    record ChangeRole(WorkspaceId workspace, AccountId member, Role role)
            implements MembershipChange {
        static final int KIND = 6;

        public ChangeRole {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public byte[] encode() {
            return start(KIND, workspace).fixed(member.toBytes(), Id128.LENGTH).u8(role.code())
                    .toByteArray();
        }
    }

    /** A member (who signs) leaves the workspace. */
    record Leave(WorkspaceId workspace) implements MembershipChange {
        static final int KIND = 7;

        public Leave {
            Objects.requireNonNull(workspace, "workspace");
        }

        @Override
        public byte[] encode() {
            return start(KIND, workspace).toByteArray();
        }
    }
}
