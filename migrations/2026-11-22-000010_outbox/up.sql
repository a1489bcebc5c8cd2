-- The email outbox: every message is written here in the same transaction as the change that
-- causes it, and a background sender delivers it over SMTP. One row per recipient, so a
-- message's status, attempts and error are those of one delivery, and recipients never see
-- each other's addresses.

CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    -- What the message is about: request_received, request_decided, information_asked, …
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    to_name TEXT,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    -- The customer the message concerns, if any (for the outbox page and the history).
    customer_id BIGINT REFERENCES customers (id) ON DELETE SET NULL,
    -- Holds a single-use link: the bodies are cleared once the message is sent.
    sensitive BOOLEAN NOT NULL DEFAULT FALSE,
    -- pending: waits for its next attempt; sending: claimed by a sender until lease_until;
    -- sent; failed: gave up (an administrator may retry it).
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    lease_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at TIMESTAMPTZ
);

-- The sender's question: what is due (or was claimed by a sender that died)?
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_created ON outbox (created_at DESC, id DESC);
CREATE INDEX outbox_failed ON outbox (id) WHERE status = 'failed';
