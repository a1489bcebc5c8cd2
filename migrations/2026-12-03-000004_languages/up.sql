-- Each person's language and time zone (NULL: not chosen; the browser's language and the vendor's
-- zone then apply), and the language a customer is written to in (NULL: its country's).
ALTER TABLE staff
    ADD COLUMN language TEXT CHECK (language ~ '^[a-z]{2,3}$'),
    ADD COLUMN time_zone TEXT CHECK (char_length(time_zone) BETWEEN 1 AND 64);
ALTER TABLE customer_users
    ADD COLUMN language TEXT CHECK (language ~ '^[a-z]{2,3}$'),
    ADD COLUMN time_zone TEXT CHECK (char_length(time_zone) BETWEEN 1 AND 64);
ALTER TABLE customers
    ADD COLUMN language TEXT CHECK (language ~ '^[a-z]{2,3}$');
