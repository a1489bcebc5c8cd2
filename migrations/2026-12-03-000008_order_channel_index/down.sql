DROP INDEX orders_channel_status_idx;
