DELETE FROM customer_history
 WHERE entity IN ('catalog', 'product', 'stock_location') OR action IN ('enable', 'disable');
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info'));
DROP INDEX customer_catalogs_catalog_idx;
DROP TABLE customer_stock_locations;
DROP TABLE customer_products;
DROP TABLE catalog_products;
DROP TABLE product_stock;
DROP TABLE product_prices;
DROP TABLE products;
DROP INDEX catalogs_name_lower_key;
ALTER TABLE catalogs
    DROP CONSTRAINT catalogs_name_check,
    DROP COLUMN lock_version,
    DROP COLUMN updated_at;
