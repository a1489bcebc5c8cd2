-- "Anything" in the search box also finds phones, postcodes and cities.

-- Each phone number's digits, the two numbers separated by a space: a search's digits are then
-- one LIKE fragment that the trigram index answers (a regular expression that allows a space
-- between any two digits could not use it well).
DROP INDEX customers_phone_digits_trgm;
ALTER TABLE customers DROP COLUMN phone_digits;
ALTER TABLE customers ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS
    (nullif(btrim(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g') || ' '
                  || regexp_replace(coalesce(alt_phone, ''), '[^0-9]', '', 'g')), '')) STORED;
CREATE INDEX customers_phone_digits_trgm ON customers USING gin (phone_digits gin_trgm_ops);

-- Postcodes, whole (the Postcode field) or their beginning ("EH24" under Anything), and cities
-- folded like names, whole or their beginning.
DROP INDEX customer_addresses_postcode_idx;
CREATE INDEX customer_addresses_postcode_idx
    ON customer_addresses (upper(replace(postcode, ' ', '')) text_pattern_ops, customer_id);
CREATE INDEX customer_addresses_city_idx
    ON customer_addresses (clientele_fold(city) text_pattern_ops, customer_id);
