-- A workspace's audit log: a signed hash chain of what happened in it, entries written by
-- members' clients (signed with their keys) and by the server for what only it observes (signed
-- with its audit key). Each entry is verified as it arrives and stored as sent. Times inside
-- entries are to the minute; no address, no user agent, no content.
CREATE TABLE audit_entries (
  workspace_id  BINARY(16) NOT NULL,
  sequence      BIGINT     NOT NULL,
  entry         BLOB       NOT NULL,
  PRIMARY KEY (workspace_id, sequence),
  CONSTRAINT audit_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The day a State account first fetched the content of a version granted to it (the audit log
-- records that first fetch, once): NULL until then.
ALTER TABLE state_grants ADD COLUMN first_fetched_on DATE NULL;
