-- The vendor's language and time zone (DEFAULT_LOCALE, TIME_ZONE), written by the portal at
-- start from its configuration, for the emails the models compose: one row.
CREATE TABLE vendor_settings (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    default_locale TEXT NOT NULL DEFAULT 'en' CHECK (default_locale ~ '^[a-z]{2,3}$'),
    time_zone TEXT NOT NULL DEFAULT 'UTC' CHECK (char_length(time_zone) BETWEEN 1 AND 64)
);
