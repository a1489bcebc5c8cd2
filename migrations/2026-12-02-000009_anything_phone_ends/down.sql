-- The functions as the anything_functions migration made them, with their kept plans.
CREATE OR REPLACE FUNCTION clientele_anything_ids(pattern text, words text, digits text, code text)
    RETURNS SETOF bigint LANGUAGE plpgsql STABLE ROWS 50 AS $$
DECLARE
    folded text := clientele_fold(words);
BEGIN
    RETURN QUERY SELECT c.id FROM customers c
                  WHERE c.search_name LIKE '%' || clientele_fold(pattern) || '%';
    RETURN QUERY SELECT a.customer_id FROM customer_addresses a
                  WHERE clientele_fold(a.city) ~>=~ folded
                    AND clientele_fold(a.city) ~<~ (folded || chr(1114111));
    IF digits <> '' THEN
        RETURN QUERY SELECT c.id FROM customers c WHERE c.phone_digits LIKE '%' || digits || '%';
    END IF;
    IF code <> '' THEN
        RETURN QUERY SELECT a.customer_id FROM customer_addresses a
                      WHERE upper(replace(a.postcode, ' ', '')) ~>=~ code
                        AND upper(replace(a.postcode, ' ', '')) ~<~ (code || chr(1114111));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION clientele_anything_found(pattern text, digits text, code text, ids bigint[])
    RETURNS TABLE (id bigint, by_name boolean, phone text, postcode text, city text)
    LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
    SELECT c.id, coalesce(c.search_name LIKE '%' || clientele_fold(pattern) || '%', false),
           CASE WHEN digits = '' THEN NULL
                WHEN regexp_replace(coalesce(c.phone, ''), '[^0-9]', '', 'g') LIKE '%' || digits || '%'
                THEN c.phone
                WHEN regexp_replace(coalesce(c.alt_phone, ''), '[^0-9]', '', 'g') LIKE '%' || digits || '%'
                THEN c.alt_phone END,
           (SELECT a.postcode FROM customer_addresses a
             WHERE a.customer_id = c.id AND code <> ''
               AND upper(replace(a.postcode, ' ', '')) LIKE code || '%'
             ORDER BY a.is_primary DESC, a.id LIMIT 1),
           (SELECT a.city FROM customer_addresses a
             WHERE a.customer_id = c.id AND clientele_fold(a.city) LIKE clientele_fold(pattern) || '%'
             ORDER BY a.is_primary DESC, a.id LIMIT 1)
      FROM customers c WHERE c.id = ANY (ids);
END $$;
ALTER FUNCTION clientele_anything_ids(text, text, text, text) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION clientele_anything_found(text, text, text, bigint[]) SET plan_cache_mode = force_generic_plan;

DROP FUNCTION clientele_phone_found(TEXT, TEXT);
DROP INDEX customers_alt_phone_key_idx;
DROP INDEX customers_phone_key_idx;
DROP FUNCTION clientele_phone_key(TEXT);
