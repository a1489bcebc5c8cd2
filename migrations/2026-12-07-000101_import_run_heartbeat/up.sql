-- A running import's job stamps its run every few seconds; a run whose stamp has gone stale was
-- interrupted (its process stopped or lost the database). This replaces a session-level
-- advisory lock held for the job's lifetime, which a transaction-pooling PgBouncer cannot keep
-- on one server connection: it could be stranded there, blocking every later import.
ALTER TABLE import_runs ADD COLUMN heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now();
