-- The translation plugin's tables, in its own schema. Only ids, language tags, versions, dates
-- and statuses: never a title, a file name or a word of any document (the server has none).

-- A document (the translation) linked as the language version of a version of another
-- document (its source) in the same workspace. One translation has one source.
CREATE TABLE language_versions (
  translation_id   CHAR(32)     NOT NULL PRIMARY KEY,
  workspace_id     CHAR(32)     NOT NULL,
  source_id        CHAR(32)     NOT NULL,
  source_version   BIGINT       NOT NULL,
  translation_version BIGINT    NOT NULL,
  source_language  VARCHAR(2)   NOT NULL,
  language         VARCHAR(2)   NOT NULL,
  machine_engine   VARCHAR(40)  NULL,
  linked_by        CHAR(32)     NOT NULL,
  linked_at        DATETIME     NOT NULL,
  KEY by_source (workspace_id, source_id)
);

-- A request for a document's translation into one language.
CREATE TABLE requests (
  id               CHAR(32)     NOT NULL PRIMARY KEY,
  workspace_id     CHAR(32)     NOT NULL,
  source_id        CHAR(32)     NOT NULL,
  source_version   BIGINT       NOT NULL,
  language         VARCHAR(2)   NOT NULL,
  due_on           DATE         NOT NULL,
  assignee         CHAR(32)     NULL,
  status           VARCHAR(20)  NOT NULL,
  translation_id   CHAR(32)     NULL,
  requested_by     CHAR(32)     NOT NULL,
  requested_at     DATETIME     NOT NULL,
  KEY by_workspace (workspace_id, due_on)
);
