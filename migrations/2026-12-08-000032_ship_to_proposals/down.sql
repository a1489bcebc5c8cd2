DROP TABLE ship_to_proposals;
DELETE FROM requests WHERE kind <> 'services';
ALTER TABLE requests DROP CONSTRAINT requests_services_check,
    ADD CONSTRAINT requests_services_check CHECK (cardinality(services) > 0);
ALTER TABLE requests DROP COLUMN kind;
