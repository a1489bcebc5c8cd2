-- Receivables as a small, exact ledger. A customer's balance is what its entries add up to, per
-- currency; nothing types it any more. Every entry and every allocation is immutable once
-- posted: a mistake is corrected by a credit note or a reversal, which are entries themselves.

-- The vendor's own date: due dates and "overdue" are judged on it, not on UTC's.
CREATE FUNCTION vendor_today() RETURNS date LANGUAGE sql STABLE AS $$
    SELECT (now() AT TIME ZONE coalesce((SELECT time_zone FROM vendor_settings LIMIT 1), 'UTC'))::date
$$;

CREATE SEQUENCE invoice_numbers;
CREATE SEQUENCE credit_note_numbers;
CREATE SEQUENCE payment_numbers;

-- amount_cents is signed from the vendor's side: what the customer owes more (an invoice, an
-- opening balance owed, a reversed payment) is positive; what it paid or was credited is
-- negative. Minor units of `currency`; amounts of two currencies are never added.
CREATE TABLE ledger_entries (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    kind TEXT NOT NULL
        CHECK (kind IN ('opening', 'invoice', 'credit_note', 'payment', 'reversal')),
    number TEXT NOT NULL UNIQUE CHECK (btrim(number) <> ''),
    posted_on DATE NOT NULL,
    due_on DATE,
    currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_cents BIGINT NOT NULL CHECK (amount_cents <> 0),
    order_id BIGINT REFERENCES orders (id),
    reverses_id BIGINT UNIQUE REFERENCES ledger_entries (id),
    method TEXT CHECK (method IN ('bank_transfer', 'card', 'cash', 'cheque', 'direct_debit', 'other')),
    reference TEXT CHECK (reference IS NULL OR (btrim(reference) <> '' AND char_length(reference) <= 60)),
    reason TEXT CHECK (reason IS NULL OR (btrim(reason) <> '' AND char_length(reason) <= 500)),
    test_record BOOLEAN NOT NULL DEFAULT false,
    posted_by_staff_id BIGINT REFERENCES staff (id),
    posted_by_name TEXT NOT NULL CHECK (btrim(posted_by_name) <> ''),
    posted_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT ledger_invoice_owes CHECK (kind <> 'invoice' OR amount_cents > 0),
    CONSTRAINT ledger_credit_pays CHECK (kind NOT IN ('payment', 'credit_note') OR amount_cents < 0),
    CONSTRAINT ledger_reversal_names_its_entry CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL)),
    CONSTRAINT ledger_payment_has_method CHECK ((kind = 'payment') = (method IS NOT NULL)),
    CONSTRAINT ledger_debit_falls_due CHECK (kind NOT IN ('invoice', 'opening') OR due_on IS NOT NULL),
    CONSTRAINT ledger_reversal_says_why CHECK (kind <> 'reversal' OR reason IS NOT NULL)
);
-- An order is invoiced once.
CREATE UNIQUE INDEX ledger_entries_invoiced_order ON ledger_entries (order_id) WHERE kind = 'invoice';
CREATE INDEX ledger_entries_customer_idx ON ledger_entries (customer_id, posted_on, id);

-- What pays what: a credit entry (a payment, a credit note, a reversal of a debit) against a
-- debit entry (an invoice, an opening balance owed, a reversal of a payment), in one currency.
CREATE TABLE ledger_allocations (
    id BIGSERIAL PRIMARY KEY,
    credit_id BIGINT NOT NULL REFERENCES ledger_entries (id),
    debit_id BIGINT NOT NULL REFERENCES ledger_entries (id),
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    allocated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (credit_id <> debit_id)
);
CREATE INDEX ledger_allocations_credit_idx ON ledger_allocations (credit_id);
CREATE INDEX ledger_allocations_debit_idx ON ledger_allocations (debit_id);

CREATE FUNCTION ledger_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are immutable once posted (% on %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER ledger_entries_immutable BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
-- Emptying an empty ledger changes nothing (a first import of orders does, for a fresh file).
CREATE FUNCTION ledger_not_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM ledger_entries) THEN
        RAISE EXCEPTION 'ledger rows are immutable once posted (TRUNCATE on %)', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_not_truncated BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_not_truncated();
CREATE TRIGGER ledger_allocations_immutable BEFORE UPDATE OR DELETE ON ledger_allocations
    FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER ledger_allocations_not_truncated BEFORE TRUNCATE ON ledger_allocations
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_not_truncated();

-- An allocation fits, whoever writes it: both entries locked (in id order, so two allocations
-- of one payment from two tabs take turns), of one customer and currency, a credit against a
-- debit, neither more than what is still open.
CREATE FUNCTION ledger_allocation_fits() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c ledger_entries;
    d ledger_entries;
    credit_open BIGINT;
    debit_open BIGINT;
BEGIN
    PERFORM 1 FROM ledger_entries WHERE id IN (NEW.credit_id, NEW.debit_id) ORDER BY id FOR UPDATE;
    SELECT * INTO c FROM ledger_entries WHERE id = NEW.credit_id;
    SELECT * INTO d FROM ledger_entries WHERE id = NEW.debit_id;
    IF c.amount_cents >= 0 OR d.amount_cents <= 0 THEN
        RAISE EXCEPTION 'an allocation takes a credit entry against a debit entry'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_allocation_sides';
    END IF;
    IF c.customer_id <> d.customer_id OR c.currency <> d.currency THEN
        RAISE EXCEPTION 'an allocation stays within one customer and currency'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_allocation_same_account';
    END IF;
    SELECT -c.amount_cents - coalesce(sum(a.amount_cents), 0) INTO credit_open
      FROM ledger_allocations a WHERE a.credit_id = c.id;
    SELECT d.amount_cents - coalesce(sum(a.amount_cents), 0) INTO debit_open
      FROM ledger_allocations a WHERE a.debit_id = d.id;
    IF NEW.amount_cents > credit_open OR NEW.amount_cents > debit_open THEN
        RAISE EXCEPTION 'an allocation of % exceeds what is open (credit %, debit %)',
            NEW.amount_cents, credit_open, debit_open
            USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_allocation_fits';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ledger_allocations_fit BEFORE INSERT ON ledger_allocations
    FOR EACH ROW EXECUTE FUNCTION ledger_allocation_fits();

-- The balance per customer and currency, kept beside the ledger for the list and the credit
-- check; the customer row carries it as well when the customer has one currency (as it does
-- its order totals). A test recomputes both from the entries after every kind of posting.
CREATE TABLE customer_balances (
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    currency TEXT NOT NULL,
    balance_cents BIGINT NOT NULL,
    PRIMARY KEY (customer_id, currency)
);
ALTER TABLE customers ADD COLUMN balance_currency TEXT;

CREATE FUNCTION ledger_apply_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched BIGINT[];
BEGIN
    SELECT array_agg(DISTINCT customer_id) INTO touched FROM new_entries;
    PERFORM 1 FROM customers WHERE id = ANY (touched) ORDER BY id FOR NO KEY UPDATE;
    INSERT INTO customer_balances AS b (customer_id, currency, balance_cents)
    SELECT customer_id, currency, sum(amount_cents) FROM new_entries GROUP BY 1, 2
    ON CONFLICT (customer_id, currency) DO UPDATE
       SET balance_cents = b.balance_cents + excluded.balance_cents;
    UPDATE customers c
       SET balance_cents = s.v, balance_currency = s.currency
      FROM (SELECT a.customer_id,
                   CASE WHEN count(b.currency) = 1 THEN coalesce(sum(b.balance_cents), 0) ELSE 0 END::bigint AS v,
                   CASE WHEN count(b.currency) = 1 THEN min(b.currency) END AS currency
              FROM unnest(touched) AS a (customer_id)
              LEFT JOIN customer_balances b ON b.customer_id = a.customer_id
             GROUP BY a.customer_id) s
     WHERE c.id = s.customer_id
       AND (c.balance_cents, c.balance_currency) IS DISTINCT FROM (s.v, s.currency);
    RETURN NULL;
END $$;
ALTER FUNCTION ledger_apply_balances() SET plan_cache_mode = force_generic_plan;
CREATE TRIGGER ledger_entries_balances AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION ledger_apply_balances();

-- Each posting is in the customer's history: "Accounts posted: Invoice INV-000001 · 100.00 EUR".
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location', 'user', 'posting'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable', 'answer', 'invite', 'revoke', 'view_as', 'post'));

-- The balance typed so far becomes each customer's opening entry, in the currency it is priced
-- in (EUR when none), in its history like any posting.
INSERT INTO ledger_entries (customer_id, kind, number, posted_on, due_on, currency, amount_cents,
                            reason, test_record, posted_by_name)
SELECT c.id, 'opening', 'OB-' || c.id, vendor_today(), vendor_today(),
       coalesce(pl.currency, 'EUR'), c.balance_cents,
       'Balance carried over from the customer record', c.test_record, 'Clientele'
  FROM customers c
  LEFT JOIN customers org ON org.id = c.organization_id
  LEFT JOIN sales_channels ch ON ch.id = coalesce(c.sales_channel_id, org.sales_channel_id)
  LEFT JOIN price_lists pl ON pl.id = ch.price_list_id
 WHERE c.balance_cents <> 0;

-- And each of those in its customer's history, as any posting is.
INSERT INTO customer_history (customer_id, customer_label, version, entity, entity_id, action,
                              field, new_value, actor_label)
SELECT c.id,
       CASE WHEN c.account_number IS NULL THEN c.legal_name
            ELSE c.legal_name || ' (' || c.account_number || ')' END,
       0, 'posting', e.id, 'post', 'Opening balance',
       e.number || ' · ' || to_char(e.amount_cents / 100.0, 'FM999999999990.00') || ' ' || e.currency,
       'Clientele'
  FROM ledger_entries e JOIN customers c ON c.id = e.customer_id
 WHERE e.kind = 'opening';
