DROP INDEX IF EXISTS customers_salesperson_id_idx;
DROP FUNCTION IF EXISTS clientele_customers_of(BIGINT);
ALTER TABLE staff DROP COLUMN IF EXISTS limited_to_own_customers;
