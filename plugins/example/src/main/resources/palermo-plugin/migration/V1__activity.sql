-- The example plugin's tables, in its own schema (palermo_plugin_example).
CREATE TABLE activity (
  workspace_id  CHAR(32)     NOT NULL,
  kind          VARCHAR(40)  NOT NULL,
  events        BIGINT       NOT NULL,
  PRIMARY KEY (workspace_id, kind)
);

CREATE TABLE seen (
  workspace_id   CHAR(32)  NOT NULL PRIMARY KEY,
  last_sequence  BIGINT    NOT NULL
);
