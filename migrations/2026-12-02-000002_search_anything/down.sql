DROP INDEX customer_addresses_city_idx;
DROP INDEX customer_addresses_postcode_idx;
CREATE INDEX customer_addresses_postcode_idx ON customer_addresses (upper(replace(postcode, ' ', '')));
DROP INDEX customers_phone_digits_trgm;
ALTER TABLE customers DROP COLUMN phone_digits;
ALTER TABLE customers ADD COLUMN phone_digits TEXT GENERATED ALWAYS AS
    (nullif(regexp_replace(coalesce(phone, '') || ' ' || coalesce(alt_phone, ''), '[^0-9 ]', '', 'g'), ' ')) STORED;
CREATE INDEX customers_phone_digits_trgm ON customers USING gin (phone_digits gin_trgm_ops);
