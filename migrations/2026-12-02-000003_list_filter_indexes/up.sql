-- Every filter of the customer list has an index to read from.

-- Each customer's tag ids, kept by the database from customer_tags (whatever writes them: the
-- form, a merge, an import, a deleted tag), so that the tag filter is a condition on the
-- customer row: a GIN index finds the tagged customers, and the list's name index carries the
-- ids, so that a page of tagged customers comes from one index-only scan.
ALTER TABLE customers ADD COLUMN tag_ids BIGINT[] NOT NULL DEFAULT '{}';

UPDATE customers c SET tag_ids = t.ids
  FROM (SELECT customer_id, array_agg(tag_id ORDER BY tag_id) AS ids
          FROM customer_tags GROUP BY 1) t
 WHERE c.id = t.customer_id;

CREATE FUNCTION customer_tags_apply() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER customer_tags_insert AFTER INSERT ON customer_tags
    REFERENCING NEW TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION customer_tags_apply();
CREATE TRIGGER customer_tags_delete AFTER DELETE ON customer_tags
    REFERENCING OLD TABLE AS changed_tags FOR EACH STATEMENT EXECUTE FUNCTION customer_tags_apply();

CREATE FUNCTION customer_tags_apply_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE customers c
       SET tag_ids = coalesce((SELECT array_agg(ct.tag_id ORDER BY ct.tag_id)
                                 FROM customer_tags ct WHERE ct.customer_id = c.id), '{}')
     WHERE c.id IN (SELECT customer_id FROM old_tags UNION SELECT customer_id FROM new_tags);
    RETURN NULL;
END $$;
CREATE TRIGGER customer_tags_update AFTER UPDATE ON customer_tags
    REFERENCING OLD TABLE AS old_tags NEW TABLE AS new_tags
    FOR EACH STATEMENT EXECUTE FUNCTION customer_tags_apply_update();

CREATE INDEX customers_tag_ids_gin ON customers USING gin (tag_ids);

-- The default sort's index carries the tag ids too (see covering_list_indexes).
DROP INDEX customers_legal_name_idx;
CREATE INDEX customers_legal_name_idx ON customers (legal_name, id)
    INCLUDE (relationship_status, kind, customer_type, active, review_flag, customer_group_id,
             sales_channel_id, tag_ids);

-- Group, sales channel and active had no index carrying the other filters (sales channel and
-- active none at all): their counts read the table. Partial, so that customers without a group
-- or channel, and active ones (the many, which the list counts by estimate), cost no entry.
DROP INDEX customers_group_idx;
CREATE INDEX customers_group_idx ON customers (customer_group_id, id)
    INCLUDE (relationship_status, kind, customer_type, active, review_flag, sales_channel_id)
    WHERE customer_group_id IS NOT NULL;
CREATE INDEX customers_sales_channel_idx ON customers (sales_channel_id, id)
    INCLUDE (relationship_status, kind, customer_type, active, review_flag, customer_group_id)
    WHERE sales_channel_id IS NOT NULL;
CREATE INDEX customers_inactive_idx ON customers (id)
    INCLUDE (relationship_status, kind, customer_type, review_flag, customer_group_id, sales_channel_id)
    WHERE NOT active;
