ALTER TABLE import_runs DROP COLUMN heartbeat_at;
