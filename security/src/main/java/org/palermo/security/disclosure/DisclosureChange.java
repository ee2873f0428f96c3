package org.palermo.security.disclosure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.manifest.DisclosureLevel;
import org.palermo.security.states.StateCode;

/**
 * One entry's payload in a document's disclosure log. Who may sign it, and whether it may stand
 * where it stands, is {@link DisclosureLog}'s to check; the records check their own shape.
 *
 * <p>Encoding (canonical, FORMAT.md): {@code version 0x01 || kind (u8) || workspace (16) ||
 * document (16) || document version (u64) || membership sequence (u64) || at (u64 seconds) ||
 * the kind's fields}; kind 1 set level {@code level (u8) || count (u32) || count x State
 * (3 ASCII) || State list head: sequence (u64) || hash (32)}; kind 2 approve (nothing more).
 */
public sealed interface DisclosureChange permits DisclosureChange.SetLevel,
        DisclosureChange.Approve {

    /** Format version of the payload. */
    int VERSION = 1;
    /** Most States one change may name (there are 193 UN Member States). */
    int MAX_STATES = 250;

    WorkspaceId workspace();

    DocumentId document();

    /** The document version the change is made at (it holds for later versions too). */
    long version();

    /** The membership log entry the author verified and acted under. */
    long membershipSequence();

    Instant at();

    byte[] encode();

    /**
     * Parses a payload strictly.
     *
     * @throws MalformedEntryException for anything but a well-formed change
     */
    static DisclosureChange decode(byte[] payload) throws MalformedEntryException {
        if (payload == null) {
            throw new MalformedEntryException("malformed disclosure change");
        }
        try {
            CanonicalReader in = new CanonicalReader(payload);
            if (in.u8() != VERSION) {
                throw new MalformedEntryException("unsupported disclosure change version");
            }
            int kind = in.u8();
            WorkspaceId ws = WorkspaceId.of(in.fixed(Id128.LENGTH));
            DocumentId doc = DocumentId.of(in.fixed(Id128.LENGTH));
            long version = in.u64();
            long membership = in.u64();
            Instant at = seconds(in.u64());
            DisclosureChange change = switch (kind) {
                case SetLevel.KIND -> {
                    DisclosureLevel level = DisclosureLevel.fromCode(in.u8());
                    long count = in.u32();
                    if (count > MAX_STATES) {
                        throw new IllegalArgumentException("too many States");
                    }
                    List<StateCode> states = new ArrayList<>();
                    for (long i = 0; i < count; i++) {
                        states.add(new StateCode(new String(in.fixed(3), StandardCharsets.US_ASCII)));
                    }
                    ChainHead list = new ChainHead(in.u64(), in.fixed(32));
                    yield new SetLevel(ws, doc, version, membership, at, level, states, list);
                }
                case Approve.KIND -> new Approve(ws, doc, version, membership, at);
                default -> throw new MalformedEntryException("unknown disclosure change kind " + kind);
            };
            in.end();
            return change;
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException("malformed disclosure change");
        }
    }

    private static Instant seconds(long value) {
        if (value < 0 || value > Instant.MAX.getEpochSecond()) {
            throw new IllegalArgumentException("time out of range");
        }
        return Instant.ofEpochSecond(value);
    }

    private static void requireCommon(WorkspaceId workspace, DocumentId document, long version,
            long membershipSequence, Instant at) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(at, "at");
        if (version < 1) {
            throw new IllegalArgumentException("document versions start at 1");
        }
        if (membershipSequence < 0) {
            throw new IllegalArgumentException("a membership sequence is 0 or more");
        }
        if (at.getNano() != 0 || at.getEpochSecond() < 0) {
            throw new IllegalArgumentException("times are whole seconds after 1970");
        }
    }

    private static Canonical start(int kind, DisclosureChange c) {
        return Canonical.start().u8(VERSION).u8(kind)
                .fixed(c.workspace().toBytes(), Id128.LENGTH)
                .fixed(c.document().toBytes(), Id128.LENGTH)
                .u64(c.version()).u64(c.membershipSequence()).u64(c.at().getEpochSecond());
    }

    /**
     * Sets the document's level from {@code version} on. For {@link DisclosureLevel#STATES_ONLY},
     * {@code states} names the States whose certified accounts read it (empty: every certified
     * State) and {@code stateList} is the head of the State certificate list the author verified
     * and wrapped keys under; other levels name no State.
     */
    record SetLevel(WorkspaceId workspace, DocumentId document, long version,
            long membershipSequence, Instant at, DisclosureLevel level, List<StateCode> states,
            ChainHead stateList) implements DisclosureChange {
        static final int KIND = 1;

        public SetLevel {
            requireCommon(workspace, document, version, membershipSequence, at);
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(stateList, "stateList");
            states = List.copyOf(states);
            if (states.size() > MAX_STATES || states.stream().distinct().count() != states.size()) {
                throw new IllegalArgumentException("States are named once each, at most "
                        + MAX_STATES);
            }
            if (level != DisclosureLevel.STATES_ONLY && !states.isEmpty()) {
                throw new IllegalArgumentException("only a States-only level names States");
            }
        }

        @Override
        public byte[] encode() {
            Canonical out = start(KIND, this).u8(level.code()).u32(states.size());
            for (StateCode s : states) {
                out.fixed(s.alpha3().getBytes(StandardCharsets.US_ASCII), 3);
            }
            return out.u64(stateList.sequence()).fixed(stateList.hash(), 32).toByteArray();
        }
    }

    /** A second owner's approval to publish {@code version} (four-eyes). */
    record Approve(WorkspaceId workspace, DocumentId document, long version,
            long membershipSequence, Instant at) implements DisclosureChange {
        static final int KIND = 2;

        public Approve {
            requireCommon(workspace, document, version, membershipSequence, at);
        }

        @Override
        public byte[] encode() {
            return start(KIND, this).toByteArray();
        }
    }
}
