-- Ship-to address proposals (issue 18, section 4): a customer user proposes a change to one
-- of its customer's ship-to addresses, or a new one; the proposal waits in the approval queue
-- as a request of its own kind and is applied when approved. A request of kind `ship_to` asks
-- for no services; its proposal is the row of `ship_to_proposals` with its id.
ALTER TABLE requests ADD COLUMN kind TEXT NOT NULL DEFAULT 'services'
    CHECK (kind IN ('services', 'ship_to'));
ALTER TABLE requests DROP CONSTRAINT requests_services_check,
    ADD CONSTRAINT requests_services_check CHECK (kind <> 'services' OR cardinality(services) > 0);

CREATE TABLE ship_to_proposals (
    request_id BIGINT PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    -- The address to change (NULL once it was deleted: approving then refuses); none for a
    -- new address.
    address_id BIGINT REFERENCES customer_addresses (id) ON DELETE SET NULL,
    new_address BOOLEAN NOT NULL,
    label TEXT,
    line1 TEXT NOT NULL,
    line2 TEXT,
    city TEXT NOT NULL,
    region TEXT,
    postcode TEXT,
    country TEXT NOT NULL,
    phone TEXT
);
CREATE INDEX ship_to_proposals_address ON ship_to_proposals (address_id);
