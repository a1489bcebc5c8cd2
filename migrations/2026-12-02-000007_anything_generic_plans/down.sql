ALTER FUNCTION clientele_identifier_matches(text, integer) RESET plan_cache_mode;
ALTER FUNCTION clientele_anything_ids(text, text, text, text) RESET plan_cache_mode;
ALTER FUNCTION clientele_anything_found(text, text, text, bigint[]) RESET plan_cache_mode;
