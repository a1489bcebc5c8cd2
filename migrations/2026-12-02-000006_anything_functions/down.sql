DROP FUNCTION clientele_anything_found(text, text, text, bigint[]);
DROP FUNCTION clientele_anything_ids(text, text, text, text);
DROP FUNCTION clientele_identifier_matches(text, integer);
