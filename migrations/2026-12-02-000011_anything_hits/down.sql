-- The lookups as the anything_phone_ends migration left them.
CREATE FUNCTION clientele_anything_ids(pattern text, words text, digits text, code text)
    RETURNS SETOF bigint LANGUAGE plpgsql STABLE ROWS 50
    SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    folded text := clientele_fold(words);
    typed text := clientele_phone_key(digits);
    shorter text[];
BEGIN
    RETURN QUERY SELECT c.id FROM customers c
                  WHERE c.search_name LIKE '%' || clientele_fold(pattern) || '%';
    RETURN QUERY SELECT a.customer_id FROM customer_addresses a
                  WHERE clientele_fold(a.city) ~>=~ folded
                    AND clientele_fold(a.city) ~<~ (folded || chr(1114111));
    IF typed IS NOT NULL THEN
        shorter := ARRAY(SELECT left(typed, n) FROM generate_series(7, length(typed) - 1) AS n);
        RETURN QUERY SELECT c.id FROM customers c
                      WHERE c.phone_digits IS NOT NULL
                        AND clientele_phone_key(split_part(c.phone_digits, ' ', 1)) ~>=~ typed
                        AND clientele_phone_key(split_part(c.phone_digits, ' ', 1)) ~<~ (typed || chr(1114111));
        RETURN QUERY SELECT c.id FROM customers c
                      WHERE c.phone_digits IS NOT NULL
                        AND clientele_phone_key(split_part(c.phone_digits, ' ', 1)) = ANY (shorter);
        RETURN QUERY SELECT c.id FROM customers c
                      WHERE c.phone_digits LIKE '% %'
                        AND clientele_phone_key(split_part(c.phone_digits, ' ', 2)) ~>=~ typed
                        AND clientele_phone_key(split_part(c.phone_digits, ' ', 2)) ~<~ (typed || chr(1114111));
        RETURN QUERY SELECT c.id FROM customers c
                      WHERE c.phone_digits LIKE '% %'
                        AND clientele_phone_key(split_part(c.phone_digits, ' ', 2)) = ANY (shorter);
    END IF;
    IF code <> '' THEN
        RETURN QUERY SELECT a.customer_id FROM customer_addresses a
                      WHERE upper(replace(a.postcode, ' ', '')) ~>=~ code
                        AND upper(replace(a.postcode, ' ', '')) ~<~ (code || chr(1114111));
    END IF;
END $$;

DROP FUNCTION clientele_anything_hits(text, text, text, text);
