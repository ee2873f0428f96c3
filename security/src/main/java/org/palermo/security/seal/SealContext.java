package org.palermo.security.seal;

import java.util.Objects;
import org.palermo.security.ids.DocumentId;
import org.palermo.security.ids.Id128;
import org.palermo.security.ids.WorkspaceId;
import org.palermo.security.internal.Canonical;

/**
 * Where a sealed stream belongs: purpose, workspace, document and version. It becomes the
 * Cobblestone {@code context}, so a ciphertext served under any other purpose, workspace,
 * document or version fails its commitment check before any chunk is opened (ATTACKS.md
 * class 10). It is never built from free text.
 *
 * <p>Encoding: {@code len(label) || label || workspace(16) || document(16) || version(u64, big-endian)}.
 */
public final class SealContext {
    private final SealPurpose purpose;
    private final WorkspaceId workspace;
    private final DocumentId document;
    private final long version;

    private SealContext(SealPurpose purpose, WorkspaceId workspace, DocumentId document, long version) {
        this.purpose = Objects.requireNonNull(purpose, "purpose");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.document = Objects.requireNonNull(document, "document");
        if (version < 1) {
            throw new IllegalArgumentException("document versions start at 1");
        }
        this.version = version;
    }

    /** The context of a document version's content. */
    public static SealContext content(WorkspaceId workspace, DocumentId document, long version) {
        return new SealContext(SealPurpose.DOCUMENT_CONTENT, workspace, document, version);
    }

    /** The context of a document version's metadata. */
    public static SealContext metadata(WorkspaceId workspace, DocumentId document, long version) {
        return new SealContext(SealPurpose.DOCUMENT_METADATA, workspace, document, version);
    }

    /**
     * The context of a document version's untouched original, kept beside the metadata-stripped
     * copy (same layout as the content context, its own label).
     */
    public static SealContext original(WorkspaceId workspace, DocumentId document, long version) {
        return new SealContext(SealPurpose.DOCUMENT_ORIGINAL, workspace, document, version);
    }

    public SealPurpose purpose() {
        return purpose;
    }

    public WorkspaceId workspace() {
        return workspace;
    }

    public DocumentId document() {
        return document;
    }

    public long version() {
        return version;
    }

    /** The context bytes given to Cobblestone. */
    public byte[] encode() {
        return Canonical.start()
                .label(purpose.label())
                .fixed(workspace.toBytes(), Id128.LENGTH)
                .fixed(document.toBytes(), Id128.LENGTH)
                .u64(version)
                .toByteArray();
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SealContext)) {
            return false;
        }
        SealContext o = (SealContext) other;
        return purpose == o.purpose && workspace.equals(o.workspace) && document.equals(o.document) && version == o.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(purpose, workspace, document, version);
    }

    @Override
    public String toString() {
        return purpose + " of workspace " + workspace + ", document " + document + ", version " + version;
    }
}
