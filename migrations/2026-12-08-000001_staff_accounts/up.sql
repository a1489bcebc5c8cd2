-- Staff accounts run from the browser: invited accounts (no password until the colleague
-- chooses one through the emailed link), the "limited to own customers" flag, single-use links
-- for staff accounts (the same table as the portal's: one implementation for both), and the
-- record of every change to a staff account.

-- NULL while invited: such an account cannot sign in until its invitation link is used.
ALTER TABLE staff ALTER COLUMN password_hash DROP NOT NULL;
ALTER TABLE staff ADD COLUMN limited_to_own_customers BOOLEAN NOT NULL DEFAULT false;

-- A link belongs to a customer user or to a staff account, never both.
ALTER TABLE user_tokens ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE user_tokens ADD COLUMN staff_account_id BIGINT REFERENCES staff (id) ON DELETE CASCADE;
ALTER TABLE user_tokens ADD CONSTRAINT user_tokens_one_holder
    CHECK ((user_id IS NULL) <> (staff_account_id IS NULL));
CREATE INDEX user_tokens_staff_account ON user_tokens (staff_account_id, purpose, created_at DESC)
    WHERE staff_account_id IS NOT NULL;

-- Who changed which staff account, when, and what: `changed_by` is the staff member who did it
-- (the account itself when its holder set a password through a link); `by_label` names a doer
-- that is no staff member ('command_line').
CREATE TABLE staff_changes (
    id BIGSERIAL PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    changed_by BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    by_label TEXT CHECK (by_label IN ('command_line')),
    action TEXT NOT NULL CHECK (action IN ('added', 'invited', 'roles_changed', 'deactivated',
        'reactivated', 'reset_sent', 'password_set')),
    detail TEXT NOT NULL DEFAULT '' CHECK (length(detail) <= 2000),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX staff_changes_staff ON staff_changes (staff_id, created_at DESC, id DESC);
