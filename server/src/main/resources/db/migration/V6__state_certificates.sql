-- The public list of State certificates: the operator-signed entries of one hash chain, stored
-- as sent once each was verified against the entries before it. Anyone may read it; only
-- entries signed by the operator key named in entry 0 are accepted.
CREATE TABLE state_certificates (
  sequence  BIGINT          NOT NULL PRIMARY KEY,
  entry     VARBINARY(4096) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
