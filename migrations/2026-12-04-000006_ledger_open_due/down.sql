CREATE OR REPLACE FUNCTION ledger_open_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_open (entry_id, customer_id, currency, open_cents)
    SELECT id, customer_id, currency, abs(amount_cents) FROM new_entries;
    RETURN NULL;
END $$;
DROP INDEX ledger_open_due_idx;
CREATE INDEX ledger_open_customer_idx ON ledger_open (customer_id, currency);
ALTER TABLE ledger_open DROP COLUMN debit, DROP COLUMN due_on, DROP COLUMN posted_on;
