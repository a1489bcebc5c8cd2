-- Customer users: the sign-in accounts of a customer's people, for the customer portal.

CREATE TABLE customer_users (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    -- NULL until the user sets one through an invitation link. Never sent, never shown.
    password_hash TEXT,
    -- pending: invited, no password yet (shown as expired once its invitation has run out);
    -- active: can sign in; revoked: cannot, and its links and sessions are gone.
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'revoked')),
    password_changed_at TIMESTAMPTZ,
    last_sign_in_at TIMESTAMPTZ,
    created_by BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (status <> 'active' OR password_hash IS NOT NULL)
);

-- One sign-in identity per address, across all customers.
CREATE UNIQUE INDEX customer_users_email ON customer_users (lower(email));
CREATE INDEX customer_users_customer ON customer_users (customer_id, name);

-- Single-use links: invitations (set a first password), password resets, and the one-minute
-- ticket that opens a staff member's read-only view as a customer user. Only a digest of the
-- token is kept; the token itself exists in the email (or the redirect) alone.
CREATE TABLE user_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES customer_users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset', 'view_as')),
    -- For view_as: who is looking.
    staff_id BIGINT REFERENCES staff (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose, created_at DESC);

-- Portal sessions name their user, so revoking, blocking or a password change can end them.
ALTER TABLE sessions ADD COLUMN customer_user_id BIGINT
    REFERENCES customer_users (id) ON DELETE CASCADE;
CREATE INDEX sessions_customer_user ON sessions (customer_user_id)
    WHERE customer_user_id IS NOT NULL;

ALTER TABLE requests ADD CONSTRAINT requests_requested_by_user_fk
    FOREIGN KEY (requested_by_user_id) REFERENCES customer_users (id) ON DELETE SET NULL;

-- A request can be answered by the customer; the history records users and views as them.
ALTER TABLE requests ADD COLUMN answer TEXT;
ALTER TABLE requests ADD COLUMN answered_at TIMESTAMPTZ;

ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship',
         'catalog', 'product', 'stock_location', 'user'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info',
         'enable', 'disable', 'answer', 'invite', 'revoke', 'view_as'));

-- Who did it, when it was not a staff member: "Ann Buyer (customer user)".
ALTER TABLE customer_history ADD COLUMN actor_label TEXT;
