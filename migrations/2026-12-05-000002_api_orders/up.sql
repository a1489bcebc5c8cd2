-- An API POST sent with an `Idempotency-Key` is done once: the key is reserved (its primary
-- key) in the transaction that does the work, so a second request with the same key waits for
-- the first and then answers its response again (or, should the first have failed, does the
-- work itself). The fingerprint is a digest of the route and body: the same key with another
-- body is refused.
CREATE TABLE api_idempotency (
    client_id BIGINT NOT NULL REFERENCES api_clients (id),
    key TEXT NOT NULL,
    fingerprint BYTEA NOT NULL,
    status SMALLINT,
    body TEXT,
    location TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (client_id, key)
);
CREATE INDEX api_idempotency_age ON api_idempotency (client_id, created_at);

-- Where an order stands with the vendor's ERP: NULL when its customer's orders integration was
-- not active when it was placed (nothing goes to the ERP), 'waiting' while the customer has no
-- account number to send it under, 'released' once it is in the orders feed.
ALTER TABLE orders ADD COLUMN erp TEXT CHECK (erp IN ('waiting', 'released'));
CREATE INDEX orders_erp_waiting ON orders (customer_id) WHERE erp = 'waiting';

-- The date an acknowledged (allocated) order is expected to leave.
ALTER TABLE orders ADD COLUMN expected_on DATE;

-- The orders feed, in commit order: each released order with the id of the transaction that
-- released it. A reader sees only rows of transactions older than every one still running
-- (`pg_snapshot_xmin`), read in (xid, order) order, so a row that commits late can never land
-- behind a cursor already handed out.
CREATE TABLE order_feed (
    order_id BIGINT PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
    -- The releasing transaction's full id (an xid8, as a number: it never wraps).
    xid BIGINT NOT NULL DEFAULT pg_current_xact_id()::text::bigint,
    released_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX order_feed_position ON order_feed (xid, order_id);

-- Releases the waiting orders of a customer into the feed once it can take them: its orders
-- integration active and its account number set. The triggers call it whatever sets either
-- (the form, the API, an import, an approval).
CREATE FUNCTION release_erp_orders(customer BIGINT) RETURNS void LANGUAGE sql AS $$
    WITH released AS (
        UPDATE orders o SET erp = 'released'
         WHERE o.customer_id = customer AND o.erp = 'waiting'
           AND EXISTS (SELECT 1 FROM customers c
                        WHERE c.id = customer AND btrim(coalesce(c.account_number, '')) <> '')
           AND EXISTS (SELECT 1 FROM customer_services s
                        WHERE s.customer_id = customer AND s.service = 'orders'
                          AND s.status = 'active')
        RETURNING o.id)
    INSERT INTO order_feed (order_id) SELECT id FROM released ORDER BY id;
$$;

CREATE FUNCTION customers_release_erp_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM release_erp_orders(NEW.id);
    RETURN NULL;
END $$;
CREATE TRIGGER customers_release_erp_orders AFTER UPDATE OF account_number ON customers
    FOR EACH ROW WHEN (NEW.account_number IS NOT NULL
                       AND NEW.account_number IS DISTINCT FROM OLD.account_number)
    EXECUTE FUNCTION customers_release_erp_orders();

CREATE FUNCTION services_release_erp_orders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM release_erp_orders(NEW.customer_id);
    RETURN NULL;
END $$;
CREATE TRIGGER services_release_erp_orders AFTER INSERT OR UPDATE OF status ON customer_services
    FOR EACH ROW WHEN (NEW.service = 'orders' AND NEW.status = 'active')
    EXECUTE FUNCTION services_release_erp_orders();

-- A store's code by its id: the API names stores by code.
CREATE FUNCTION store_code(store BIGINT) RETURNS TEXT STABLE LANGUAGE sql
    AS $$ SELECT code FROM stores WHERE id = store $$;
