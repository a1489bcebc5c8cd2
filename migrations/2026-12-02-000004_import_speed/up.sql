-- The tag trigger works set-wise: one join of the changed customers with their tags, instead of
-- two correlated subqueries per customer (an import that writes every customer's tags paid
-- 15 s for 100,000 customers). It writes only the customers whose ids really change, so an
-- import that already set tag_ids with the row costs one comparison per customer.
CREATE OR REPLACE FUNCTION customer_tags_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE customers c
       SET tag_ids = n.ids
      FROM (SELECT ch.customer_id,
                   coalesce(array_agg(ct.tag_id ORDER BY ct.tag_id)
                            FILTER (WHERE ct.tag_id IS NOT NULL), '{}') AS ids
              FROM (SELECT DISTINCT customer_id FROM changed_tags) ch
              LEFT JOIN customer_tags ct ON ct.customer_id = ch.customer_id
             GROUP BY ch.customer_id) n
     WHERE c.id = n.customer_id AND c.tag_ids IS DISTINCT FROM n.ids;
    RETURN NULL;
END $$;
