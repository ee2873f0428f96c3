package org.palermo.security.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.palermo.security.chain.ChainEntry;
import org.palermo.security.chain.ChainHead;
import org.palermo.security.chain.MalformedEntryException;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.internal.Hashes;
import org.palermo.security.manifest.DocumentManifest;

/**
 * One entry's payload in a workspace's audit log: what happened, when (to the minute), and, for
 * a member's event, under which membership-log entry the member acted. Who wrote it, and whether
 * it may stand where it stands, is {@link AuditLog}'s to check; the records check their own
 * shape. A {@link MemberEvent} is signed by the member who acted; a {@link ServerObserved} by
 * the server, for what only it sees.
 *
 * <p>Times are coarse on purpose (the log says when, not to the second): every {@code at} is a
 * whole minute ({@code Instant.truncatedTo(ChronoUnit.MINUTES)} makes one). The log records
 * accounts (pseudonyms), never an address.
 *
 * <p>Encoding (canonical, FORMAT.md): {@code version 0x01 || kind (u8) || workspace (16) ||
 * at (u64 seconds, a multiple of 60) || the kind's fields}; every member kind starts its fields
 * with {@code membership sequence (u64)}. Kind 1 membership changed {@code changed entry:
 * sequence (u64) || hash (32)}; kind 2 version put {@code document (16) || version (u64) ||
 * manifest hash (32)}; kind 3 disclosure changed {@code document (16) || disclosure entry:
 * sequence (u64) || hash (32)}; kind 4 keys granted {@code document (16) || version (u64) ||
 * count (u32, 1..1000) || count x account (16)}; kind 5 signed off {@code document (16) ||
 * version (u64) || sign-off hash (32)}; kind 6 plugin action {@code plugin (u32 length, ASCII,
 * 2..40) || subject (u32 length, UTF-8, 1..200) || action (u32 length, UTF-8, 1..200)}; kind 64
 * server observed {@code observation (u8) ||
 * document (16) || version (u64) || account (16, all zero when none)}.
 */
public sealed interface AuditEvent permits AuditEvent.MemberEvent, AuditEvent.ServerObserved {

    /** Format version of the payload. */
    int VERSION = 1;
    /** Most accounts one {@link KeysGranted} names. */
    int MAX_ACCOUNTS = 1000;
    /** Length of the hashes events carry. */
    int HASH_LENGTH = 32;

    WorkspaceId workspace();

    /** When it happened, a whole minute. */
    Instant at();

    /** The canonical payload. */
    byte[] encode();

    /**
     * Parses a payload strictly: another version, an unknown kind or observation, a time that is
     * not a whole minute, a field out of range, missing or trailing bytes are all refused.
     *
     * @throws MalformedEntryException for anything but a well-formed event
     */
    static AuditEvent decode(byte[] payload) throws MalformedEntryException {
        if (payload == null) {
            throw new MalformedEntryException("malformed audit event");
        }
        try {
            CanonicalReader in = new CanonicalReader(payload);
            if (in.u8() != VERSION) {
                throw new MalformedEntryException("unsupported audit event version");
            }
            int kind = in.u8();
            if (kind != ServerObserved.KIND && (kind < MembershipChanged.KIND
                    || kind > PluginAction.KIND)) {
                throw new MalformedEntryException("unknown audit event kind " + kind);
            }
            WorkspaceId ws = WorkspaceId.of(in.fixed(Id128.LENGTH));
            Instant at = seconds(in.u64());
            AuditEvent event;
            if (kind == ServerObserved.KIND) {
                Observation observation = Observation.fromCode(in.u8());
                Optional<DocumentId> document = present(in.fixed(Id128.LENGTH))
                        .map(DocumentId::of);
                long version = in.u64();
                Optional<AccountId> account = present(in.fixed(Id128.LENGTH)).map(AccountId::of);
                event = new ServerObserved(ws, at, observation, document, version, account);
            } else {
                long membership = in.u64();
                event = switch (kind) {
                    case MembershipChanged.KIND -> new MembershipChanged(ws, at, membership,
                            new ChainHead(in.u64(), in.fixed(ChainEntry.HASH_LENGTH)));
                    case VersionPut.KIND -> new VersionPut(ws, at, membership,
                            DocumentId.of(in.fixed(Id128.LENGTH)), in.u64(),
                            in.fixed(HASH_LENGTH));
                    case DisclosureChanged.KIND -> new DisclosureChanged(ws, at, membership,
                            DocumentId.of(in.fixed(Id128.LENGTH)),
                            new ChainHead(in.u64(), in.fixed(ChainEntry.HASH_LENGTH)));
                    case KeysGranted.KIND -> {
                        DocumentId document = DocumentId.of(in.fixed(Id128.LENGTH));
                        long version = in.u64();
                        long count = in.u32();
                        if (count > MAX_ACCOUNTS) {
                            throw new IllegalArgumentException("too many accounts");
                        }
                        List<AccountId> accounts = new ArrayList<>();
                        for (long i = 0; i < count; i++) {
                            accounts.add(AccountId.of(in.fixed(Id128.LENGTH)));
                        }
                        yield new KeysGranted(ws, at, membership, document, version, accounts);
                    }
                    case SignedOff.KIND -> new SignedOff(ws, at, membership,
                            DocumentId.of(in.fixed(Id128.LENGTH)), in.u64(),
                            in.fixed(HASH_LENGTH));
                    case PluginAction.KIND -> new PluginAction(ws, at, membership,
                            utf8(in.bytes(PluginAction.MAX_PLUGIN_BYTES)),
                            utf8(in.bytes(PluginAction.MAX_TEXT_BYTES)),
                            utf8(in.bytes(PluginAction.MAX_TEXT_BYTES)));
                    default -> throw new MalformedEntryException("unknown audit event kind "
                            + kind);
                };
            }
            in.end();
            return event;
        } catch (IllegalArgumentException e) {
            throw new MalformedEntryException("malformed audit event (" + e.getMessage() + ")");
        }
    }

    private static Instant seconds(long value) {
        if (value < 0 || value > Instant.MAX.getEpochSecond()) {
            throw new IllegalArgumentException("time out of range");
        }
        return Instant.ofEpochSecond(value);
    }

    /** Strict UTF-8: malformed input, encoded surrogates and overlong forms are refused. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not UTF-8");
        }
    }

    private static Optional<byte[]> present(byte[] id) {
        return isZero(id) ? Optional.empty() : Optional.of(id);
    }

    private static boolean isZero(byte[] bytes) {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    private static void requireCommon(WorkspaceId workspace, Instant at) {
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(at, "at");
        if (at.getNano() != 0 || at.getEpochSecond() < 0 || at.getEpochSecond() % 60 != 0) {
            throw new IllegalArgumentException("times are whole minutes after 1970");
        }
    }

    private static void requireMember(WorkspaceId workspace, Instant at,
            long membershipSequence) {
        requireCommon(workspace, at);
        if (membershipSequence < 0) {
            throw new IllegalArgumentException("a membership sequence is 0 or more");
        }
    }

    private static void requireVersion(DocumentId document, long version) {
        Objects.requireNonNull(document, "document");
        if (version < 1) {
            throw new IllegalArgumentException("document versions start at 1");
        }
    }

    private static byte[] requireHash(byte[] hash, String what) {
        Objects.requireNonNull(hash, what);
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a " + what + " is " + HASH_LENGTH + " bytes");
        }
        return hash.clone();
    }

    private static Canonical start(int kind, AuditEvent e) {
        return Canonical.start().u8(VERSION).u8(kind)
                .fixed(e.workspace().toBytes(), Id128.LENGTH)
                .u64(e.at().getEpochSecond());
    }

    private static Canonical startMember(int kind, MemberEvent e) {
        return start(kind, e).u64(e.membershipSequence());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** An event a member signs: it names the membership-log entry the member acted under. */
    sealed interface MemberEvent extends AuditEvent permits MembershipChanged, VersionPut,
            DisclosureChanged, KeysGranted, SignedOff, PluginAction {
        /** The membership-log entry the author verified and acted under. */
        long membershipSequence();
    }

    /**
     * The member appended an entry to the membership log: {@code changed} is that entry, by
     * sequence and hash ({@link ChainHead#of}); the audit log checks it against the membership
     * log.
     */
    record MembershipChanged(WorkspaceId workspace, Instant at, long membershipSequence,
            ChainHead changed) implements MemberEvent {
        static final int KIND = 1;

        public MembershipChanged {
            requireMember(workspace, at, membershipSequence);
            Objects.requireNonNull(changed, "changed");
        }

        @Override
        public byte[] encode() {
            return startMember(KIND, this).u64(changed.sequence())
                    .fixed(changed.hash(), ChainEntry.HASH_LENGTH).toByteArray();
        }
    }

    /**
     * The member put a version of a document, or its tombstone (a deletion): {@code manifestHash}
     * is the SHA-256 of the encoded, signed manifest ({@link #of} computes it).
     */
    record VersionPut(WorkspaceId workspace, Instant at, long membershipSequence,
            DocumentId document, long version, byte[] manifestHash) implements MemberEvent {
        static final int KIND = 2;

        public VersionPut {
            requireMember(workspace, at, membershipSequence);
            requireVersion(document, version);
            manifestHash = requireHash(manifestHash, "manifest hash");
        }

        /** The event for this manifest: its workspace, document, version and hash. */
        public static VersionPut of(Instant at, long membershipSequence,
                DocumentManifest manifest) {
            return new VersionPut(manifest.workspace(), at, membershipSequence,
                    manifest.document(), manifest.version(), hashOf(manifest));
        }

        /** SHA-256 of the manifest's encoding, as this event carries it. */
        public static byte[] hashOf(DocumentManifest manifest) {
            return Hashes.sha256(manifest.encode());
        }

        /** Whether this event names {@code manifest}: its workspace, document, version, hash. */
        public boolean names(DocumentManifest manifest) {
            return workspace.equals(manifest.workspace()) && document.equals(manifest.document())
                    && version == manifest.version()
                    && MessageDigest.isEqual(manifestHash, hashOf(manifest));
        }

        /** The manifest's hash (a copy). */
        @Override
        public byte[] manifestHash() {
            return manifestHash.clone();
        }

        @Override
        public byte[] encode() {
            return startMember(KIND, this).fixed(document.toBytes(), Id128.LENGTH).u64(version)
                    .fixed(manifestHash, HASH_LENGTH).toByteArray();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof VersionPut v && Arrays.equals(encode(), v.encode());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(encode());
        }

        @Override
        public String toString() {
            return "VersionPut[workspace=" + workspace + ", at=" + at + ", membershipSequence="
                    + membershipSequence + ", document=" + document + ", version=" + version
                    + ", manifestHash=" + hex(manifestHash) + "]";
        }
    }

    /**
     * The member appended an entry to a document's disclosure log (a level set, or an
     * approval): {@code entry} is that entry, by sequence and hash ({@link ChainHead#of}).
     */
    record DisclosureChanged(WorkspaceId workspace, Instant at, long membershipSequence,
            DocumentId document, ChainHead entry) implements MemberEvent {
        static final int KIND = 3;

        public DisclosureChanged {
            requireMember(workspace, at, membershipSequence);
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(entry, "entry");
        }

        @Override
        public byte[] encode() {
            return startMember(KIND, this).fixed(document.toBytes(), Id128.LENGTH)
                    .u64(entry.sequence()).fixed(entry.hash(), ChainEntry.HASH_LENGTH)
                    .toByteArray();
        }
    }

    /**
     * The member wrapped the key of a document version to State accounts: {@code accounts}, one
     * to {@link #MAX_ACCOUNTS}, each once, in the order given.
     */
    record KeysGranted(WorkspaceId workspace, Instant at, long membershipSequence,
            DocumentId document, long version, List<AccountId> accounts) implements MemberEvent {
        static final int KIND = 4;

        public KeysGranted {
            requireMember(workspace, at, membershipSequence);
            requireVersion(document, version);
            accounts = List.copyOf(accounts);
            if (accounts.isEmpty() || accounts.size() > MAX_ACCOUNTS
                    || new HashSet<>(accounts).size() != accounts.size()) {
                throw new IllegalArgumentException("a grant names 1 to " + MAX_ACCOUNTS
                        + " accounts, each once");
            }
        }

        @Override
        public byte[] encode() {
            Canonical out = startMember(KIND, this).fixed(document.toBytes(), Id128.LENGTH)
                    .u64(version).u32(accounts.size());
            for (AccountId account : accounts) {
                out.fixed(account.toBytes(), Id128.LENGTH);
            }
            return out.toByteArray();
        }
    }

    /**
     * The member signed off a document version ({@code signOffHash} names the sign-off).
     * Reserved for submission sign-offs: the format and the log's rules hold it already.
     */
    record SignedOff(WorkspaceId workspace, Instant at, long membershipSequence,
            DocumentId document, long version, byte[] signOffHash) implements MemberEvent {
        static final int KIND = 5;

        public SignedOff {
            requireMember(workspace, at, membershipSequence);
            requireVersion(document, version);
            signOffHash = requireHash(signOffHash, "sign-off hash");
        }

        /** The sign-off's hash (a copy). */
        @Override
        public byte[] signOffHash() {
            return signOffHash.clone();
        }

        @Override
        public byte[] encode() {
            return startMember(KIND, this).fixed(document.toBytes(), Id128.LENGTH).u64(version)
                    .fixed(signOffHash, HASH_LENGTH).toByteArray();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SignedOff s && Arrays.equals(encode(), s.encode());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(encode());
        }

        @Override
        public String toString() {
            return "SignedOff[workspace=" + workspace + ", at=" + at + ", membershipSequence="
                    + membershipSequence + ", document=" + document + ", version=" + version
                    + ", signOffHash=" + hex(signOffHash) + "]";
        }
    }

    /**
     * The member did something through a plugin: {@code plugin} is the plugin's id
     * ({@code [a-z][a-z0-9-]{1,39}}), {@code subject} what it was done to and {@code action} what
     * was done, each 1 to {@link #MAX_TEXT_BYTES} bytes of UTF-8 with no control character.
     * Subject and action are ids and words the plugin's server side already has, never content:
     * the log is readable by every member and by the server, and is not sealed. Any member, any
     * role, may write one; whether the action itself was allowed is the plugin's to decide.
     */
    record PluginAction(WorkspaceId workspace, Instant at, long membershipSequence,
            String plugin, String subject, String action) implements MemberEvent {
        static final int KIND = 6;
        /** Longest plugin id. */
        public static final int MAX_PLUGIN_BYTES = 40;
        /** Longest subject and action, in UTF-8 bytes. */
        public static final int MAX_TEXT_BYTES = 200;
        private static final Pattern PLUGIN_ID = Pattern.compile("[a-z][a-z0-9-]{1,39}");

        public PluginAction {
            requireMember(workspace, at, membershipSequence);
            Objects.requireNonNull(plugin, "plugin");
            if (!PLUGIN_ID.matcher(plugin).matches()) {
                throw new IllegalArgumentException("a plugin id is [a-z][a-z0-9-]{1,39}");
            }
            requireText(subject, "subject");
            requireText(action, "action");
        }

        private static void requireText(String text, String what) {
            Objects.requireNonNull(text, what);
            boolean ok = !text.isEmpty() && text.codePoints().noneMatch(
                    c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
            if (!ok || text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("a plugin action's " + what + " is 1 to "
                        + MAX_TEXT_BYTES + " bytes of UTF-8 with no control character");
            }
        }

        @Override
        public byte[] encode() {
            return startMember(KIND, this).bytes(plugin.getBytes(StandardCharsets.US_ASCII))
                    .bytes(subject.getBytes(StandardCharsets.UTF_8))
                    .bytes(action.getBytes(StandardCharsets.UTF_8)).toByteArray();
        }
    }

    /**
     * What the server alone saw, signed by the server's key. Every {@link Observation} names a
     * document version; {@code account} is present exactly when the observation
     * {@linkplain Observation#namesAccount() names one}. An absent id is written as 16 zero
     * bytes, so a present id is never all zero.
     */
    record ServerObserved(WorkspaceId workspace, Instant at, Observation observation,
            Optional<DocumentId> document, long version, Optional<AccountId> account)
            implements AuditEvent {
        static final int KIND = 64;

        public ServerObserved {
            requireCommon(workspace, at);
            Objects.requireNonNull(observation, "observation");
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(account, "account");
            if (document.isEmpty() || isZero(document.get().toBytes()) || version < 1) {
                throw new IllegalArgumentException("an observation names a document version");
            }
            if (account.isPresent() != observation.namesAccount()
                    || account.isPresent() && isZero(account.get().toBytes())) {
                throw new IllegalArgumentException(observation + (observation.namesAccount()
                        ? " names an account" : " names no account"));
            }
        }

        /** A State account fetched the key of {@code version} granted to it. */
        public static ServerObserved grantFetched(WorkspaceId workspace, Instant at,
                DocumentId document, long version, AccountId account) {
            return new ServerObserved(workspace, at, Observation.GRANT_FETCHED,
                    Optional.of(document), version, Optional.of(account));
        }

        /** {@code version} started being served publicly. */
        public static ServerObserved publicReleased(WorkspaceId workspace, Instant at,
                DocumentId document, long version) {
            return new ServerObserved(workspace, at, Observation.PUBLIC_RELEASED,
                    Optional.of(document), version, Optional.empty());
        }

        /** {@code version} stopped being served publicly. */
        public static ServerObserved publicWithdrawn(WorkspaceId workspace, Instant at,
                DocumentId document, long version) {
            return new ServerObserved(workspace, at, Observation.PUBLIC_WITHDRAWN,
                    Optional.of(document), version, Optional.empty());
        }

        /** {@code account}'s upload of {@code version} was dropped, never completed. */
        public static ServerObserved uploadAbandoned(WorkspaceId workspace, Instant at,
                DocumentId document, long version, AccountId account) {
            return new ServerObserved(workspace, at, Observation.UPLOAD_ABANDONED,
                    Optional.of(document), version, Optional.of(account));
        }

        @Override
        public byte[] encode() {
            byte[] none = new byte[Id128.LENGTH];
            return start(KIND, this).u8(observation.code())
                    .fixed(document.map(DocumentId::toBytes).orElse(none), Id128.LENGTH)
                    .u64(version)
                    .fixed(account.map(AccountId::toBytes).orElse(none), Id128.LENGTH)
                    .toByteArray();
        }
    }
}
