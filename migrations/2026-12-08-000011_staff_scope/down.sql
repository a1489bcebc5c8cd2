DROP INDEX IF EXISTS customers_salesperson_id_idx;
DROP FUNCTION IF EXISTS clientele_customers_of(BIGINT);
