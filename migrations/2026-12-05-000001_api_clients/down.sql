ALTER TABLE vendor_settings DROP COLUMN api_requests_per_minute;
DROP TABLE api_requests;
DROP TABLE api_clients;
