CREATE OR REPLACE FUNCTION customer_tags_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE customers c
       SET tag_ids = coalesce((SELECT array_agg(ct.tag_id ORDER BY ct.tag_id)
                                 FROM customer_tags ct WHERE ct.customer_id = c.id), '{}')
     WHERE c.id IN (SELECT customer_id FROM changed_tags)
       AND c.tag_ids IS DISTINCT FROM
           coalesce((SELECT array_agg(ct.tag_id ORDER BY ct.tag_id)
                       FROM customer_tags ct WHERE ct.customer_id = c.id), '{}');
    RETURN NULL;
END $$;
