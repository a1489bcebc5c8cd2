DROP TABLE customer_history;
DROP TABLE watch_notes;
DROP TABLE customer_notes;
DROP TABLE customer_contacts;
DROP TRIGGER customer_addresses_exactly_one_primary ON customer_addresses;
DROP TABLE customer_addresses;
DROP FUNCTION customer_addresses_check_primary();
DROP TABLE customer_tags;
ALTER TABLE customers
    DROP COLUMN kind, DROP COLUMN customer_type, DROP COLUMN customer_group_id, DROP COLUMN sales_channel_id,
    DROP COLUMN default_store_id, DROP COLUMN alt_phone, DROP COLUMN website, DROP COLUMN salesperson_id,
    DROP COLUMN tax_id, DROP COLUMN accounts_id, DROP COLUMN default_bank_account, DROP COLUMN forecast_code,
    DROP COLUMN active, DROP COLUMN test_record, DROP COLUMN term_customer, DROP COLUMN allow_store_pickup,
    DROP COLUMN allow_cod, DROP COLUMN allow_payments_on_account, DROP COLUMN payment_terms_id,
    DROP COLUMN credit_limit_cents, DROP COLUMN balance_cents, DROP COLUMN over_limit_policy,
    DROP COLUMN discount_bp, DROP COLUMN sales_tax_type, DROP COLUMN exempt_jurisdictions, DROP COLUMN review_flag,
    DROP COLUMN internal_remark, DROP COLUMN price_list_email, DROP COLUMN relationship_status,
    DROP COLUMN organization_id, DROP COLUMN bill_to_id, DROP COLUMN master_id, DROP COLUMN merged_into_id,
    DROP COLUMN lock_version;
DROP TABLE tags;
DROP TABLE payment_terms;
DROP TABLE customer_groups;
DROP TABLE sales_channels;
DROP TABLE price_lists;
DROP TABLE stores;
