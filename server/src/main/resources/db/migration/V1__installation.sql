-- The identity of this database, made once when the schema is first created.
CREATE TABLE installation (
  singleton  TINYINT     NOT NULL PRIMARY KEY CHECK (singleton = 1),
  id         CHAR(32)    NOT NULL,
  created_on DATE        NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
