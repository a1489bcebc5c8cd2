DROP INDEX orders_store_queue_idx;
CREATE INDEX orders_store_status_idx ON orders (fulfilling_store_id, status) WHERE fulfilling_store_id IS NOT NULL;
