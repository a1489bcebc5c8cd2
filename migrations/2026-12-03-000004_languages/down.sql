ALTER TABLE customers DROP COLUMN language;
ALTER TABLE customer_users DROP COLUMN language, DROP COLUMN time_zone;
ALTER TABLE staff DROP COLUMN language, DROP COLUMN time_zone;
