DROP INDEX customers_flag_name_idx;
DROP INDEX customers_watched_name_idx;
DROP TRIGGER watch_notes_watched ON watch_notes;
DROP FUNCTION watch_notes_apply();
ALTER TABLE customers DROP COLUMN watched;
