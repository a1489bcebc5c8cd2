DROP INDEX orders_store_status_idx;
DROP INDEX orders_status_placed_idx;
DROP INDEX orders_queue_idx;
DROP TABLE order_events;
ALTER TABLE orders DROP COLUMN carrier, DROP COLUMN dispatched_at, DROP COLUMN cancel_reason,
    DROP COLUMN payment_reference;
