-- Reference data kept by administrators -------------------------------------------------------

CREATE TABLE stores (
    id          BIGSERIAL PRIMARY KEY,
    code        TEXT NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 120),
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX stores_code_key ON stores (code);

CREATE TABLE price_lists (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 120),
    currency    TEXT NOT NULL DEFAULT 'EUR' CHECK (currency ~ '^[A-Z]{3}$'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX price_lists_name_key ON price_lists (lower(name));

-- A customer buys through exactly one sales channel, which decides its one price list.
CREATE TABLE sales_channels (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 120),
    price_list_id   BIGINT NOT NULL REFERENCES price_lists (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX sales_channels_name_key ON sales_channels (lower(name));

CREATE TABLE customer_groups (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 120),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_groups_name_key ON customer_groups (lower(name));

-- days NULL means prepaid: full payment before despatch.
CREATE TABLE payment_terms (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 120),
    days        INTEGER CHECK (days IS NULL OR days BETWEEN 0 AND 365),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_terms_name_key ON payment_terms (lower(name));

CREATE TABLE tags (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 60),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_name_key ON tags (lower(name));

INSERT INTO stores (code, name) VALUES ('MAIN', 'Main warehouse'), ('NORTH', 'North branch'), ('SOUTH', 'South branch');
INSERT INTO price_lists (name, currency) VALUES ('Retail', 'EUR'), ('Trade', 'EUR'), ('Wholesale', 'EUR');
INSERT INTO sales_channels (name, price_list_id) VALUES
    ('Web shop', (SELECT id FROM price_lists WHERE name = 'Retail')),
    ('Trade counter', (SELECT id FROM price_lists WHERE name = 'Trade')),
    ('Field sales', (SELECT id FROM price_lists WHERE name = 'Trade')),
    ('Distribution', (SELECT id FROM price_lists WHERE name = 'Wholesale')),
    ('Marketplace', (SELECT id FROM price_lists WHERE name = 'Retail'));
INSERT INTO customer_groups (name) VALUES ('Public'), ('Retailer'), ('Agent'), ('Wholesale');
INSERT INTO payment_terms (name, days) VALUES
    ('Full payment before despatch', NULL), ('Net 15', 15), ('Net 30', 30), ('Net 60', 60);
INSERT INTO tags (name) VALUES ('Key account'), ('Export'), ('Seasonal');

-- The customer record -------------------------------------------------------------------------

ALTER TABLE customers
    ADD COLUMN kind TEXT NOT NULL DEFAULT 'customer' CHECK (kind IN ('customer', 'organization')),
    ADD COLUMN customer_type TEXT NOT NULL DEFAULT 'business' CHECK (customer_type IN ('business', 'individual')),
    ADD COLUMN customer_group_id BIGINT REFERENCES customer_groups (id),
    ADD COLUMN sales_channel_id BIGINT REFERENCES sales_channels (id),
    ADD COLUMN default_store_id BIGINT REFERENCES stores (id),
    ADD COLUMN alt_phone TEXT,
    ADD COLUMN website TEXT,
    ADD COLUMN salesperson_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    ADD COLUMN tax_id TEXT,
    ADD COLUMN accounts_id TEXT,
    ADD COLUMN default_bank_account TEXT,
    ADD COLUMN forecast_code TEXT,
    ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN test_record BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN term_customer BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN allow_store_pickup BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN allow_cod BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN allow_payments_on_account BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN payment_terms_id BIGINT REFERENCES payment_terms (id),
    -- Money in cents of the vendor's currency. Available credit is derived (limit - balance).
    ADD COLUMN credit_limit_cents BIGINT NOT NULL DEFAULT 0 CHECK (credit_limit_cents >= 0),
    ADD COLUMN balance_cents BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN over_limit_policy TEXT NOT NULL DEFAULT 'warn' CHECK (over_limit_policy IN ('block', 'warn', 'allow')),
    -- Customer-individual discount in hundredths of a percent (1250 = 12.50 %).
    ADD COLUMN discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
    ADD COLUMN sales_tax_type TEXT NOT NULL DEFAULT 'taxable' CHECK (sales_tax_type IN ('taxable', 'government', 'wholesale', 'other')),
    ADD COLUMN exempt_jurisdictions TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN review_flag TEXT CHECK (review_flag IN ('red', 'orange', 'yellow', 'green', 'blue', 'purple', 'CHK')),
    ADD COLUMN internal_remark TEXT,
    ADD COLUMN price_list_email TEXT,
    ADD COLUMN relationship_status TEXT NOT NULL DEFAULT 'active'
        CHECK (relationship_status IN ('pending', 'active', 'rejected', 'blocked', 'inactive')),
    ADD COLUMN organization_id BIGINT REFERENCES customers (id),
    ADD COLUMN bill_to_id BIGINT REFERENCES customers (id),
    ADD COLUMN master_id BIGINT REFERENCES customers (id),
    ADD COLUMN merged_into_id BIGINT REFERENCES customers (id),
    -- Optimistic locking: every change bumps it; a save carrying an older one is refused.
    ADD COLUMN lock_version INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT customers_not_own_organization CHECK (organization_id IS NULL OR organization_id <> id),
    ADD CONSTRAINT customers_not_own_bill_to CHECK (bill_to_id IS NULL OR bill_to_id <> id),
    ADD CONSTRAINT customers_not_own_master CHECK (master_id IS NULL OR master_id <> id),
    ADD CONSTRAINT customers_exempt_only_when_taxable CHECK (sales_tax_type = 'taxable' OR cardinality(exempt_jurisdictions) = 0);

UPDATE customers SET default_store_id = (SELECT id FROM stores WHERE code = 'MAIN'),
    price_list_email = 'prices-' || substr(md5(random()::text || id::text), 1, 12) || '@clientele.invalid';
ALTER TABLE customers
    ALTER COLUMN default_store_id SET NOT NULL,
    ALTER COLUMN price_list_email SET NOT NULL;
CREATE UNIQUE INDEX customers_price_list_email_key ON customers (price_list_email);
CREATE INDEX customers_organization_id_idx ON customers (organization_id) WHERE organization_id IS NOT NULL;
CREATE INDEX customers_bill_to_id_idx ON customers (bill_to_id) WHERE bill_to_id IS NOT NULL;
CREATE INDEX customers_master_id_idx ON customers (master_id) WHERE master_id IS NOT NULL;
CREATE INDEX customers_merged_into_id_idx ON customers (merged_into_id) WHERE merged_into_id IS NOT NULL;

CREATE TABLE customer_tags (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    tag_id      BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (customer_id, tag_id)
);
CREATE INDEX customer_tags_tag_id_idx ON customer_tags (tag_id);

-- Addresses ------------------------------------------------------------------------------------

CREATE TABLE customer_addresses (
    id                  BIGSERIAL PRIMARY KEY,
    customer_id         BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN ('billing', 'shipping', 'admin')),
    label               TEXT,
    line1               TEXT NOT NULL CHECK (btrim(line1) <> ''),
    line2               TEXT,
    city                TEXT NOT NULL CHECK (btrim(city) <> ''),
    region              TEXT,
    postcode            TEXT,
    country             TEXT NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    phone               TEXT,
    is_primary          BOOLEAN NOT NULL DEFAULT FALSE,
    is_default_billing  BOOLEAN NOT NULL DEFAULT FALSE CHECK (NOT is_default_billing OR kind = 'billing'),
    is_default_shipping BOOLEAN NOT NULL DEFAULT FALSE CHECK (NOT is_default_shipping OR kind = 'shipping'),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_addresses_customer_id_idx ON customer_addresses (customer_id);
-- At most one primary, one default billing and one default shipping address per customer ...
CREATE UNIQUE INDEX customer_addresses_one_primary ON customer_addresses (customer_id) WHERE is_primary;
CREATE UNIQUE INDEX customer_addresses_one_default_billing ON customer_addresses (customer_id) WHERE is_default_billing;
CREATE UNIQUE INDEX customer_addresses_one_default_shipping ON customer_addresses (customer_id) WHERE is_default_shipping;

-- ... and, checked when the transaction commits, exactly one primary while any address exists.
CREATE FUNCTION customer_addresses_check_primary() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cid BIGINT := COALESCE(NEW.customer_id, OLD.customer_id);
BEGIN
    IF EXISTS (SELECT 1 FROM customer_addresses WHERE customer_id = cid)
       AND NOT EXISTS (SELECT 1 FROM customer_addresses WHERE customer_id = cid AND is_primary) THEN
        RAISE EXCEPTION 'customer % has addresses but no primary address', cid
            USING ERRCODE = 'check_violation', CONSTRAINT = 'customer_addresses_exactly_one_primary';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER customer_addresses_exactly_one_primary
    AFTER INSERT OR UPDATE OR DELETE ON customer_addresses
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION customer_addresses_check_primary();

-- Contacts -------------------------------------------------------------------------------------

CREATE TABLE customer_contacts (
    id              BIGSERIAL PRIMARY KEY,
    customer_id     BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name            TEXT NOT NULL CHECK (btrim(name) <> ''),
    job_title       TEXT,
    email           TEXT,
    phone           TEXT,
    is_primary      BOOLEAN NOT NULL DEFAULT FALSE,
    subscriptions   TEXT[] NOT NULL DEFAULT '{}' CHECK (subscriptions <@ ARRAY[
        'order_confirmation', 'invoice_posted', 'invoice_due', 'shipment_notification', 'statements',
        'suggested_order', 'sell_to_order_confirmation', 'sell_to_invoice_posted']::TEXT[]),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_contacts_customer_id_idx ON customer_contacts (customer_id);
CREATE UNIQUE INDEX customer_contacts_one_primary ON customer_contacts (customer_id) WHERE is_primary;

-- Notes and the watch list ---------------------------------------------------------------------

CREATE TABLE customer_notes (
    id          BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    staff_id    BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    body        TEXT NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 10000),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_notes_customer_id_idx ON customer_notes (customer_id, created_at DESC);

-- One watch-list warning per customer.
CREATE TABLE watch_notes (
    customer_id BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    body        TEXT NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 2000),
    staff_id    BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- History: who changed what, when, from what to what ---------------------------------------------

CREATE TABLE customer_history (
    id              BIGSERIAL PRIMARY KEY,
    -- Kept when the customer is deleted: the label says who it was.
    customer_id     BIGINT REFERENCES customers (id) ON DELETE SET NULL,
    customer_label  TEXT NOT NULL,
    staff_id        BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    -- The customer's lock_version this change produced (0 for changes to child records).
    version         INTEGER NOT NULL DEFAULT 0,
    entity          TEXT NOT NULL CHECK (entity IN ('customer', 'address', 'contact', 'note', 'watch', 'merge')),
    entity_id       BIGINT,
    action          TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'merge')),
    field           TEXT,
    old_value       TEXT,
    new_value       TEXT,
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX customer_history_customer_idx ON customer_history (customer_id, id DESC);
