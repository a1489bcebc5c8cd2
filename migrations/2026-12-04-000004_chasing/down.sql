DELETE FROM customer_history WHERE action IN ('remind', 'statement');
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable', 'answer', 'invite', 'revoke', 'view_as', 'post'));
DROP INDEX ledger_entries_due_idx;
DROP TABLE statement_runs;
DROP TABLE invoice_reminders;
ALTER TABLE vendor_settings DROP COLUMN reminder_days, DROP COLUMN hold_overdue_days,
    DROP COLUMN hold_overdue_cents;
ALTER TABLE outbox DROP CONSTRAINT outbox_attachment_named, DROP COLUMN attachment,
    DROP COLUMN attachment_name;
