-- The "Anything" functions keep one plan per connection, whatever the text searched. Left to
-- choose, PostgreSQL plans each call afresh when the generic plan's estimate looks dearer than
-- a custom plan's (a LIKE pattern it cannot see), and planning cost more than the lookups: a
-- phone number typed into "Anything" answered 798 requests/s with these plans made per call,
-- 1,087 with them kept (16 connections, 100k customers). The generic plans use the same
-- indexes (a pattern is a run-time index key).
ALTER FUNCTION clientele_identifier_matches(text, integer) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION clientele_anything_ids(text, text, text, text) SET plan_cache_mode = force_generic_plan;
ALTER FUNCTION clientele_anything_found(text, text, text, bigint[]) SET plan_cache_mode = force_generic_plan;
