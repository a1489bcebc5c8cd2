-- The order totals trigger's statements on the customers it touched (lock them, write their
-- counts) take the touched ids as an array. PostgreSQL planned them afresh for each order
-- placed, as a custom plan for that one id looked cheaper than the generic one: half a
-- millisecond of planning per order, on a customers table with two dozen indexes, a third of
-- what placing an order cost the database. Planned once per connection instead; the generic
-- plan walks the primary key for the ids, which suits one order as well as an import's batch.
ALTER FUNCTION orders_apply_totals() SET plan_cache_mode = force_generic_plan;
