-- Versions their workspace published (a public level, approved by a second owner when the
-- workspace had two or more, checked against the signed disclosure log): the version's key,
-- released by the publishing member's client so that anyone may read that version. Only a
-- published version's key is ever stored, and its row goes when the document's level changes
-- again or the document is removed. Dates only, no time of day.
CREATE TABLE public_releases (
  workspace_id         BINARY(16) NOT NULL,
  document_id          BINARY(16) NOT NULL,
  version              BIGINT     NOT NULL,
  document_key         BINARY(32) NOT NULL,
  -- the disclosure entry (a public level) that published it
  disclosure_sequence  BIGINT     NOT NULL,
  published_on         DATE       NOT NULL,
  PRIMARY KEY (workspace_id, document_id),
  INDEX releases_by_date (published_on),
  CONSTRAINT releases_document FOREIGN KEY (workspace_id, document_id)
    REFERENCES documents (workspace_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The name a workspace chose to show beside what it publishes (an owner sets it); NULL: none.
-- Unlike the workspace's own name, which stays sealed, this one is public by choice.
ALTER TABLE workspaces ADD COLUMN public_name VARCHAR(120) NULL;
