-- The ERP's door: API clients, each with its scopes and a token kept only as a digest (the
-- token itself is shown once, when the client is made), when it was last used, and whether it
-- has been revoked. Requests are counted per client and minute here, in the database, so the
-- rate limit holds across every instance; the limit is a vendor setting.
CREATE TABLE api_clients (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL CHECK (name ~ '\S' AND length(name) <= 100),
    scopes TEXT[] NOT NULL CHECK (cardinality(scopes) > 0),
    token_digest BYTEA NOT NULL UNIQUE,
    -- The token's first characters, so an administrator can tell which one a system holds.
    token_hint TEXT NOT NULL,
    created_by BIGINT REFERENCES staff (id),
    created_by_name TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ,
    revoked_by_name TEXT
);
-- A name is taken while its client is in use; a revoked client's name may be given again.
CREATE UNIQUE INDEX api_clients_name_key ON api_clients (lower(name)) WHERE revoked_at IS NULL;

CREATE TABLE api_requests (
    client_id BIGINT NOT NULL REFERENCES api_clients (id),
    minute TIMESTAMPTZ NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (client_id, minute)
);

ALTER TABLE vendor_settings ADD COLUMN api_requests_per_minute INTEGER NOT NULL DEFAULT 600
    CHECK (api_requests_per_minute > 0);
