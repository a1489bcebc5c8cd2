-- "Anything" runs its lookups inside functions, whose plans PostgreSQL keeps per connection:
-- planned with the list's query each time, the union of lookups over a table with two dozen
-- indexes took 1-3 ms to plan and 0.1 ms to run. A prefix is a range (text_pattern_ops order),
-- which a kept plan can use as it cannot a LIKE with a parameter for its pattern.

-- The customers an identifier belongs to, each with the identifier's place in the order the
-- search tries them (account number, email, order, invoice, tracking number, marketplace order
-- id, marketplace user id), at most `cap` per identifier.
CREATE FUNCTION clientele_identifier_matches(q text, cap integer)
    RETURNS TABLE (field integer, id bigint) LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN QUERY
        (SELECT 0, c.id FROM customers c WHERE c.account_number = q LIMIT cap)
        UNION ALL (SELECT 1, c.id FROM customers c WHERE lower(c.email) = lower(q) LIMIT cap)
        UNION ALL (SELECT DISTINCT 2, o.customer_id FROM orders o WHERE o.order_number = q LIMIT cap)
        UNION ALL (SELECT DISTINCT 3, o.customer_id FROM orders o WHERE o.invoice_number = q LIMIT cap)
        UNION ALL (SELECT DISTINCT 4, o.customer_id FROM orders o WHERE o.tracking_number = q LIMIT cap)
        UNION ALL (SELECT DISTINCT 5, o.customer_id FROM orders o WHERE o.channel_order_id = q LIMIT cap)
        UNION ALL (SELECT DISTINCT 6, o.customer_id FROM orders o WHERE o.channel_user_id = q LIMIT cap);
END $$;

-- The customers "Anything" finds by other than an identifier: `pattern` (LIKE-escaped) within
-- the name, `words` at the start of an address's city, `digits` within a phone number, `code` at
-- the start of an address's postcode (upper case, no spaces). An empty `digits` or `code` is not
-- searched. A customer may come more than once.
CREATE FUNCTION clientele_anything_ids(pattern text, words text, digits text, code text)
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

-- What each of these customers (a page of them) was found by under "Anything", with the same
-- terms: the name, a phone number, a postcode, a city (the primary address's first).
CREATE FUNCTION clientele_anything_found(pattern text, digits text, code text, ids bigint[])
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
