DROP TABLE cart_lines;
DROP SEQUENCE order_numbers;
DROP TABLE order_lines;
DELETE FROM orders WHERE status IN ('awaiting_payment', 'credit_hold');
DROP INDEX orders_open_invoice_idx;
ALTER TABLE orders
    DROP COLUMN customer_reference, DROP COLUMN placed_by_user_id, DROP COLUMN placed_by_staff_id,
    DROP COLUMN placed_by_name, DROP COLUMN ship_to_address_id, DROP COLUMN ship_to,
    DROP COLUMN pickup_store_id, DROP COLUMN payment_method, DROP COLUMN payment_days,
    DROP COLUMN fulfilling_store_id, DROP COLUMN hold_reason, DROP COLUMN over_limit,
    DROP COLUMN paid_at, DROP COLUMN requested_delivery, DROP COLUMN note;
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
    ('unallocated', 'allocated', 'dispatched', 'cancelled'));
ALTER TABLE customers DROP COLUMN reference_required, DROP COLUMN minimum_order_cents;
