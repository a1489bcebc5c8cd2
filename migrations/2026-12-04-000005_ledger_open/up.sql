-- What is still open on each entry, kept beside the ledger so that a customer's Accounts tab
-- and statement read its open items without adding up the allocations of every entry it ever
-- had (the customer with the most invoices has tens of thousands). A row per entry with
-- something open; an entry settled has none. Statement triggers keep it, whoever writes the
-- ledger; a test recomputes it from the allocations after every kind of posting and compares.
CREATE TABLE ledger_open (
    entry_id BIGINT PRIMARY KEY REFERENCES ledger_entries (id),
    customer_id BIGINT NOT NULL,
    currency TEXT NOT NULL,
    open_cents BIGINT NOT NULL CHECK (open_cents > 0)
);
CREATE INDEX ledger_open_customer_idx ON ledger_open (customer_id, currency);

INSERT INTO ledger_open (entry_id, customer_id, currency, open_cents)
SELECT e.id, e.customer_id, e.currency, abs(e.amount_cents) - coalesce(t.taken, 0)
  FROM ledger_entries e
  LEFT JOIN (SELECT id, sum(amount_cents) AS taken
               FROM (SELECT credit_id AS id, amount_cents FROM ledger_allocations
                     UNION ALL SELECT debit_id, amount_cents FROM ledger_allocations) a
              GROUP BY id) t ON t.id = e.id
 WHERE abs(e.amount_cents) > coalesce(t.taken, 0);

CREATE FUNCTION ledger_open_entries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger_open (entry_id, customer_id, currency, open_cents)
    SELECT id, customer_id, currency, abs(amount_cents) FROM new_entries;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_open AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_open_entries();

CREATE FUNCTION ledger_open_allocations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- What the new allocations take off each entry they touch: an entry paid off leaves the
    -- table, the others keep what is left (the allocations' own trigger saw that none takes
    -- more than is open).
    WITH taken AS (SELECT id, sum(amount_cents) AS cents
                     FROM (SELECT credit_id AS id, amount_cents FROM new_allocations
                           UNION ALL SELECT debit_id, amount_cents FROM new_allocations) a
                    GROUP BY id),
         settled AS (DELETE FROM ledger_open o USING taken t
                      WHERE o.entry_id = t.id AND o.open_cents <= t.cents RETURNING o.entry_id)
    UPDATE ledger_open o SET open_cents = o.open_cents - t.cents
      FROM taken t
     WHERE o.entry_id = t.id AND o.open_cents > t.cents;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_allocations_open AFTER INSERT ON ledger_allocations
    REFERENCING NEW TABLE AS new_allocations FOR EACH STATEMENT
    EXECUTE FUNCTION ledger_open_allocations();

-- The allocations made since a day, for a statement's open items at that day's end.
CREATE INDEX ledger_allocations_at_idx ON ledger_allocations (allocated_at);
