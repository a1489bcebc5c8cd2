-- Search support. Both extensions are "trusted": a database owner may create them.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE (its dictionary could change); this wrapper pins the dictionary so
-- it can feed generated columns and indexes.
CREATE FUNCTION clientele_fold(t TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(public.unaccent('public.unaccent'::regdictionary, t));

-- Orders ----------------------------------------------------------------------------------------

CREATE TABLE orders (
    id                BIGSERIAL PRIMARY KEY,
    order_number      TEXT NOT NULL CHECK (btrim(order_number) <> ''),
    customer_id       BIGINT NOT NULL REFERENCES customers (id),
    placed_at         TIMESTAMPTZ NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('unallocated', 'allocated', 'dispatched', 'cancelled')),
    total_cents       BIGINT NOT NULL CHECK (total_cents >= 0),
    currency          TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    invoice_number    TEXT CHECK (invoice_number IS NULL OR btrim(invoice_number) <> ''),
    tracking_number   TEXT CHECK (tracking_number IS NULL OR btrim(tracking_number) <> ''),
    channel           TEXT NOT NULL CHECK (channel IN ('web', 'edi', 'ebay', 'amazon')),
    channel_order_id  TEXT,
    channel_user_id   TEXT,
    priority          BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX orders_order_number_key ON orders (order_number);
CREATE UNIQUE INDEX orders_invoice_number_key ON orders (invoice_number) WHERE invoice_number IS NOT NULL;
CREATE UNIQUE INDEX orders_tracking_number_key ON orders (tracking_number) WHERE tracking_number IS NOT NULL;
CREATE UNIQUE INDEX orders_channel_order_id_key ON orders (channel_order_id) WHERE channel_order_id IS NOT NULL;
CREATE INDEX orders_channel_user_id_idx ON orders (channel_user_id) WHERE channel_user_id IS NOT NULL;
CREATE INDEX orders_customer_placed_idx ON orders (customer_id, placed_at DESC, id DESC);
CREATE INDEX orders_placed_at_idx ON orders (placed_at DESC, id DESC);

-- Each customer's number and value of orders, kept right by the database whatever writes the
-- orders (a page, an import, a console). Cancelled orders count but add no value. Statement-level
-- triggers with transition tables: a million-row import updates each customer once.
ALTER TABLE customers
    ADD COLUMN order_count INTEGER NOT NULL DEFAULT 0 CHECK (order_count >= 0),
    ADD COLUMN order_value_cents BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION orders_apply_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE customers c SET order_count = c.order_count - d.n, order_value_cents = c.order_value_cents - d.v
          FROM (SELECT customer_id, count(*) AS n,
                       coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0) AS v
                  FROM old_orders GROUP BY customer_id) d
         WHERE c.id = d.customer_id;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        UPDATE customers c SET order_count = c.order_count + d.n, order_value_cents = c.order_value_cents + d.v
          FROM (SELECT customer_id, count(*) AS n,
                       coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0) AS v
                  FROM new_orders GROUP BY customer_id) d
         WHERE c.id = d.customer_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER orders_totals_insert AFTER INSERT ON orders
    REFERENCING NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_apply_totals();
CREATE TRIGGER orders_totals_update AFTER UPDATE ON orders
    REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_apply_totals();
CREATE TRIGGER orders_totals_delete AFTER DELETE ON orders
    REFERENCING OLD TABLE AS old_orders FOR EACH STATEMENT EXECUTE FUNCTION orders_apply_totals();

-- Finding customers ---------------------------------------------------------------------------

ALTER TABLE customers
    -- Name and trading name folded (lower case, no accents): `muller` finds `Müller GmbH`.
    ADD COLUMN search_name TEXT GENERATED ALWAYS AS
        (clientele_fold(legal_name || ' ' || coalesce(trading_name, ''))) STORED,
    -- Phone numbers as digits only: punctuation and spaces never get in the way.
    ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS
        (nullif(regexp_replace(coalesce(phone, '') || ' ' || coalesce(alt_phone, ''), '[^0-9 ]', '', 'g'), ' ')) STORED;
CREATE INDEX customers_search_name_trgm ON customers USING gin (search_name gin_trgm_ops);
CREATE INDEX customers_phone_digits_trgm ON customers USING gin (phone_digits gin_trgm_ops);
CREATE INDEX customers_email_lower_idx ON customers (lower(email));
CREATE INDEX customers_legal_name_idx ON customers (legal_name, id);
CREATE INDEX customers_order_count_idx ON customers (order_count, id);
CREATE INDEX customers_order_value_idx ON customers (order_value_cents, id);
CREATE INDEX customers_created_at_idx ON customers (created_at DESC, id DESC);
CREATE INDEX customer_addresses_postcode_idx ON customer_addresses (upper(replace(postcode, ' ', '')));
