-- The dispatch queue filtered by a fulfilling store reads its tab's orders in the queue's own
-- order (priority first, then oldest), so a page is the first 50 entries of the index. Before,
-- the index found the store's orders of the tab and every one of them was sorted for a page:
-- 4,476 unallocated orders at one store after bench/orders' buyers, 1.7 ms of a 1.8 ms page
-- query, and the page's p99 rose with every order placed (57 ms).
DROP INDEX orders_store_status_idx;
CREATE INDEX orders_store_queue_idx ON orders (fulfilling_store_id, status, priority DESC, placed_at, id)
    WHERE fulfilling_store_id IS NOT NULL;
