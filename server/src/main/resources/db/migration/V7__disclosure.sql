-- A document's disclosure log: entries signed by members (level changes, approvals to
-- publish), each verified against the membership log and the entries before it, stored as sent.
CREATE TABLE disclosure_entries (
  workspace_id  BINARY(16)      NOT NULL,
  document_id   BINARY(16)      NOT NULL,
  sequence      BIGINT          NOT NULL,
  entry         VARBINARY(4096) NOT NULL,
  -- the member whose key signed it (the server checked), so readers can look the keys up
  author_account_id BINARY(16)  NOT NULL,
  PRIMARY KEY (workspace_id, document_id, sequence),
  CONSTRAINT disclosure_document FOREIGN KEY (workspace_id, document_id)
    REFERENCES documents (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Document keys HPKE-wrapped by a member's client to certified State accounts (one device
-- each), for a version disclosed to them. The server cannot open them.
CREATE TABLE state_grants (
  workspace_id  BINARY(16)      NOT NULL,
  document_id   BINARY(16)      NOT NULL,
  version       BIGINT          NOT NULL,
  account_id    BINARY(16)      NOT NULL,
  device_id     BINARY(16)      NOT NULL,
  wrapped       VARBINARY(128)  NOT NULL,
  -- the disclosure entry (a States-only level) that came with this grant
  disclosure_sequence BIGINT    NOT NULL,
  PRIMARY KEY (workspace_id, document_id, version, account_id),
  INDEX grants_by_account (account_id),
  CONSTRAINT grants_document FOREIGN KEY (workspace_id, document_id)
    REFERENCES documents (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
