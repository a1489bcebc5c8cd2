DROP INDEX customers_inactive_idx;
DROP INDEX customers_sales_channel_idx;
DROP INDEX customers_group_idx;
CREATE INDEX customers_group_idx ON customers (customer_group_id, id);
DROP INDEX customers_legal_name_idx;
CREATE INDEX customers_legal_name_idx ON customers (legal_name, id)
    INCLUDE (relationship_status, kind, customer_type, active, review_flag, customer_group_id, sales_channel_id);
DROP TRIGGER customer_tags_update ON customer_tags;
DROP TRIGGER customer_tags_delete ON customer_tags;
DROP TRIGGER customer_tags_insert ON customer_tags;
DROP FUNCTION customer_tags_apply_update();
DROP FUNCTION customer_tags_apply();
ALTER TABLE customers DROP COLUMN tag_ids;
