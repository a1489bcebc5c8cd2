-- An order's timeline says when it was invoiced (on dispatch, by the desk's "invoice" action,
-- or with a prepaid order's payment), with the invoice's number; and the credit history.
ALTER TABLE order_events DROP CONSTRAINT order_events_kind_check;
ALTER TABLE order_events ADD CONSTRAINT order_events_kind_check CHECK (kind IN ('placed', 'held',
    'payment', 'released', 'allocated', 'prioritised', 'unprioritised', 'shipped', 'cancelled',
    'note', 'invoiced'));

-- The credit history: every change of a customer's credit limit, with why. A change needs a
-- reason; the limit a customer is created with may come without one.
CREATE TABLE credit_limit_changes (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    old_cents BIGINT CHECK (old_cents >= 0),
    new_cents BIGINT NOT NULL CHECK (new_cents >= 0),
    reason TEXT CHECK (reason IS NULL OR (btrim(reason) <> '' AND char_length(reason) <= 500)),
    staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    changed_by TEXT NOT NULL CHECK (btrim(changed_by) <> ''),
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT credit_limit_change_says_why CHECK (old_cents IS NULL OR reason IS NOT NULL)
);
CREATE INDEX credit_limit_changes_customer_idx ON credit_limit_changes (customer_id, changed_at);

-- The vendor's name and address, as invoices and statements print them (VENDOR_NAME and
-- VENDOR_ADDRESS, written at start like the language and zone).
ALTER TABLE vendor_settings
    ADD COLUMN vendor_name TEXT NOT NULL DEFAULT 'Clientele' CHECK (btrim(vendor_name) <> ''),
    ADD COLUMN vendor_address TEXT NOT NULL DEFAULT '' CHECK (char_length(vendor_address) <= 500);
