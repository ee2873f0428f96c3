package org.palermo.security.manifest;

import java.security.SignatureException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.palermo.security.ids.AccountId;
import org.palermo.security.ids.DeviceId;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;
import org.palermo.security.internal.CanonicalReader;
import org.palermo.security.keys.SigningKeyPair;
import org.palermo.security.keys.SigningPublicKey;
import org.palermo.security.seal.ContentSeal;
import org.palermo.security.sign.SignaturePurpose;
import org.palermo.security.wrap.DocumentKeyWrap;

/**
 * The signed statement that makes one version of a document (or its deletion): where it
 * belongs, who wrote it, under which epoch and membership-log entry, its disclosure level, and
 * what it binds of the sealed streams and the wrapped version key.
 *
 * <p>Guarantees: the author's Ed25519 signature ({@link SignaturePurpose#DOCUMENT_MANIFEST})
 * covers every field, so the server cannot move the version to another workspace, document or
 * version, change its size, author, time or disclosure level, swap its sealed streams or wrapped
 * key, or plant a version under a key it chose without the signature failing (ATTACKS.md
 * classes 10-14); a signature made for another purpose (a membership entry, a login challenge)
 * never verifies as a manifest (class 6). Whether the author was allowed to write the version
 * (a member with a writing role at {@link #membershipSequence()}) is the caller's check against
 * the membership log. The encoding is canonical (one value, one encoding); {@link #decode}
 * refuses any other bytes.
 *
 * <p>Encoding (FORMAT.md): {@code 0x01 || kind || workspace || document || version ||
 * parent version || author account || author device || epoch || membership sequence ||
 * disclosure || created at || content length || content part || metadata part ||
 * original part || original length || wrapped key}, each part {@code 0x00} (absent) or
 * {@code 0x01 || sealed length (u64) || header (56)}, the wrapped key {@code 0x00} or
 * {@code 0x01 || 61 bytes}.
 */
public final class DocumentManifest {
    /** Format version written first. */
    public static final int FORMAT_VERSION = 1;

    private final WorkspaceId workspace;
    private final DocumentId document;
    private final long version;
    private final long parentVersion;
    private final ManifestKind kind;
    private final AccountId author;
    private final DeviceId authorDevice;
    private final long epoch;
    private final long membershipSequence;
    private final DisclosureLevel disclosure;
    private final long createdAt;
    private final long contentLength;
    private final SealedPart content;
    private final SealedPart metadata;
    private final SealedPart original;
    private final long originalLength;
    private final byte[] wrappedKey;

    private DocumentManifest(Builder b) {
        this.workspace = require(b.workspace, "workspace");
        this.document = require(b.document, "document");
        this.kind = require(b.kind, "kind");
        this.author = require(b.author, "author");
        this.authorDevice = require(b.authorDevice, "authorDevice");
        this.disclosure = require(b.disclosure, "disclosure");
        this.version = b.version;
        this.parentVersion = b.parentVersion == null ? b.version - 1 : b.parentVersion;
        this.epoch = b.epoch;
        this.membershipSequence = b.membershipSequence;
        this.createdAt = b.createdAt;
        this.contentLength = b.contentLength;
        this.content = b.content;
        this.metadata = b.metadata;
        this.original = b.original;
        this.originalLength = b.originalLength;
        this.wrappedKey = b.wrappedKey == null ? null : b.wrappedKey.clone();
        validate();
    }

    private static <T> T require(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("a manifest needs " + name);
        }
        return value;
    }

    private void validate() {
        check(version >= 1, "versions start at 1");
        check(parentVersion == version - 1, "the parent version is the version before");
        check(epoch >= 1, "epochs start at 1");
        check(membershipSequence >= 0, "the membership sequence must not be negative");
        check(createdAt >= 0, "created-at must not be before 1970");
        check(contentLength >= 0 && originalLength >= 0, "lengths must not be negative");
        if (kind == ManifestKind.TOMBSTONE) {
            check(version >= 2, "a tombstone follows a version");
            check(content == null && metadata == null && original == null && wrappedKey == null,
                    "a tombstone has no content, metadata, original or wrapped key");
            check(contentLength == 0 && originalLength == 0, "a tombstone has no length");
            return;
        }
        check(content != null && metadata != null, "a version has sealed content and metadata");
        check(wrappedKey != null && wrappedKey.length == DocumentKeyWrap.WRAPPED_LENGTH,
                "a version has a wrapped key of " + DocumentKeyWrap.WRAPPED_LENGTH + " bytes");
        check(content.sealedLength() == sealedLength(contentLength),
                "the sealed content's length does not match the content length");
        if (original == null) {
            check(originalLength == 0, "an original length without an original");
        } else {
            check(original.sealedLength() == sealedLength(originalLength),
                    "the sealed original's length does not match the original length");
        }
    }

    private static long sealedLength(long plaintextLength) {
        try {
            return ContentSeal.ciphertextLength(plaintextLength);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A builder with nothing set; {@link Builder#build()} checks every rule. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this manifest's fields, to make a changed copy; the parent version is
     * left unset, so it follows a changed version.
     */
    public Builder toBuilder() {
        return builder().workspace(workspace).document(document).version(version).kind(kind)
                .author(author).authorDevice(authorDevice)
                .epoch(epoch).membershipSequence(membershipSequence).disclosure(disclosure)
                .createdAt(createdAt).contentLength(contentLength).content(content)
                .metadata(metadata).original(original).originalLength(originalLength)
                .wrappedKey(wrappedKey);
    }

    public WorkspaceId workspace() {
        return workspace;
    }

    public DocumentId document() {
        return document;
    }

    /** This version's number, from 1. */
    public long version() {
        return version;
    }

    /** The version this one follows: {@code version - 1}. */
    public long parentVersion() {
        return parentVersion;
    }

    public ManifestKind kind() {
        return kind;
    }

    /** The author's account. */
    public AccountId author() {
        return author;
    }

    /** The author's device, whose signing key signs the manifest. */
    public DeviceId authorDevice() {
        return authorDevice;
    }

    /** The workspace epoch whose key wraps the version key. */
    public long epoch() {
        return epoch;
    }

    /** Sequence number of the membership-log entry the author's client had verified. */
    public long membershipSequence() {
        return membershipSequence;
    }

    public DisclosureLevel disclosure() {
        return disclosure;
    }

    /** When the author's client made the version, in Unix seconds. */
    public long createdAt() {
        return createdAt;
    }

    /** Plaintext length of the content (of the metadata-stripped copy); 0 for a tombstone. */
    public long contentLength() {
        return contentLength;
    }

    public Optional<SealedPart> content() {
        return Optional.ofNullable(content);
    }

    public Optional<SealedPart> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The sealed untouched original, when the author kept it beside the stripped copy. */
    public Optional<SealedPart> original() {
        return Optional.ofNullable(original);
    }

    /** Plaintext length of the original; 0 when there is none. */
    public long originalLength() {
        return originalLength;
    }

    /** The version key wrapped under the epoch key ({@link DocumentKeyWrap}), a copy. */
    public Optional<byte[]> wrappedKey() {
        return Optional.ofNullable(wrappedKey).map(byte[]::clone);
    }

    /** The canonical encoding that the signature covers. */
    public byte[] encode() {
        Canonical out = Canonical.start()
                .u8(FORMAT_VERSION)
                .u8(kind.code())
                .fixed(workspace.toBytes(), Id128.LENGTH)
                .fixed(document.toBytes(), Id128.LENGTH)
                .u64(version)
                .u64(parentVersion)
                .fixed(author.toBytes(), Id128.LENGTH)
                .fixed(authorDevice.toBytes(), Id128.LENGTH)
                .u64(epoch)
                .u64(membershipSequence)
                .u8(disclosure.code())
                .u64(createdAt)
                .u64(contentLength);
        part(out, content);
        part(out, metadata);
        part(out, original);
        out.u64(originalLength);
        if (wrappedKey == null) {
            out.u8(0);
        } else {
            out.u8(1).fixed(wrappedKey, DocumentKeyWrap.WRAPPED_LENGTH);
        }
        return out.toByteArray();
    }

    private static void part(Canonical out, SealedPart part) {
        if (part == null) {
            out.u8(0);
        } else {
            out.u8(1).u64(part.sealedLength()).fixed(part.header(), SealedPart.HEADER_LENGTH);
        }
    }

    /**
     * Parses an encoding strictly: the format version, every code, every presence byte, every
     * rule of {@link Builder#build()}, and no trailing bytes.
     *
     * @throws MalformedManifestException for any other bytes (one type for every cause)
     */
    public static DocumentManifest decode(byte[] encoded) throws MalformedManifestException {
        if (encoded == null) {
            throw new MalformedManifestException("malformed document manifest");
        }
        try {
            CanonicalReader in = new CanonicalReader(encoded);
            if (in.u8() != FORMAT_VERSION) {
                throw new MalformedManifestException("unsupported document manifest version");
            }
            Builder b = builder()
                    .kind(ManifestKind.fromCode(in.u8()))
                    .workspace(WorkspaceId.of(in.fixed(Id128.LENGTH)))
                    .document(DocumentId.of(in.fixed(Id128.LENGTH)))
                    .version(in.u64())
                    .parentVersion(in.u64())
                    .author(AccountId.of(in.fixed(Id128.LENGTH)))
                    .authorDevice(DeviceId.of(in.fixed(Id128.LENGTH)))
                    .epoch(in.u64())
                    .membershipSequence(in.u64())
                    .disclosure(DisclosureLevel.fromCode(in.u8()))
                    .createdAt(in.u64())
                    .contentLength(in.u64())
                    .content(readPart(in))
                    .metadata(readPart(in))
                    .original(readPart(in))
                    .originalLength(in.u64());
            if (present(in)) {
                b.wrappedKey(in.fixed(DocumentKeyWrap.WRAPPED_LENGTH));
            }
            in.end();
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MalformedManifestException("malformed document manifest");
        }
    }

    private static boolean present(CanonicalReader in) {
        int flag = in.u8();
        if (flag > 1) {
            throw new IllegalArgumentException("a presence byte is 0 or 1");
        }
        return flag == 1;
    }

    private static SealedPart readPart(CanonicalReader in) {
        if (!present(in)) {
            return null;
        }
        long length = in.u64();
        return new SealedPart(length, in.fixed(SealedPart.HEADER_LENGTH));
    }

    /** The author's Ed25519 signature over {@link #encode()}, for the manifest purpose. */
    public byte[] sign(SigningKeyPair author) {
        return author.sign(SignaturePurpose.DOCUMENT_MANIFEST, encode());
    }

    /**
     * Checks the author's signature over this manifest.
     *
     * @throws SignatureException if it is not a signature by {@code author} over exactly this
     *     manifest for the manifest purpose
     */
    public void verify(SigningPublicKey author, byte[] signature) throws SignatureException {
        Objects.requireNonNull(author, "author");
        if (signature == null) {
            throw new SignatureException("signature is not valid for this key and purpose");
        }
        author.verify(SignaturePurpose.DOCUMENT_MANIFEST, encode(), signature);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DocumentManifest m && Arrays.equals(encode(), m.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    @Override
    public String toString() {
        return "DocumentManifest(" + kind + " " + version + " of document " + document
                + " in workspace " + workspace + ", by " + author + "/" + authorDevice + ", epoch "
                + epoch + ", " + disclosure.label() + ")";
    }

    /** Collects the fields of a manifest; {@link #build()} checks them. */
    public static final class Builder {
        private WorkspaceId workspace;
        private DocumentId document;
        private long version;
        private Long parentVersion;
        private ManifestKind kind;
        private AccountId author;
        private DeviceId authorDevice;
        private long epoch;
        private long membershipSequence;
        private DisclosureLevel disclosure;
        private long createdAt;
        private long contentLength;
        private SealedPart content;
        private SealedPart metadata;
        private SealedPart original;
        private long originalLength;
        private byte[] wrappedKey;

        private Builder() {
        }

        public Builder workspace(WorkspaceId workspace) {
            this.workspace = workspace;
            return this;
        }

        public Builder document(DocumentId document) {
            this.document = document;
            return this;
        }

        public Builder version(long version) {
            this.version = version;
            return this;
        }

        /** Must be {@code version - 1}; when not set, it is. */
        public Builder parentVersion(long parentVersion) {
            this.parentVersion = parentVersion;
            return this;
        }

        public Builder kind(ManifestKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder author(AccountId author) {
            this.author = author;
            return this;
        }

        public Builder authorDevice(DeviceId authorDevice) {
            this.authorDevice = authorDevice;
            return this;
        }

        public Builder epoch(long epoch) {
            this.epoch = epoch;
            return this;
        }

        public Builder membershipSequence(long membershipSequence) {
            this.membershipSequence = membershipSequence;
            return this;
        }

        public Builder disclosure(DisclosureLevel disclosure) {
            this.disclosure = disclosure;
            return this;
        }

        /** Unix seconds. */
        public Builder createdAt(long createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder contentLength(long contentLength) {
            this.contentLength = contentLength;
            return this;
        }

        /** The sealed content; null for none. */
        public Builder content(SealedPart content) {
            this.content = content;
            return this;
        }

        /** The sealed metadata; null for none. */
        public Builder metadata(SealedPart metadata) {
            this.metadata = metadata;
            return this;
        }

        /** The sealed original; null for none. */
        public Builder original(SealedPart original) {
            this.original = original;
            return this;
        }

        public Builder originalLength(long originalLength) {
            this.originalLength = originalLength;
            return this;
        }

        /** The wrapped version key ({@link DocumentKeyWrap#WRAPPED_LENGTH} bytes); null: none. */
        public Builder wrappedKey(byte[] wrappedKey) {
            this.wrappedKey = wrappedKey == null ? null : wrappedKey.clone();
            return this;
        }

        /**
         * The manifest.
         *
         * @throws IllegalArgumentException naming the first rule broken: a field missing,
         *     version below 1, parent not {@code version - 1}, epoch below 1, a tombstone with
         *     sealed parts, lengths or a wrapped key, a version without content, metadata or a
         *     61-byte wrapped key, or a sealed length that does not match its plaintext length
         */
        public DocumentManifest build() {
            return new DocumentManifest(this);
        }
    }
}
