-- The audit log entries that vouched for a change, each used once.
CREATE TABLE audited (
  workspace_id  CHAR(32)  NOT NULL,
  sequence      BIGINT    NOT NULL,
  PRIMARY KEY (workspace_id, sequence)
);
