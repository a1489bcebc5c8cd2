-- The order desk: what happens to an order after it is placed, each step in the order's timeline
-- (who, when, what), and the indexes the dispatch queue reads.

ALTER TABLE orders
    ADD COLUMN carrier TEXT CHECK (carrier IS NULL OR (btrim(carrier) <> '' AND char_length(carrier) <= 60)),
    ADD COLUMN dispatched_at TIMESTAMPTZ,
    ADD COLUMN cancel_reason TEXT CHECK (cancel_reason IS NULL OR (btrim(cancel_reason) <> '' AND char_length(cancel_reason) <= 500)),
    ADD COLUMN payment_reference TEXT CHECK (payment_reference IS NULL OR char_length(payment_reference) <= 60);

-- The timeline: every step of an order, signed by a staff member or a customer user.
CREATE TABLE order_events (
    id          BIGSERIAL PRIMARY KEY,
    order_id    BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    kind        TEXT NOT NULL CHECK (kind IN ('placed', 'held', 'payment', 'released', 'allocated',
                    'prioritised', 'unprioritised', 'shipped', 'cancelled', 'note')),
    staff_id    BIGINT REFERENCES staff (id),
    user_id     BIGINT REFERENCES customer_users (id) ON DELETE SET NULL,
    actor_name  TEXT NOT NULL,
    detail      TEXT CHECK (detail IS NULL OR char_length(detail) <= 2000)
);
CREATE INDEX order_events_order_idx ON order_events (order_id, id);

-- The dispatch queue: a tab is a status; the work tabs read priority first, then oldest, the done
-- tabs newest first. Filters by store and channel walk the same index.
CREATE INDEX orders_queue_idx ON orders (status, priority DESC, placed_at, id);
CREATE INDEX orders_status_placed_idx ON orders (status, placed_at DESC, id DESC);
CREATE INDEX orders_store_status_idx ON orders (fulfilling_store_id, status) WHERE fulfilling_store_id IS NOT NULL;
