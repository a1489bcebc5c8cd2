DROP TABLE vendor_settings;
