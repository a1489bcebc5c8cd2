-- A staff account may be limited to its own customers (`staff.limited_to_own_customers`, added
-- with the staff accounts; see models::access::staff_scope).

-- A salesperson's customers: the one definition every staff query that is limited to them, and
-- the customer list's "My customers" and salesperson filters, use. The customers whose
-- salesperson it is, and the customers associated with those as the portal's scope associates
-- them: those whose master (members) or bill-to customer (sell-to customers) is one of them.
CREATE OR REPLACE FUNCTION clientele_customers_of(salesperson BIGINT) RETURNS SETOF BIGINT
LANGUAGE sql STABLE AS $$
    SELECT o.id FROM customers o WHERE o.salesperson_id = salesperson
    UNION
    SELECT a.id FROM customers o JOIN customers a ON a.master_id = o.id
     WHERE o.salesperson_id = salesperson
    UNION
    SELECT a.id FROM customers o JOIN customers a ON a.bill_to_id = o.id
     WHERE o.salesperson_id = salesperson
$$;

CREATE INDEX IF NOT EXISTS customers_salesperson_id_idx
    ON customers (salesperson_id) WHERE salesperson_id IS NOT NULL;
