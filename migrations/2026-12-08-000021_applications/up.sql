-- Applications of prospects from the portal's public form (/portal/apply): the form as sent,
-- waiting until the applicant follows the emailed link. Only the link token's digest is kept.
-- Confirming creates a pending customer and its request, and names them here.
CREATE TABLE applications (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL,
    -- The page's language: every email to the applicant is written in it.
    language TEXT NOT NULL,
    -- The form as sent (strings), read again when the link is followed.
    form JSONB NOT NULL,
    token_hash BYTEA NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'unconfirmed'
        CHECK (status IN ('unconfirmed', 'confirmed', 'superseded')),
    client_addr TEXT NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    confirmed_at TIMESTAMPTZ,
    customer_id BIGINT REFERENCES customers (id) ON DELETE SET NULL,
    request_id BIGINT REFERENCES requests (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX applications_email ON applications (lower(email), created_at DESC);
CREATE INDEX applications_request ON applications (request_id) WHERE request_id IS NOT NULL;
