-- Requests and approvals: catalogs a customer may order from, the status of each service per
-- customer, and the requests that wait in the approval queue.

CREATE TABLE catalogs (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO catalogs (name) VALUES ('Standard catalog'), ('Trade catalog'), ('Clearance catalog');

-- Catalogs enabled for a customer; ordering is active once at least one is (and approved).
CREATE TABLE customer_catalogs (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    catalog_id BIGINT NOT NULL REFERENCES catalogs (id),
    enabled_by BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    enabled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, catalog_id)
);

-- One row per customer and service once it has left not_requested (no row = not requested).
CREATE TABLE customer_services (
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    service TEXT NOT NULL CHECK (service IN
        ('ordering', 'orders', 'order_acknowledgements', 'ship_notices', 'invoices', 'price_files')),
    status TEXT NOT NULL CHECK (status IN ('not_requested', 'requested', 'active', 'inactive')),
    -- Switched off by a block or deactivation while active: unblocking may switch it back on.
    restore_on_unblock BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, service)
);

CREATE TABLE requests (
    id BIGSERIAL PRIMARY KEY,
    customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    services TEXT[] NOT NULL CHECK (cardinality(services) > 0),
    salesperson_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    -- Who asked: a staff member recording it on the customer's behalf, or (with the customer
    -- portal) one of the customer's users; that table does not exist yet, hence no foreign key.
    requested_by_staff_id BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    requested_by_user_id BIGINT,
    status TEXT NOT NULL DEFAULT 'open'
        CHECK (status IN ('open', 'approved', 'rejected', 'waiting_on_customer')),
    -- What the requester wrote.
    message TEXT,
    -- Why it was decided so: the rejection reason, or the question put to the customer.
    decision_reason TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    decided_by BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    decided_at TIMESTAMPTZ,
    -- Optimistic concurrency: every decision bumps it; a decision carrying an older one loses.
    version INT NOT NULL DEFAULT 0
);

CREATE INDEX requests_status_created ON requests (status, created_at, id);
CREATE INDEX requests_customer ON requests (customer_id, created_at);

-- The history also records requests, decisions and relationship changes.
ALTER TABLE customer_history DROP CONSTRAINT customer_history_entity_check,
    ADD CONSTRAINT customer_history_entity_check CHECK (entity IN
        ('customer', 'address', 'contact', 'note', 'watch', 'merge', 'request', 'relationship'));
ALTER TABLE customer_history DROP CONSTRAINT customer_history_action_check,
    ADD CONSTRAINT customer_history_action_check CHECK (action IN
        ('create', 'update', 'delete', 'merge', 'approve', 'reject', 'ask_info'));
