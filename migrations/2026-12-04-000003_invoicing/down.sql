ALTER TABLE vendor_settings DROP COLUMN vendor_name, DROP COLUMN vendor_address;
DROP TABLE credit_limit_changes;
DELETE FROM order_events WHERE kind = 'invoiced';
ALTER TABLE order_events DROP CONSTRAINT order_events_kind_check;
ALTER TABLE order_events ADD CONSTRAINT order_events_kind_check CHECK (kind IN ('placed', 'held',
    'payment', 'released', 'allocated', 'prioritised', 'unprioritised', 'shipped', 'cancelled',
    'note'));
