-- Webhooks: endpoints an administrator registers, and the deliveries of each event to each
-- endpoint that takes it. Deliveries are written by triggers on the tables where the change
-- itself is written, so they commit with it or not at all (as the outbox's email does); the
-- background sender posts them. An import's transaction sets `clientele.webhooks` to `off`:
-- imported records are history, not events.

CREATE TABLE webhook_endpoints (
    id          BIGSERIAL PRIMARY KEY,
    url         TEXT NOT NULL CHECK (url ~ '^https?://' AND char_length(url) <= 2000),
    description TEXT NOT NULL DEFAULT '' CHECK (char_length(description) <= 200),
    -- The signing secret, `whsec_` and base64: the key is what the base64 decodes to.
    secret      TEXT NOT NULL,
    events      TEXT[] NOT NULL CHECK (cardinality(events) > 0),
    active      BOOLEAN NOT NULL DEFAULT true,
    created_by  BIGINT REFERENCES staff (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE webhook_deliveries (
    id               BIGSERIAL PRIMARY KEY,
    endpoint_id      BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    -- The event's id: the same for every endpoint and every attempt (`webhook-id`).
    event_id         TEXT NOT NULL,
    event            TEXT NOT NULL,
    -- The exact bytes that are signed and sent.
    body             TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A sender's claim: its token, until when it holds.
    claim            TEXT,
    lease_until      TIMESTAMPTZ,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    delivered_at     TIMESTAMPTZ,
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id)
    WHERE status IN ('pending', 'sending');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id DESC);

-- Every attempt of a delivery: when, the answer's status code (none when there was no answer),
-- what went wrong, and how long it took.
CREATE TABLE webhook_attempts (
    id          BIGSERIAL PRIMARY KEY,
    delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    status_code INT,
    error       TEXT,
    millis      INT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);

-- The events of this statement's rows, `events` holding (event, customer id, data), each sent
-- to every active endpoint that takes its event, with its body:
-- {"id": "evt_…", "type": "…", "created_at": "…", "data": {"customer": {…}, …}}.
CREATE FUNCTION webhook_emit(events JSONB) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_deliveries (endpoint_id, event_id, event, body)
    SELECT w.id, e.event_id, e.event, e.body
      FROM (SELECT x.event, x.event_id,
                   jsonb_build_object(
                       'id', x.event_id, 'type', x.event, 'created_at', now(),
                       'data', jsonb_build_object('customer', jsonb_build_object(
                                   'id', c.id, 'account_number', c.account_number,
                                   'name', c.legal_name)) || x.data)::text AS body
              FROM (SELECT v->>'event' AS event, (v->>'customer_id')::bigint AS customer_id,
                           coalesce(v->'data', '{}'::jsonb) AS data,
                           'evt_' || replace(gen_random_uuid()::text, '-', '') AS event_id
                      FROM jsonb_array_elements(events) v) x
              JOIN customers c ON c.id = x.customer_id) e
      JOIN webhook_endpoints w ON w.active AND e.event = ANY (w.events);
END $$;

-- Whether this transaction sends webhooks at all: some endpoint is active, and it is no import.
CREATE FUNCTION webhooks_wanted() RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('clientele.webhooks', true), '') <> 'off'
       AND EXISTS (SELECT 1 FROM webhook_endpoints WHERE active)
$$;

-- customer.created
CREATE FUNCTION customers_webhooks() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF webhooks_wanted() THEN
        PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                    'event', 'customer.created', 'customer_id', n.id) ORDER BY n.id)
                FROM new_rows n));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER customers_webhooks AFTER INSERT ON customers
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customers_webhooks();

-- customer.updated (the fields a change wrote into the history, once per customer and
-- statement) and relationship.changed (blocked, unblocked, deactivated, reactivated).
CREATE FUNCTION customer_history_webhooks() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF webhooks_wanted() THEN
        PERFORM webhook_emit((SELECT jsonb_agg(e) FROM (
            SELECT jsonb_build_object('event', 'customer.updated', 'customer_id', n.customer_id,
                       'data', jsonb_build_object('fields',
                           jsonb_agg(DISTINCT n.field) FILTER (WHERE n.field IS NOT NULL))) AS e
              FROM new_rows n
             WHERE n.entity = 'customer' AND n.action = 'update' AND n.customer_id IS NOT NULL
             GROUP BY n.customer_id
            UNION ALL
            SELECT jsonb_build_object('event', 'relationship.changed', 'customer_id', n.customer_id,
                       'data', jsonb_build_object('relationship', n.new_value))
              FROM new_rows n
             WHERE n.entity = 'relationship' AND n.field = 'Relationship'
               AND n.customer_id IS NOT NULL) events));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER customer_history_webhooks AFTER INSERT ON customer_history
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_history_webhooks();

-- service.changed: a service's status set or changed.
CREATE FUNCTION customer_services_webhooks() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF webhooks_wanted() THEN
        IF TG_OP = 'INSERT' THEN
            PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                        'event', 'service.changed', 'customer_id', n.customer_id,
                        'data', jsonb_build_object('service', n.service, 'status', n.status,
                                                   'previous_status', NULL)))
                    FROM new_rows n));
        ELSE
            PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                        'event', 'service.changed', 'customer_id', n.customer_id,
                        'data', jsonb_build_object('service', n.service, 'status', n.status,
                                                   'previous_status', o.status)))
                    FROM new_rows n
                    JOIN old_rows o ON o.customer_id = n.customer_id AND o.service = n.service
                   WHERE o.status IS DISTINCT FROM n.status));
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER customer_services_inserted_webhooks AFTER INSERT ON customer_services
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_services_webhooks();
CREATE TRIGGER customer_services_updated_webhooks AFTER UPDATE ON customer_services
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION customer_services_webhooks();

-- request.created, and request.decided (approved, rejected, or sent back for more information).
CREATE FUNCTION requests_webhooks() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF webhooks_wanted() THEN
        IF TG_OP = 'INSERT' THEN
            PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                        'event', 'request.created', 'customer_id', n.customer_id,
                        'data', jsonb_build_object('request', jsonb_build_object(
                            'id', n.id, 'status', n.status, 'services', n.services))))
                    FROM new_rows n));
        ELSE
            PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                        'event', 'request.decided', 'customer_id', n.customer_id,
                        'data', jsonb_build_object('request', jsonb_build_object(
                            'id', n.id, 'status', n.status, 'services', n.services,
                            'reason', n.decision_reason))))
                    FROM new_rows n JOIN old_rows o ON o.id = n.id
                   WHERE o.status IS DISTINCT FROM n.status AND n.decided_at IS NOT NULL));
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER requests_inserted_webhooks AFTER INSERT ON requests
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION requests_webhooks();
CREATE TRIGGER requests_updated_webhooks AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION requests_webhooks();

-- order.placed, order.cancelled, order.shipped: from the order's timeline.
CREATE FUNCTION order_events_webhooks() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF webhooks_wanted() THEN
        PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                    'event', 'order.' || n.kind, 'customer_id', o.customer_id,
                    'data', jsonb_build_object('order', jsonb_build_object(
                        'number', o.order_number, 'status', o.status, 'channel', o.channel,
                        'total_cents', o.total_cents, 'currency', o.currency,
                        'carrier', o.carrier, 'tracking_number', o.tracking_number,
                        'cancel_reason', o.cancel_reason))) ORDER BY n.id)
                FROM new_rows n JOIN orders o ON o.id = n.order_id
               WHERE n.kind IN ('placed', 'cancelled', 'shipped')));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER order_events_webhooks AFTER INSERT ON order_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_events_webhooks();

-- invoice.posted and payment.recorded: from the ledger.
CREATE FUNCTION ledger_entries_webhooks() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF webhooks_wanted() THEN
        PERFORM webhook_emit((SELECT jsonb_agg(jsonb_build_object(
                    'event', CASE n.kind WHEN 'invoice' THEN 'invoice.posted'
                                         ELSE 'payment.recorded' END,
                    'customer_id', n.customer_id,
                    'data', jsonb_build_object('entry', jsonb_build_object(
                        'number', n.number, 'kind', n.kind, 'posted_on', n.posted_on,
                        'due_on', n.due_on, 'currency', n.currency,
                        'amount_cents', n.amount_cents, 'reference', n.reference,
                        'order_number', (SELECT order_number FROM orders WHERE id = n.order_id))))
                    ORDER BY n.id)
                FROM new_rows n WHERE n.kind IN ('invoice', 'payment')));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_webhooks AFTER INSERT ON ledger_entries
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION ledger_entries_webhooks();
