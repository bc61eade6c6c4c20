-- Instants are stored as epoch milliseconds (BIGINT): comparisons in the lockout statements are then
-- exact and independent of the session or server time zone of every instance.

CREATE TABLE installation (
    id          TINYINT      NOT NULL PRIMARY KEY,
    customer_id CHAR(36)     NOT NULL,
    created_at  BIGINT       NOT NULL
) ENGINE = InnoDB;

CREATE TABLE customer (
    id         CHAR(36)     NOT NULL PRIMARY KEY,
    name       VARCHAR(128) NOT NULL,
    created_at BIGINT       NOT NULL
) ENGINE = InnoDB;

CREATE TABLE microtenant (
    id          CHAR(36)     NOT NULL PRIMARY KEY,
    customer_id CHAR(36)     NOT NULL,
    name        VARCHAR(128) NOT NULL,
    description VARCHAR(512) NULL,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_microtenant_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT uq_microtenant_name UNIQUE (customer_id, name)
) ENGINE = InnoDB;

CREATE TABLE role (
    id          CHAR(36)     NOT NULL PRIMARY KEY,
    customer_id CHAR(36)     NOT NULL,
    name        VARCHAR(128) NOT NULL,
    description VARCHAR(512) NULL,
    predefined  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  BIGINT       NOT NULL,
    updated_at  BIGINT       NOT NULL,
    -- bumped on every change of the role or its permissions; caches key on (id, version)
    version     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_role_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT uq_role_name UNIQUE (customer_id, name)
) ENGINE = InnoDB;

CREATE TABLE role_permission (
    role_id    CHAR(36)     NOT NULL,
    permission VARCHAR(128) NOT NULL,
    PRIMARY KEY (role_id, permission),
    CONSTRAINT fk_role_permission_role FOREIGN KEY (role_id) REFERENCES role (id) ON DELETE CASCADE
) ENGINE = InnoDB;

CREATE TABLE api_key (
    client_id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    customer_id                 CHAR(36)     NOT NULL,
    microtenant_id              CHAR(36)     NULL,
    role_id                     CHAR(36)     NOT NULL,
    name                        VARCHAR(128) NOT NULL,
    status                      VARCHAR(16)  NOT NULL,
    session_validity_seconds    INT          NOT NULL,
    secret_hash                 VARCHAR(128) NOT NULL,
    previous_secret_hash        VARCHAR(128) NULL,
    previous_secret_expires_at  BIGINT       NULL,
    expires_at                  BIGINT       NULL,
    -- tokens issued before this instant are void (secret regenerated, key re-enabled, ...)
    tokens_valid_after          BIGINT       NOT NULL,
    failed_attempts             INT          NOT NULL DEFAULT 0,
    locked_until                BIGINT       NULL,
    read_only                   BOOLEAN      NOT NULL DEFAULT FALSE,
    managed_by                  VARCHAR(128) NULL,
    created_at                  BIGINT       NOT NULL,
    updated_at                  BIGINT       NOT NULL,
    last_used_at                BIGINT       NULL,
    version                     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT fk_api_key_customer FOREIGN KEY (customer_id) REFERENCES customer (id),
    CONSTRAINT fk_api_key_role FOREIGN KEY (role_id) REFERENCES role (id),
    CONSTRAINT fk_api_key_microtenant FOREIGN KEY (microtenant_id) REFERENCES microtenant (id),
    CONSTRAINT uq_api_key_name UNIQUE (customer_id, name),
    CONSTRAINT ck_api_key_status CHECK (status IN ('ENABLED', 'DISABLED')),
    CONSTRAINT ck_api_key_failed_attempts CHECK (failed_attempts >= 0)
) ENGINE = InnoDB;

CREATE INDEX ix_api_key_customer_created ON api_key (customer_id, created_at);
CREATE INDEX ix_api_key_role ON api_key (role_id);
CREATE INDEX ix_api_key_microtenant ON api_key (microtenant_id);

CREATE TABLE revoked_token (
    jti        VARCHAR(64) NOT NULL PRIMARY KEY,
    client_id  VARCHAR(64) NOT NULL,
    expires_at BIGINT      NOT NULL,
    revoked_at BIGINT      NOT NULL
) ENGINE = InnoDB;

CREATE INDEX ix_revoked_token_expires ON revoked_token (expires_at);

CREATE TABLE audit_event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id CHAR(36)     NOT NULL,
    occurred_at BIGINT       NOT NULL,
    actor       VARCHAR(256) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    target_type VARCHAR(32)  NOT NULL,
    target      VARCHAR(256) NULL,
    outcome     VARCHAR(16)  NOT NULL,
    details     TEXT         NULL
) ENGINE = InnoDB;

CREATE INDEX ix_audit_event_customer_time ON audit_event (customer_id, occurred_at);
