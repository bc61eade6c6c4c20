-- Source-aware lockout (keymint.lockout.scope=key-and-source, docs/security.md). With the default
-- scope=key nothing here is ever written, and the new api_key columns stay NULL.
--
-- With key-and-source, api_key.failed_attempts counts the distinct sources that failed in the key's
-- current failure window, which these columns describe; untrusted_locked_until is the lock of the key
-- for every source that is not trusted, set by the max-sources-th failing source.
ALTER TABLE api_key
    ADD COLUMN source_window_started_at BIGINT NULL,
    ADD COLUMN source_window_ends_at    BIGINT NULL,
    ADD COLUMN untrusted_locked_until   BIGINT NULL;

-- One row per key and source: the source's consecutive failures in the window they were counted in,
-- its own lock, and until when it is trusted because it proved the right secret.
CREATE TABLE lockout_source (
    client_id         VARCHAR(64) NOT NULL,
    source            VARCHAR(64) NOT NULL,
    failed_attempts   INT         NOT NULL DEFAULT 0,
    counted_in_window BIGINT      NULL,
    locked_until      BIGINT      NULL,
    trusted_until     BIGINT      NULL,
    PRIMARY KEY (client_id, source),
    CONSTRAINT fk_lockout_source_api_key FOREIGN KEY (client_id) REFERENCES api_key (client_id) ON DELETE CASCADE,
    CONSTRAINT ck_lockout_source_failed_attempts CHECK (failed_attempts >= 0)
) ENGINE = InnoDB;
