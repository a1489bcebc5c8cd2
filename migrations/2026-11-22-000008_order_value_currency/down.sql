CREATE OR REPLACE FUNCTION orders_apply_totals() RETURNS trigger LANGUAGE plpgsql AS $$
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
ALTER TABLE customers DROP COLUMN order_currency;
DROP TABLE customer_order_totals;
