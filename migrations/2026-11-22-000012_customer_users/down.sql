ALTER TABLE customer_history DROP COLUMN actor_label;
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location'));
ALTER TABLE requests DROP COLUMN answered_at;
ALTER TABLE requests DROP COLUMN answer;
ALTER TABLE requests DROP CONSTRAINT requests_requested_by_user_fk;
ALTER TABLE sessions DROP COLUMN customer_user_id;
DROP TABLE user_tokens;
DROP TABLE customer_users;
