ALTER TABLE customer_contacts DROP COLUMN lock_version;
ALTER TABLE customer_addresses DROP COLUMN lock_version;
