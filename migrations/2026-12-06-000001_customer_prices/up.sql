-- A customer's contract prices, from its price file (the ERP's PUT /api/v1/customers/{id}/prices
-- or a file staff upload on the Catalogs and products tab). Each file replaces all of them.
-- A price is in the currency of the customer's price list; it holds from `min_quantity` on,
-- between `valid_from` and `valid_to` (both days included; open when NULL), and overrides the
-- list price less the customer's discount.
CREATE TABLE customer_prices (
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id   BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    min_quantity INT NOT NULL DEFAULT 1 CHECK (min_quantity >= 1),
    valid_from   DATE,
    valid_to     DATE,
    price_cents  BIGINT NOT NULL CHECK (price_cents >= 0),
    CHECK (valid_to >= valid_from)
);
-- One price per product, quantity and start; the lookup reads a customer's product's prices.
CREATE UNIQUE INDEX customer_prices_key
    ON customer_prices (customer_id, product_id, min_quantity, coalesce(valid_from, '-infinity'));

-- The last file applied to a customer: how many prices, when, from where and by whom.
CREATE TABLE customer_price_files (
    customer_id BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    prices      INT NOT NULL,
    replaced_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    staff_id    BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    actor_label TEXT
);

ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location', 'user', 'posting', 'prices'));
