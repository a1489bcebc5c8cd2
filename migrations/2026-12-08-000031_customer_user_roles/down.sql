DROP INDEX customer_users_admins;
ALTER TABLE customer_users DROP COLUMN role;
