-- Products, their list prices and stock, the catalogs that offer them, the products made for
-- one customer or a few, and the stores whose stock a customer may see.

-- Catalogs (migration 000009) are now kept by administrators: renamed, switched on and off, with
-- optimistic locking like customers; names are unique whatever their case.
ALTER TABLE catalogs
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN lock_version INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT catalogs_name_check CHECK (btrim(name) <> '' AND length(name) <= 120);
CREATE UNIQUE INDEX catalogs_name_lower_key ON catalogs (lower(name));

-- A product is public (offered through catalogs) or specific (offered only to the customers in
-- customer_products, never through a catalog). The pair (id, specific) is what the two link
-- tables reference, each pinned to one value of `specific`: the database itself refuses a
-- specific product in a catalog, a public product linked to a customer, and a change of
-- `specific` while the product has links of the other kind.
CREATE TABLE products (
    id           BIGSERIAL PRIMARY KEY,
    sku          TEXT NOT NULL CHECK (sku ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
    name         TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    description  TEXT CHECK (length(description) <= 4000),
    unit         TEXT NOT NULL DEFAULT 'each' CHECK (btrim(unit) <> '' AND length(unit) <= 40),
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    specific     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Optimistic locking: every change (the form's, or an import's) bumps it.
    lock_version INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT products_id_specific_key UNIQUE (id, specific)
);
-- SKUs are unique whatever their case: abc-1 and ABC-1 are one product.
CREATE UNIQUE INDEX products_sku_key ON products (lower(sku));
-- Search by a fragment of the SKU or the name, in any case (ILIKE '%…%').
CREATE INDEX products_sku_trgm ON products USING gin (sku gin_trgm_ops);
CREATE INDEX products_name_trgm ON products USING gin (name gin_trgm_ops);
CREATE INDEX products_name_idx ON products (name, sku);

-- List prices: one per product and price list, in the price list's currency.
CREATE TABLE product_prices (
    product_id    BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    price_list_id BIGINT NOT NULL REFERENCES price_lists (id) ON DELETE CASCADE,
    price_cents   BIGINT NOT NULL CHECK (price_cents >= 0),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, price_list_id)
);
CREATE INDEX product_prices_price_list_idx ON product_prices (price_list_id, product_id);

-- Stock on hand per store (inventory location).
CREATE TABLE product_stock (
    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    store_id   BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    quantity   INTEGER NOT NULL CHECK (quantity >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (product_id, store_id)
);
CREATE INDEX product_stock_store_idx ON product_stock (store_id, product_id);

-- The public products of each catalog.
CREATE TABLE catalog_products (
    catalog_id       BIGINT NOT NULL REFERENCES catalogs (id) ON DELETE CASCADE,
    product_id       BIGINT NOT NULL,
    product_specific BOOLEAN NOT NULL DEFAULT FALSE CHECK (NOT product_specific),
    added_by         BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    added_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, product_id),
    FOREIGN KEY (product_id, product_specific) REFERENCES products (id, specific) ON DELETE CASCADE
);
CREATE INDEX catalog_products_product_idx ON catalog_products (product_id);

-- The specific products of each customer.
CREATE TABLE customer_products (
    customer_id      BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id       BIGINT NOT NULL,
    product_specific BOOLEAN NOT NULL DEFAULT TRUE CHECK (product_specific),
    enabled_by       BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    enabled_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, product_id),
    FOREIGN KEY (product_id, product_specific) REFERENCES products (id, specific) ON DELETE CASCADE
);
CREATE INDEX customer_products_product_idx ON customer_products (product_id);

-- The stores whose stock a customer's users may see.
CREATE TABLE customer_stock_locations (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    store_id    BIGINT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    enabled_by  BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    enabled_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, store_id)
);

-- For the portal: the customers of a catalog (customer_catalogs' key starts with the customer).
CREATE INDEX customer_catalogs_catalog_idx ON customer_catalogs (catalog_id, customer_id);

-- The history also records which catalogs, specific products and stock locations were enabled
-- and disabled for a customer, and by whom.
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable'));
