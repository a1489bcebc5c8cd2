-- "Anything" finds a phone number by its end, as people type numbers: the whole number with its
-- country code (`+44 20 9516 4298`), the national number with its trunk 0 (`020 9516 4298`), or
-- its last digits (`9516 4298`), whichever way the customer's number was written. Each number
-- is kept as a key: its digits without leading zeros (a trunk 0, an international 00), reversed,
-- so that "ends with" is a range in a btree index. The typed digits find a number whose key
-- begins with theirs (the number ends with what was typed), or whose key of at least seven
-- digits the typed key begins with (what was typed ends with the number: the country code
-- typed, not stored).
--
-- Measured at 1M customers: the trigram index on the digits answered "contains" in 2.7 ms, as
-- every digit trigram is common; the ranges take a few hundredths of a millisecond. "Search in:
-- Phone" keeps "contains".

CREATE FUNCTION clientele_phone_key(digits TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN nullif(reverse(ltrim(digits, '0')), '');

-- customers.phone_digits holds the phone's digits, a space and the other phone's digits.
CREATE INDEX customers_phone_key_idx
    ON customers (clientele_phone_key(split_part(phone_digits, ' ', 1)) text_pattern_ops)
    WHERE phone_digits IS NOT NULL;
CREATE INDEX customers_alt_phone_key_idx
    ON customers (clientele_phone_key(split_part(phone_digits, ' ', 2)) text_pattern_ops)
    WHERE phone_digits LIKE '% %';

-- Whether a number (as written) is found by the key of what was typed.
CREATE FUNCTION clientele_phone_found(number TEXT, typed TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN (SELECT starts_with(k, typed) OR (length(k) >= 7 AND starts_with(typed, k))
              FROM clientele_phone_key(regexp_replace(number, '[^0-9]', '', 'g')) AS k);

CREATE OR REPLACE FUNCTION clientele_anything_ids(pattern text, words text, digits text, code text)
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

-- What each customer of a page was found by, with the same terms; a city is looked up only for
-- a customer found by none of name, phone and postcode.
CREATE OR REPLACE FUNCTION clientele_anything_found(pattern text, digits text, code text, ids bigint[])
    RETURNS TABLE (id bigint, by_name boolean, phone text, postcode text, city text)
    LANGUAGE plpgsql STABLE
    SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    typed text := clientele_phone_key(digits);
BEGIN
    RETURN QUERY
    SELECT f.id, f.by_name, f.phone, f.postcode,
           CASE WHEN NOT f.by_name AND f.phone IS NULL AND f.postcode IS NULL THEN
               (SELECT a.city FROM customer_addresses a
                 WHERE a.customer_id = f.id
                   AND clientele_fold(a.city) LIKE clientele_fold(pattern) || '%'
                 ORDER BY a.is_primary DESC, a.id LIMIT 1)
           END
      FROM (SELECT c.id,
                   coalesce(c.search_name LIKE '%' || clientele_fold(pattern) || '%', false) AS by_name,
                   CASE WHEN typed IS NULL THEN NULL
                        WHEN clientele_phone_found(c.phone, typed) THEN c.phone
                        WHEN clientele_phone_found(c.alt_phone, typed) THEN c.alt_phone END AS phone,
                   (SELECT a.postcode FROM customer_addresses a
                     WHERE a.customer_id = c.id AND code <> ''
                       AND upper(replace(a.postcode, ' ', '')) LIKE code || '%'
                     ORDER BY a.is_primary DESC, a.id LIMIT 1) AS postcode
              FROM customers c WHERE c.id = ANY (ids)) f;
END $$;
