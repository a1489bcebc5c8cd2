-- Flags and the watch list mark few customers, and the list counts every match of a small
-- filter in one pass sorted by name. Read through the table, that pass cost 15-22 ms for the
-- 2,000 flagged or watched customers of 100k (300 and 185 requests/s); each now has a partial
-- index in name order carrying the filter columns, so the pass reads only the index.

-- Whether the customer has a watch note, kept by the database from watch_notes, so that the
-- watch filter is a condition on the customer row (as tag_ids is for tags).
ALTER TABLE customers ADD COLUMN watched BOOLEAN NOT NULL DEFAULT false;
UPDATE customers SET watched = true WHERE id IN (SELECT customer_id FROM watch_notes);

CREATE FUNCTION watch_notes_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE customers SET watched = false
         WHERE id = OLD.customer_id AND watched
           AND NOT EXISTS (SELECT 1 FROM watch_notes w WHERE w.customer_id = OLD.customer_id);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE customers SET watched = true WHERE id = NEW.customer_id AND NOT watched;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER watch_notes_watched AFTER INSERT OR DELETE OR UPDATE OF customer_id ON watch_notes
    FOR EACH ROW EXECUTE FUNCTION watch_notes_apply();

CREATE INDEX customers_watched_name_idx ON customers (legal_name, id)
    INCLUDE (relationship_status, kind, customer_type, active, review_flag, customer_group_id,
             sales_channel_id, tag_ids)
    WHERE watched;
CREATE INDEX customers_flag_name_idx ON customers (review_flag, legal_name, id)
    INCLUDE (relationship_status, kind, customer_type, active, customer_group_id,
             sales_channel_id, tag_ids, watched)
    WHERE review_flag IS NOT NULL;
