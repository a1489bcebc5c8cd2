-- "Anything" for a text with digits (a postcode, a phone number) asks one function which
-- customers the text finds and by what, and the list then filters by those ids: the page's
-- "found by" notes come from the same call, where a second function had looked each customer of
-- the page up again (0.5-0.7 ms a page at 1M customers, a third of the database's time). Each
-- row says what found the customer: 'name', 'phone', 'postcode' or 'city', with the value as
-- written (a postcode or city: the primary address's first). A customer may come more than once.
CREATE FUNCTION clientele_anything_hits(pattern text, words text, digits text, code text)
    RETURNS TABLE (id bigint, kind text, value text) LANGUAGE plpgsql STABLE ROWS 50
    SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    folded text := clientele_fold(words);
    typed text := clientele_phone_key(digits);
    shorter text[];
BEGIN
    RETURN QUERY SELECT c.id, 'name', NULL::text FROM customers c
                  WHERE c.search_name LIKE '%' || clientele_fold(pattern) || '%';
    IF typed IS NOT NULL THEN
        shorter := ARRAY(SELECT left(typed, n) FROM generate_series(7, length(typed) - 1) AS n);
        -- Each lookup on its own: a kept plan does not combine a range and a list on one index.
        RETURN QUERY
            SELECT c.id, 'phone',
                   CASE WHEN clientele_phone_found(c.phone, typed) THEN c.phone ELSE c.alt_phone END
              FROM customers c
             WHERE c.phone_digits IS NOT NULL
               AND clientele_phone_key(split_part(c.phone_digits, ' ', 1)) ~>=~ typed
               AND clientele_phone_key(split_part(c.phone_digits, ' ', 1)) ~<~ (typed || chr(1114111));
        RETURN QUERY
            SELECT c.id, 'phone',
                   CASE WHEN clientele_phone_found(c.phone, typed) THEN c.phone ELSE c.alt_phone END
              FROM customers c
             WHERE c.phone_digits IS NOT NULL
               AND clientele_phone_key(split_part(c.phone_digits, ' ', 1)) = ANY (shorter);
        RETURN QUERY
            SELECT c.id, 'phone', c.alt_phone FROM customers c
             WHERE c.phone_digits LIKE '% %'
               AND clientele_phone_key(split_part(c.phone_digits, ' ', 2)) ~>=~ typed
               AND clientele_phone_key(split_part(c.phone_digits, ' ', 2)) ~<~ (typed || chr(1114111));
        RETURN QUERY
            SELECT c.id, 'phone', c.alt_phone FROM customers c
             WHERE c.phone_digits LIKE '% %'
               AND clientele_phone_key(split_part(c.phone_digits, ' ', 2)) = ANY (shorter);
    END IF;
    IF code <> '' THEN
        RETURN QUERY SELECT a.customer_id, 'postcode', a.postcode FROM customer_addresses a
                      WHERE upper(replace(a.postcode, ' ', '')) ~>=~ code
                        AND upper(replace(a.postcode, ' ', '')) ~<~ (code || chr(1114111))
                      ORDER BY a.is_primary DESC, a.id;
    END IF;
    RETURN QUERY SELECT a.customer_id, 'city', a.city FROM customer_addresses a
                  WHERE clientele_fold(a.city) ~>=~ folded
                    AND clientele_fold(a.city) ~<~ (folded || chr(1114111))
                  ORDER BY a.is_primary DESC, a.id;
END $$;

DROP FUNCTION clientele_anything_ids(text, text, text, text);
