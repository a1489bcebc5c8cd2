-- The value of a customer's orders is kept per currency: amounts in different currencies are
-- never added up into one number that means nothing. customers.order_currency names the one
-- currency of the customer's orders (NULL with no orders, or with several currencies, which the
-- pages then list one by one); customers.order_value_cents stays the list's sort key and, with
-- several currencies, is the sum of the amounts as they stand (documented in the README).
CREATE TABLE customer_order_totals (
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    currency     TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    order_count  INTEGER NOT NULL CHECK (order_count >= 0),
    value_cents  BIGINT NOT NULL,
    PRIMARY KEY (customer_id, currency)
);

ALTER TABLE customers ADD COLUMN order_currency TEXT;

INSERT INTO customer_order_totals (customer_id, currency, order_count, value_cents)
SELECT customer_id, currency, count(*),
       coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0)
  FROM orders GROUP BY 1, 2;
UPDATE customers c SET order_currency = t.currency
  FROM (SELECT customer_id, min(currency) AS currency FROM customer_order_totals
         GROUP BY 1 HAVING count(*) = 1) t
 WHERE c.id = t.customer_id;

-- Statement-level, as before: a million-row import touches each customer and currency once,
-- and each customer row is written once per statement. The customers are locked first, so that
-- two transactions adding orders to one customer take turns: the later one's next statements see
-- the earlier one's committed totals.
CREATE OR REPLACE FUNCTION orders_apply_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched BIGINT[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT customer_id) INTO touched FROM new_orders;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT customer_id) INTO touched FROM old_orders;
    ELSE
        SELECT array_agg(customer_id) INTO touched
          FROM (SELECT customer_id FROM old_orders UNION SELECT customer_id FROM new_orders) u;
    END IF;
    IF touched IS NULL THEN
        RETURN NULL;
    END IF;
    PERFORM 1 FROM customers WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;

    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE customer_order_totals t
           SET order_count = t.order_count - d.n, value_cents = t.value_cents - d.v
          FROM (SELECT customer_id, currency, count(*) AS n,
                       coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0) AS v
                  FROM old_orders GROUP BY 1, 2) d
         WHERE t.customer_id = d.customer_id AND t.currency = d.currency;
        DELETE FROM customer_order_totals t
         WHERE t.order_count = 0 AND t.customer_id = ANY (touched);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO customer_order_totals AS t (customer_id, currency, order_count, value_cents)
        SELECT customer_id, currency, count(*),
               coalesce(sum(total_cents) FILTER (WHERE status <> 'cancelled'), 0)
          FROM new_orders GROUP BY 1, 2
        ON CONFLICT (customer_id, currency) DO UPDATE
           SET order_count = t.order_count + excluded.order_count,
               value_cents = t.value_cents + excluded.value_cents;
    END IF;

    -- Each touched customer's count, value and currency, from its totals as they now stand.
    UPDATE customers c
       SET order_count = s.n, order_value_cents = s.v, order_currency = s.currency
      FROM (SELECT a.customer_id, coalesce(sum(t.order_count), 0)::integer AS n,
                   coalesce(sum(t.value_cents), 0)::bigint AS v,
                   CASE WHEN count(t.currency) = 1 THEN min(t.currency) END AS currency
              FROM unnest(touched) AS a (customer_id)
              LEFT JOIN customer_order_totals t ON t.customer_id = a.customer_id
             GROUP BY a.customer_id) s
     WHERE c.id = s.customer_id
       AND (c.order_count, c.order_value_cents, c.order_currency)
           IS DISTINCT FROM (s.n, s.v, s.currency);
    RETURN NULL;
END $$;
