-- Addresses and contacts use the customers' optimistic lock: an integer bumped by every save,
-- which an edit form carries and the model's transaction compares (instead of the timestamp).
ALTER TABLE customer_addresses ADD COLUMN lock_version integer NOT NULL DEFAULT 0;
ALTER TABLE customer_contacts ADD COLUMN lock_version integer NOT NULL DEFAULT 0;
