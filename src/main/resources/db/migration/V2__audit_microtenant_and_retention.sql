-- An event about a microtenant's key carries that microtenant, so that an administrator confined to
-- it reads only its own events.
ALTER TABLE audit_event ADD COLUMN microtenant_id CHAR(36) NULL AFTER customer_id;

-- The retention purge deletes by age across all customers.
CREATE INDEX ix_audit_event_occurred ON audit_event (occurred_at);
