-- Messages that chase what is owed. An email may carry one attachment (an invoice or a
-- statement as PDF), written with it in the outbox. Reminders of an overdue invoice come in
-- three levels, each sent once (the primary key says so, whichever sender gets there first);
-- a monthly statement goes once per customer, currency and month. The vendor's settings say
-- after how many days each reminder goes, and how much overdue for how long puts new orders on
-- invoice on hold.
ALTER TABLE outbox
    ADD COLUMN attachment_name TEXT CHECK (attachment_name IS NULL OR btrim(attachment_name) <> ''),
    ADD COLUMN attachment BYTEA,
    ADD CONSTRAINT outbox_attachment_named CHECK ((attachment IS NULL) = (attachment_name IS NULL));

ALTER TABLE vendor_settings
    ADD COLUMN reminder_days INTEGER[] NOT NULL DEFAULT '{7,21,35}'
        CHECK (cardinality(reminder_days) = 3 AND reminder_days[1] > 0
               AND reminder_days[1] < reminder_days[2] AND reminder_days[2] < reminder_days[3]),
    ADD COLUMN hold_overdue_days INTEGER NOT NULL DEFAULT 45 CHECK (hold_overdue_days > 0),
    ADD COLUMN hold_overdue_cents BIGINT NOT NULL DEFAULT 1 CHECK (hold_overdue_cents > 0);

CREATE TABLE invoice_reminders (
    entry_id BIGINT NOT NULL REFERENCES ledger_entries (id),
    level SMALLINT NOT NULL CHECK (level BETWEEN 1 AND 3),
    recipients INTEGER NOT NULL CHECK (recipients >= 0),
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_id, level)
);

CREATE TABLE statement_runs (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    currency TEXT NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    period_start DATE NOT NULL,
    recipients INTEGER NOT NULL CHECK (recipients >= 0),
    sent_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, currency, period_start)
);

-- Open debits by due date, for the reminders and the overdue hold.
CREATE INDEX ledger_entries_due_idx ON ledger_entries (due_on, customer_id) WHERE amount_cents > 0;

-- Each reminder and statement sent is in the customer's history.
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable', 'answer', 'invite', 'revoke', 'view_as', 'post', 'remind',
         'statement'));
