-- Read-your-writes with a read replica: after a person's write, the primary's WAL position at
-- that moment (bytes from 0/0). Their reads use the replica only once it has replayed that far.
-- Kept here, not in an instance's memory, because the next request may reach another instance.
-- person: `staff:<id>`, `user:<id>` (a customer user) or `api:<id>` (an API client).
CREATE TABLE read_marks (
    person TEXT PRIMARY KEY,
    lsn BIGINT NOT NULL,
    written_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
