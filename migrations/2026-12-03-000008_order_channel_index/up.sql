-- The dispatch queue filtered by a channel (a marketplace's orders): its tab's count and newest
-- first read this index alone, however few of the orders the channel has.
CREATE INDEX orders_channel_status_idx ON orders (channel, status, placed_at DESC, id DESC);
