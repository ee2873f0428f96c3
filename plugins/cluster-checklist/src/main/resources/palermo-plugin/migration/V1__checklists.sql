-- The cluster-checklist plugin's tables, in its own schema. Ids only: notes are sealed by the
-- members' clients and stored as workspace documents; here is their document id.
CREATE TABLE profiles (
  workspace_id    CHAR(32)      NOT NULL PRIMARY KEY,
  state           VARCHAR(100)  NOT NULL,
  instruments     VARCHAR(300)  NOT NULL,
  party_to_uncac  BOOLEAN       NOT NULL,
  review_group    INT           NOT NULL,
  start_year      INT           NOT NULL,
  updated_by      CHAR(32)      NOT NULL,
  updated_on      DATE          NOT NULL
);

CREATE TABLE items (
  workspace_id  CHAR(32)     NOT NULL,
  checklist     VARCHAR(20)  NOT NULL,
  item          VARCHAR(80)  NOT NULL,
  position      INT          NOT NULL,
  instrument    VARCHAR(40)  NULL,
  status        VARCHAR(20)  NOT NULL,
  notes         CHAR(32)     NULL,
  updated_by    CHAR(32)     NULL,
  updated_on    DATE         NULL,
  PRIMARY KEY (workspace_id, checklist, item)
);

CREATE TABLE item_assignees (
  workspace_id  CHAR(32)     NOT NULL,
  checklist     VARCHAR(20)  NOT NULL,
  item          VARCHAR(80)  NOT NULL,
  account_id    CHAR(32)     NOT NULL,
  PRIMARY KEY (workspace_id, checklist, item, account_id)
);

CREATE TABLE item_documents (
  workspace_id  CHAR(32)     NOT NULL,
  checklist     VARCHAR(20)  NOT NULL,
  item          VARCHAR(80)  NOT NULL,
  document_id   CHAR(32)     NOT NULL,
  PRIMARY KEY (workspace_id, checklist, item, document_id)
);
