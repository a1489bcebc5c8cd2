-- The words of every customer's search name, each with the customer's name and id in list order:
-- an inverted index whose entries for one word are already sorted as the list sorts by name.
-- A name fragment without a space lies within one word, so the customers whose search names
-- hold it are those listed under the words that hold it: found in the (small) list of distinct
-- words by its trigram index, then paged by reading each such word's entries in name order and
-- stopping after a page, and counted from the entries alone. Neither the count nor the page
-- then visits the customers table, whose rows are wide (the trigram index on
-- customers.search_name points into it: at 100k customers, `müller` visited 1,472 pages of it for
-- 1,579 matches, 2.7 ms; at 1M, 15,358 matches).
CREATE TABLE customer_name_words (
    word        TEXT NOT NULL,
    legal_name  TEXT NOT NULL,
    customer_id BIGINT NOT NULL,
    PRIMARY KEY (word, legal_name, customer_id)
);

-- Every word that some customer's search name has held; a word no name holds any more stays
-- (it lists nobody, and costs one entry).
CREATE TABLE name_words (
    word TEXT PRIMARY KEY
);
CREATE INDEX name_words_trgm ON name_words USING gin (word gin_trgm_ops);

-- The distinct words of a search name (split at spaces).
CREATE FUNCTION clientele_name_words(search_name TEXT) RETURNS SETOF TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT DISTINCT w FROM unnest(string_to_array(search_name, ' ')) AS w WHERE w <> '' $$;

-- Kept by the database from every statement that writes customers, one set-based statement each
-- (an import writes a hundred thousand customers at once).
CREATE FUNCTION customer_name_words_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Split in one pass over the rows, and inserted in the index's order (an import's first
    -- load: 100k customers, 280k entries, 1.4 s row by row through a function, 1.0 s so).
    INSERT INTO customer_name_words (word, legal_name, customer_id)
        SELECT w, n.legal_name, n.id
        FROM new_customers n, unnest(string_to_array(n.search_name, ' ')) AS w
        WHERE w <> ''
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
    INSERT INTO name_words (word)
        SELECT DISTINCT w FROM new_customers n, unnest(string_to_array(n.search_name, ' ')) AS w
        WHERE w <> ''
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- A rename is one customer at a time (an edit, a merge, an import's changed rows): a row trigger
-- that only a change of the name or the trading name wakes (the order totals that the database
-- writes onto every customer do not).
CREATE FUNCTION customer_name_words_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_name_words c
        USING clientele_name_words(OLD.search_name) AS w
        WHERE c.word = w AND c.legal_name = OLD.legal_name AND c.customer_id = OLD.id;
    INSERT INTO customer_name_words (word, legal_name, customer_id)
        SELECT w, NEW.legal_name, NEW.id FROM clientele_name_words(NEW.search_name) AS w;
    INSERT INTO name_words (word)
        SELECT w FROM clientele_name_words(NEW.search_name) AS w
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE FUNCTION customer_name_words_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM customer_name_words c
        USING old_customers o, clientele_name_words(o.search_name) AS w
        WHERE c.word = w AND c.legal_name = o.legal_name AND c.customer_id = o.id;
    RETURN NULL;
END $$;

CREATE TRIGGER customers_name_words_insert AFTER INSERT ON customers
    REFERENCING NEW TABLE AS new_customers
    FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_insert();
CREATE TRIGGER customers_name_words_update AFTER UPDATE OF legal_name, trading_name ON customers
    FOR EACH ROW
    WHEN (OLD.legal_name IS DISTINCT FROM NEW.legal_name
          OR OLD.search_name IS DISTINCT FROM NEW.search_name)
    EXECUTE FUNCTION customer_name_words_update();
CREATE TRIGGER customers_name_words_delete AFTER DELETE ON customers
    REFERENCING OLD TABLE AS old_customers
    FOR EACH STATEMENT EXECUTE FUNCTION customer_name_words_delete();

INSERT INTO customer_name_words (word, legal_name, customer_id)
    SELECT w, c.legal_name, c.id FROM customers c, clientele_name_words(c.search_name) AS w;
INSERT INTO name_words (word)
    SELECT DISTINCT word FROM customer_name_words;

-- One page of the customers whose search names hold a LIKE-escaped fragment, in list order by
-- name (`descending` for Z to A), with their number (exact up to `cap`, then cap + 1): rows of
-- (id, total); a single row (NULL, total) when the page is past the end or nothing matched.
-- No row at all when the word index cannot answer: the folded fragment holds a space (it may
-- then span words), or more than `max_words` words hold it.
CREATE FUNCTION clientele_name_page(pattern TEXT, descending BOOLEAN, skip INTEGER, take INTEGER,
                                    cap INTEGER, max_words INTEGER)
    RETURNS TABLE (id BIGINT, total BIGINT)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    folded TEXT := clientele_fold(pattern);
    words TEXT[];
    matched BIGINT;
    most BIGINT;
    listed BIGINT;
BEGIN
    IF position(' ' IN folded) > 0 THEN
        RETURN;
    END IF;
    SELECT array_agg(m.word) INTO words
        FROM (SELECT nw.word FROM name_words nw WHERE nw.word LIKE '%' || folded || '%'
              LIMIT max_words + 1) m;
    IF cardinality(words) > max_words THEN
        RETURN;
    END IF;
    IF words IS NULL THEN
        RETURN QUERY SELECT NULL::BIGINT, 0::BIGINT;
        RETURN;
    END IF;
    -- One word lists each customer once: a word that lists more than `cap` settles the count;
    -- otherwise two words may list one customer twice, and are counted together.
    SELECT max(k.n), count(*) INTO most, listed
        FROM unnest(words) AS u(word), LATERAL (
            SELECT count(*) AS n FROM (
                SELECT 1 FROM customer_name_words c WHERE c.word = u.word LIMIT cap + 1) e) k;
    IF most > cap THEN
        matched := cap + 1;
    ELSIF listed = 1 THEN
        matched := most;
    ELSE
        SELECT least(count(DISTINCT c.customer_id), cap + 1) INTO matched
            FROM customer_name_words c WHERE c.word = ANY (words);
    END IF;
    -- Each word's first skip + take entries hold every customer of the first skip + take.
    IF descending THEN
        RETURN QUERY
            SELECT p.customer_id, matched FROM (
                SELECT DISTINCT x.legal_name, x.customer_id
                FROM unnest(words) AS u(word), LATERAL (
                    SELECT c.legal_name, c.customer_id FROM customer_name_words c
                    WHERE c.word = u.word
                    ORDER BY c.legal_name DESC, c.customer_id DESC LIMIT skip + take) x
            ) p
            ORDER BY p.legal_name DESC, p.customer_id DESC OFFSET skip LIMIT take;
    ELSE
        RETURN QUERY
            SELECT p.customer_id, matched FROM (
                SELECT DISTINCT x.legal_name, x.customer_id
                FROM unnest(words) AS u(word), LATERAL (
                    SELECT c.legal_name, c.customer_id FROM customer_name_words c
                    WHERE c.word = u.word
                    ORDER BY c.legal_name, c.customer_id LIMIT skip + take) x
            ) p
            ORDER BY p.legal_name, p.customer_id OFFSET skip LIMIT take;
    END IF;
    IF NOT FOUND THEN
        RETURN QUERY SELECT NULL::BIGINT, matched;
    END IF;
END $$;
