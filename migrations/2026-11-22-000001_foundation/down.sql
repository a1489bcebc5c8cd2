DROP TABLE customers;
DROP TABLE login_attempts;
DROP TABLE sessions;
DROP TABLE staff;
