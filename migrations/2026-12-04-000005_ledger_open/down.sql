DROP INDEX ledger_allocations_at_idx;
DROP TRIGGER ledger_allocations_open ON ledger_allocations;
DROP FUNCTION ledger_open_allocations();
DROP TRIGGER ledger_entries_open ON ledger_entries;
DROP FUNCTION ledger_open_entries();
DROP TABLE ledger_open;
