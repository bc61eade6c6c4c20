-- The lookup digest of a generated secret (unsalted SHA-256 with a fixed prefix), by which a
-- reported leaked secret finds its key: the salted secret_hash cannot be searched. A key's previous
-- secret keeps its digest while its grace period lasts. Keys whose secret was set before this
-- migration have none: nobody knows their secrets; each gets its digest at its next successful
-- authentication, or with its next secret (docs/security.md, "Compromised-secret reports").
ALTER TABLE api_key
    ADD COLUMN secret_lookup          CHAR(43) NULL,
    ADD COLUMN previous_secret_lookup CHAR(43) NULL;

CREATE INDEX ix_api_key_secret_lookup ON api_key (secret_lookup);
CREATE INDEX ix_api_key_previous_secret_lookup ON api_key (previous_secret_lookup);
