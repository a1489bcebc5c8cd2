-- Customer users get a role (issue 18, section 4): `admin` manages its customer's users,
-- contacts and ship-to proposals and does everything else; `buyer` orders; `accounts` reads
-- invoices and statements; `viewer` reads products and orders.
--
-- Users who exist already: the oldest active user of each customer (else its oldest invited
-- one) becomes the customer's admin, everyone else a buyer. A row written without a role (by
-- SQL, not by the application, which always names one) is a buyer: never more than that.
ALTER TABLE customer_users ADD COLUMN role TEXT NOT NULL DEFAULT 'buyer'
    CHECK (role IN ('admin', 'buyer', 'accounts', 'viewer'));

UPDATE customer_users SET role = 'admin'
WHERE id IN (
    SELECT DISTINCT ON (customer_id) id
    FROM customer_users
    WHERE status <> 'revoked'
    ORDER BY customer_id, (status = 'active') DESC, created_at, id
);

-- "Has this customer an admin?" and "is this its last one?": asked on every invitation and
-- every role change or revocation.
CREATE INDEX customer_users_admins ON customer_users (customer_id)
    WHERE role = 'admin' AND status <> 'revoked';
