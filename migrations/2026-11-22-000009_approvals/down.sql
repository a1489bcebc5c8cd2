DELETE FROM customer_history WHERE entity IN ('request', 'relationship');
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge'));
DROP TABLE requests;
DROP TABLE customer_services;
DROP TABLE customer_catalogs;
DROP TABLE catalogs;
