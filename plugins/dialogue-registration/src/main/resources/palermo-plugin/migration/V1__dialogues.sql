-- The dialogue-registration plugin's tables, in its own schema. Organizations register by
-- their workspace; what is stored is what the rules circulate (organization names,
-- representatives' account ids, objections' reasons), never the content of documents.
CREATE TABLE dialogues (
  id             CHAR(32)      NOT NULL PRIMARY KEY,
  working_group  VARCHAR(40)   NOT NULL,
  held_on        DATE          NOT NULL,
  minimum        INT           NOT NULL,
  status         VARCHAR(20)   NOT NULL,
  summary        TEXT          NULL,
  created_by     CHAR(32)      NOT NULL
);

CREATE TABLE registrations (
  dialogue_id    CHAR(32)      NOT NULL,
  workspace_id   CHAR(32)      NOT NULL,
  organization   VARCHAR(200)  NOT NULL,
  status         VARCHAR(20)   NOT NULL,
  registered_on  DATE          NOT NULL,
  comments       CHAR(32)      NULL,
  PRIMARY KEY (dialogue_id, workspace_id)
);

CREATE TABLE representatives (
  dialogue_id    CHAR(32)      NOT NULL,
  workspace_id   CHAR(32)      NOT NULL,
  account_id     CHAR(32)      NOT NULL,
  PRIMARY KEY (dialogue_id, workspace_id, account_id)
);

CREATE TABLE objections (
  dialogue_id    CHAR(32)      NOT NULL,
  workspace_id   CHAR(32)      NOT NULL,
  state          CHAR(3)       NOT NULL,
  reason         VARCHAR(1000) NOT NULL,
  made_on        DATE          NOT NULL,
  PRIMARY KEY (dialogue_id, workspace_id, state)
);

-- Each change of a registration's status, for the organization to see.
CREATE TABLE history (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  dialogue_id    CHAR(32)      NOT NULL,
  workspace_id   CHAR(32)      NOT NULL,
  status         VARCHAR(20)   NOT NULL,
  note           VARCHAR(1000) NOT NULL,
  changed_on     DATE          NOT NULL,
  KEY history_registration (dialogue_id, workspace_id, id)
);
