-- One row per form submission that created something: the one-time key its form carried, whose
-- it is, where it was sent and where its answer pointed. The row is written in the transaction of
-- the create itself, so a key is spent exactly when something was created; a second arrival of
-- the same key waits on the primary key until the first commits and then answers with its
-- location. Rows older than a day are removed by the housekeeping task.
CREATE TABLE form_submissions (
    -- 'staff:12' or 'customer_user:7': a key is only ever looked up for the actor who sent it.
    actor text NOT NULL,
    key text NOT NULL CHECK (key ~ '^[0-9a-f]{32}$'),
    -- The path the form was posted to.
    route text NOT NULL,
    -- The Location of the 303 that answered; set before the row's transaction commits.
    location text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, key)
);

CREATE INDEX form_submissions_created_at ON form_submissions (created_at);
