DELETE FROM customer_history WHERE entity = 'posting';
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location', 'user'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable', 'answer', 'invite', 'revoke', 'view_as'));
DROP TABLE ledger_allocations;
DROP TABLE ledger_entries;
DROP TABLE customer_balances;
DROP FUNCTION ledger_apply_balances();
DROP FUNCTION ledger_allocation_fits();
DROP FUNCTION ledger_immutable();
DROP FUNCTION ledger_not_truncated();
ALTER TABLE customers DROP COLUMN balance_currency;
DROP SEQUENCE payment_numbers;
DROP SEQUENCE credit_note_numbers;
DROP SEQUENCE invoice_numbers;
DROP FUNCTION vendor_today();
