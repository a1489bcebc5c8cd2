-- CSV imports started from /admin/import. The background job appends its progress lines to its
-- row as it goes, so every instance of the portal shows the same progress, and stores the
-- outcome at the end: a report per file, or the error.
CREATE TABLE import_runs (
    id          BIGSERIAL PRIMARY KEY,
    started_by  BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    started_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    status      TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'succeeded', 'failed')),
    -- The file names uploaded (customers.csv, addresses.csv, orders.csv).
    files       TEXT[] NOT NULL CHECK (cardinality(files) BETWEEN 1 AND 3),
    -- One line per phase of the import, in order.
    progress    TEXT[] NOT NULL DEFAULT '{}',
    -- Why a failed run failed, as shown to administrators.
    error       TEXT,
    -- Per file: [{"file", "rows", "inserted", "updated", "unchanged"}], for the files imported.
    report      JSONB,
    CHECK ((status = 'running') = (finished_at IS NULL)),
    CHECK (status <> 'failed' OR error IS NOT NULL)
);
CREATE INDEX import_runs_started_at_idx ON import_runs (started_at DESC, id DESC);
-- One import at a time: two would compete for the same rows.
CREATE UNIQUE INDEX import_runs_one_running_idx ON import_runs ((true)) WHERE status = 'running';
