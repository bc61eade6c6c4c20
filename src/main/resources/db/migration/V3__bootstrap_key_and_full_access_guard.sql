-- The bootstrap administrator key, which no other caller may delete, disable, demote or regenerate.
-- An installation from before this column gets the key the first start created: the one of the
-- installation's customer created in the same instant as the installation (managed keys come later).
ALTER TABLE installation ADD COLUMN bootstrap_client_id VARCHAR(64) NULL;

UPDATE installation i
   SET bootstrap_client_id = (SELECT k.client_id FROM api_key k
                               WHERE k.customer_id = i.customer_id AND k.created_at = i.created_at
                                 AND k.read_only = FALSE
                               ORDER BY k.client_id LIMIT 1)
 WHERE i.id = 1;

-- Written by every change that could take away a customer's last full-access key, before it checks
-- that one remains: such changes then run one after the other on one server, and on a Galera
-- cluster the second to commit fails certification instead of both succeeding.
ALTER TABLE customer ADD COLUMN full_access_guard BIGINT NOT NULL DEFAULT 0;
