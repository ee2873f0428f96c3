-- Core events for plugins, written in the same transaction as the change they describe (an
-- outbox): ids and kinds only, never content, titles, keys, addresses. Every writer of a
-- workspace locks its row first, so within a workspace sequence order is commit order.
CREATE TABLE plugin_events (
  sequence      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id  BINARY(16)   NOT NULL,
  kind          VARCHAR(40)  NOT NULL,
  document_id   BINARY(16)   NULL,
  version       BIGINT       NOT NULL DEFAULT 0,
  account_id    BINARY(16)   NULL,
  level         VARCHAR(20)  NULL,
  occurred_at   DATETIME     NOT NULL,
  KEY plugin_events_workspace (workspace_id, sequence),
  KEY plugin_events_age (occurred_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each workspace's latest event, kept in the same transaction: delivery compares it with each
-- plugin's cursor instead of reading the events.
CREATE TABLE plugin_event_heads (
  workspace_id   BINARY(16)  NOT NULL PRIMARY KEY,
  last_sequence  BIGINT      NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A plugin with the events capability gets the events after the one that was last when it
-- first started.
CREATE TABLE plugin_event_subscribers (
  plugin_id      VARCHAR(40)  NOT NULL PRIMARY KEY,
  from_sequence  BIGINT       NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Per plugin and workspace: the last event delivered (or dead-lettered), the failures of the
-- next one so far and when to try it again, and which node holds it now (until leased_until).
-- Times are the database's own (NOW(3)), so nodes' clocks and time zones do not matter.
CREATE TABLE plugin_event_cursors (
  plugin_id        VARCHAR(40)  NOT NULL,
  workspace_id     BINARY(16)   NOT NULL,
  delivered        BIGINT       NOT NULL,
  failures         INT          NOT NULL DEFAULT 0,
  next_attempt_at  TIMESTAMP(3) NULL,
  leased_until     TIMESTAMP(3) NULL,
  lease_holder     BINARY(16)   NULL,
  PRIMARY KEY (plugin_id, workspace_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Events a plugin failed on every try: kept for the operator, skipped so later ones flow.
CREATE TABLE plugin_dead_letters (
  plugin_id  VARCHAR(40)   NOT NULL,
  sequence   BIGINT        NOT NULL,
  failures   INT           NOT NULL,
  reason     VARCHAR(300)  NOT NULL,
  failed_at  DATETIME      NOT NULL,
  PRIMARY KEY (plugin_id, sequence)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
