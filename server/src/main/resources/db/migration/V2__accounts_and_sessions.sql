-- Pseudonymous accounts: a handle and public keys, no e-mail, no phone. The server keeps a slow
-- hash of the client's authentication key (never the key), the client's KDF parameters and its
-- sealed key bundle, which only the passphrase or the recovery key opens.
CREATE TABLE accounts (
  id               BINARY(16)     NOT NULL PRIMARY KEY,
  handle           VARCHAR(32)    NOT NULL,
  device_id        BINARY(16)     NOT NULL,
  signing_key      VARBINARY(64)  NOT NULL,
  agreement_key    VARBINARY(64)  NOT NULL,
  kdf_parameters   VARBINARY(128) NOT NULL,
  key_bundle       VARBINARY(1024) NOT NULL,
  verifier         VARBINARY(128) NOT NULL,
  created_on       DATE           NOT NULL,
  CONSTRAINT accounts_handle UNIQUE (handle)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Sessions: only a SHA-256 of the 256-bit token is stored. Times are for expiry, kept to the
-- minute; no address, no user agent.
CREATE TABLE sessions (
  id            BINARY(16)  NOT NULL PRIMARY KEY,
  token_hash    BINARY(32)  NOT NULL,
  account_id    BINARY(16)  NOT NULL,
  created_at    DATETIME    NOT NULL,
  last_used_at  DATETIME    NOT NULL,
  expires_at    DATETIME    NOT NULL,
  CONSTRAINT sessions_token UNIQUE (token_hash),
  CONSTRAINT sessions_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE,
  INDEX sessions_by_account (account_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Secrets every node shares, made once: e.g. the key that derives stand-in login parameters for
-- handles that do not exist, so that answers do not tell which handles do.
CREATE TABLE server_secrets (
  name   VARCHAR(64)   NOT NULL PRIMARY KEY,
  value  VARBINARY(64) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
