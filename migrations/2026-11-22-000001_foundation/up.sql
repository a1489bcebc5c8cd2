-- Staff accounts: vendor employees who sign in to the staff side of the portal.
CREATE TABLE staff (
    id              BIGSERIAL PRIMARY KEY,
    email           TEXT NOT NULL CHECK (email = btrim(email) AND email <> '' AND length(email) <= 254),
    name            TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    password_hash   TEXT NOT NULL,
    roles           TEXT[] NOT NULL DEFAULT '{staff}'
                    CHECK (roles <@ ARRAY['staff', 'digital_admin', 'admin']::TEXT[]
                           AND cardinality(roles) >= 1),
    is_salesperson  BOOLEAN NOT NULL DEFAULT FALSE,
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    password_changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Email is unique whatever its case: Ann@Example.com and ann@example.com are one account.
CREATE UNIQUE INDEX staff_email_lower_key ON staff (lower(email));

-- Server-side session records shared by every instance of the portal. The cookie carries a random
-- key; only its BLAKE2 digest is stored, so a copy of this table cannot be replayed as cookies.
CREATE TABLE sessions (
    key_hash    BYTEA PRIMARY KEY,
    state       JSONB NOT NULL DEFAULT '{}',
    staff_id    BIGINT REFERENCES staff (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_staff_id_idx ON sessions (staff_id) WHERE staff_id IS NOT NULL;
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

-- Every sign-in attempt, for throttling and for the audit trail. No password is ever stored here.
CREATE TABLE login_attempts (
    id          BIGSERIAL PRIMARY KEY,
    email       TEXT NOT NULL,
    client_addr TEXT NOT NULL,
    succeeded   BOOLEAN NOT NULL,
    attempted_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (lower(email), attempted_at);
CREATE INDEX login_attempts_addr_idx ON login_attempts (client_addr, attempted_at);

-- The customer record. This foundation holds the identifying core; the customer-records work
-- extends it with commercial terms, hierarchy and the rest of the glossary.
CREATE TABLE customers (
    id              BIGSERIAL PRIMARY KEY,
    account_number  TEXT UNIQUE CHECK (account_number IS NULL OR (account_number = btrim(account_number) AND account_number <> '')),
    legal_name      TEXT NOT NULL CHECK (btrim(legal_name) <> ''),
    trading_name    TEXT,
    email           TEXT,
    phone           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
