-- Workspaces. The membership log is the signed hash chain the clients write (entries stored as
-- the clients made them); the server verifies each entry as it arrives and keeps what it
-- derives from the log (members, roles, open invitations, the current epoch) in the tables
-- below, as its second line of access control. It can neither forge nor read anything a client
-- would accept: the log's entries are signed by owners, keys are wrapped to members.
CREATE TABLE workspaces (
  id              BINARY(16)  NOT NULL PRIMARY KEY,
  head_sequence   BIGINT      NOT NULL,
  head_hash       BINARY(32)  NOT NULL,
  current_epoch   BIGINT      NOT NULL,
  quota_bytes     BIGINT      NOT NULL,
  -- sealed bytes of every stored version plus the declared size of every open upload
  used_bytes      BIGINT      NOT NULL,
  created_on      DATE        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE membership_entries (
  workspace_id  BINARY(16)  NOT NULL,
  sequence      BIGINT      NOT NULL,
  entry         MEDIUMBLOB  NOT NULL,
  PRIMARY KEY (workspace_id, sequence),
  CONSTRAINT membership_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE workspace_members (
  workspace_id      BINARY(16)  NOT NULL,
  account_id        BINARY(16)  NOT NULL,
  role              TINYINT     NOT NULL,
  -- first epoch whose key the member may read (JOIN_ONWARD workspaces); 1 with full history
  first_epoch       BIGINT      NOT NULL,
  PRIMARY KEY (workspace_id, account_id),
  INDEX members_by_account (account_id),
  CONSTRAINT members_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE invitations (
  id                  BINARY(16)  NOT NULL,
  workspace_id        BINARY(16)  NOT NULL,
  invitee_account_id  BINARY(16)  NOT NULL,
  role                TINYINT     NOT NULL,
  PRIMARY KEY (workspace_id, id),
  INDEX invitations_by_invitee (invitee_account_id),
  CONSTRAINT invitations_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Documents and their versions. Every version is what its author's client signed (the
-- manifest), its sealed metadata (title, file name, type, tags: ciphertext) and the sealed
-- content, stored as blob parts in the order they were received.
CREATE TABLE documents (
  workspace_id     BINARY(16)  NOT NULL,
  id               BINARY(16)  NOT NULL,
  first_author_id  BINARY(16)  NOT NULL,
  current_version  BIGINT      NOT NULL,
  deleted          BOOLEAN     NOT NULL,
  PRIMARY KEY (workspace_id, id),
  CONSTRAINT documents_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE document_versions (
  workspace_id     BINARY(16)     NOT NULL,
  document_id      BINARY(16)     NOT NULL,
  version          BIGINT         NOT NULL,
  epoch            BIGINT         NOT NULL,
  upload_id        BINARY(16)     NOT NULL,
  manifest         VARBINARY(2048) NOT NULL,
  signature        BINARY(64)     NOT NULL,
  metadata         BLOB           NULL,
  content_length   BIGINT         NOT NULL,
  original_length  BIGINT         NOT NULL,
  created_on       DATE           NOT NULL,
  PRIMARY KEY (workspace_id, document_id, version),
  CONSTRAINT versions_upload UNIQUE (upload_id),
  CONSTRAINT versions_document FOREIGN KEY (workspace_id, document_id)
    REFERENCES documents (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An upload in progress: the signed manifest and sealed metadata arrive first, the sealed
-- streams follow in parts (so a dropped connection resumes where it stopped); the version
-- exists only once an upload completes, in one transaction.
CREATE TABLE uploads (
  id                 BINARY(16)      NOT NULL PRIMARY KEY,
  workspace_id       BINARY(16)      NOT NULL,
  document_id        BINARY(16)      NOT NULL,
  version            BIGINT          NOT NULL,
  epoch              BIGINT          NOT NULL,
  account_id         BINARY(16)      NOT NULL,
  manifest           VARBINARY(2048) NOT NULL,
  signature          BINARY(64)      NOT NULL,
  metadata           BLOB            NULL,
  content_length     BIGINT          NOT NULL,
  original_length    BIGINT          NOT NULL,
  created_at         DATETIME        NOT NULL,
  completed          BOOLEAN         NOT NULL,
  INDEX uploads_by_workspace (workspace_id),
  CONSTRAINT uploads_workspace FOREIGN KEY (workspace_id) REFERENCES workspaces (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- stream: 1 content, 2 original. A part is recorded only after its blob is stored whole.
CREATE TABLE upload_parts (
  upload_id    BINARY(16)  NOT NULL,
  stream       TINYINT     NOT NULL,
  start        BIGINT      NOT NULL,
  length       BIGINT      NOT NULL,
  blob_id      CHAR(32)    NOT NULL,
  PRIMARY KEY (upload_id, stream, start),
  CONSTRAINT parts_upload FOREIGN KEY (upload_id) REFERENCES uploads (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
