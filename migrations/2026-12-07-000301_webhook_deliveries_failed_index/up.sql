-- /metrics counts the failed webhook deliveries at every scrape: through this index, not by
-- reading the whole table (the outbox has its twin, outbox_failed).
CREATE INDEX webhook_deliveries_failed ON webhook_deliveries (id) WHERE status = 'failed';
