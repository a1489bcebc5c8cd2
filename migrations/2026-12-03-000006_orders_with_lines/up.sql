-- Orders placed in the portal or on a customer's behalf: lines with the price fixed when the order
-- was placed, who placed it, its delivery and payment, the store that fulfils it, a hold, and
-- numbers from a sequence. Imported orders keep their columns and simply have no lines.

-- The customer's extended order settings.
ALTER TABLE customers
    ADD COLUMN reference_required BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN minimum_order_cents BIGINT NOT NULL DEFAULT 0 CHECK (minimum_order_cents >= 0);

-- Two statuses before an order reaches the dispatch queue's "ready": waiting for its payment
-- (paid before despatch) and held for credit.
ALTER TABLE orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN
    ('awaiting_payment', 'credit_hold', 'unallocated', 'allocated', 'dispatched', 'cancelled'));

ALTER TABLE orders
    ADD COLUMN customer_reference TEXT
        CHECK (customer_reference IS NULL OR (btrim(customer_reference) <> '' AND char_length(customer_reference) <= 60)),
    ADD COLUMN placed_by_user_id BIGINT REFERENCES customer_users (id) ON DELETE SET NULL,
    ADD COLUMN placed_by_staff_id BIGINT REFERENCES staff (id),
    ADD COLUMN placed_by_name TEXT,
    -- Delivery: one of the customer's shipping addresses (kept as text as it was when ordered),
    -- or pickup at a store.
    ADD COLUMN ship_to_address_id BIGINT REFERENCES customer_addresses (id) ON DELETE SET NULL,
    ADD COLUMN ship_to TEXT,
    ADD COLUMN pickup_store_id BIGINT REFERENCES stores (id),
    ADD COLUMN payment_method TEXT CHECK (payment_method IN ('invoice', 'cod', 'prepay')),
    ADD COLUMN payment_days INTEGER CHECK (payment_days IS NULL OR payment_days BETWEEN 0 AND 365),
    ADD COLUMN fulfilling_store_id BIGINT REFERENCES stores (id),
    ADD COLUMN hold_reason TEXT CHECK (hold_reason IS NULL OR btrim(hold_reason) <> ''),
    ADD COLUMN over_limit BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN paid_at TIMESTAMPTZ,
    ADD COLUMN requested_delivery DATE,
    ADD COLUMN note TEXT CHECK (note IS NULL OR char_length(note) <= 2000),
    ADD CONSTRAINT orders_one_delivery CHECK (ship_to_address_id IS NULL OR pickup_store_id IS NULL),
    ADD CONSTRAINT orders_held_with_reason CHECK ((status = 'credit_hold') = (hold_reason IS NOT NULL)
        OR status IN ('cancelled')),
    ADD CONSTRAINT orders_prepaid_before_ready CHECK (payment_method IS DISTINCT FROM 'prepay'
        OR paid_at IS NOT NULL OR status IN ('awaiting_payment', 'cancelled'));
-- Exposure: a customer's on-invoice orders not yet dispatched or cancelled.
CREATE INDEX orders_open_invoice_idx ON orders (customer_id)
    WHERE payment_method = 'invoice' AND status NOT IN ('dispatched', 'cancelled');

CREATE TABLE order_lines (
    order_id    BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    line_no     INTEGER NOT NULL CHECK (line_no > 0),
    product_id  BIGINT REFERENCES products (id) ON DELETE SET NULL,
    sku         TEXT NOT NULL,
    name        TEXT NOT NULL,
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    unit_cents  BIGINT NOT NULL CHECK (unit_cents >= 0),
    line_cents  BIGINT NOT NULL CHECK (line_cents = unit_cents * quantity),
    PRIMARY KEY (order_id, line_no)
);

-- Order numbers: SO- and seven or more digits, from a sequence that starts past every number
-- already used (imported ones included), so none is ever reused.
CREATE SEQUENCE order_numbers;
SELECT setval('order_numbers', m)
  FROM (SELECT max(substring(order_number FROM 4)::bigint) AS m
          FROM orders WHERE order_number ~ '^SO-[0-9]{1,18}$') s
 WHERE m IS NOT NULL AND m > 0;

-- A portal user's cart, per customer it orders for: kept until the order is placed.
CREATE TABLE cart_lines (
    user_id     BIGINT NOT NULL REFERENCES customer_users (id) ON DELETE CASCADE,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, customer_id, product_id)
);
