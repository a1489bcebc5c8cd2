DROP TABLE staff_changes;
DELETE FROM user_tokens WHERE staff_account_id IS NOT NULL;
DROP INDEX user_tokens_staff_account;
ALTER TABLE user_tokens DROP CONSTRAINT user_tokens_one_holder;
ALTER TABLE user_tokens DROP COLUMN staff_account_id;
ALTER TABLE user_tokens ALTER COLUMN user_id SET NOT NULL;
ALTER TABLE staff DROP COLUMN limited_to_own_customers;
DELETE FROM staff WHERE password_hash IS NULL;
ALTER TABLE staff ALTER COLUMN password_hash SET NOT NULL;
