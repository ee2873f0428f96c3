-- Counts the changes to a workspace's list of documents (every completed version, tombstones
-- included), in the same transaction as the change. Servers cache encoded list pages under it,
-- so a page served from a cache is never older than the revision its reader saw.
ALTER TABLE workspaces ADD COLUMN documents_revision BIGINT NOT NULL DEFAULT 0;
