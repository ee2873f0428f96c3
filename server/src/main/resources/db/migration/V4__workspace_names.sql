-- A workspace's name, sealed by an owner's client under each epoch's key, so that a member who
-- joined later (and holds no earlier epoch key) can read it. The name is never stored in clear.
CREATE TABLE workspace_names (
  workspace_id  BINARY(16)      NOT NULL,
  epoch         BIGINT          NOT NULL,
  sealed_name   VARBINARY(2048) NOT NULL,
  PRIMARY KEY (workspace_id, epoch),
  CONSTRAINT names_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
