ALTER FUNCTION orders_apply_totals() RESET plan_cache_mode;
