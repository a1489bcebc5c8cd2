-- Names in list order with the search name beside them: a name fragment that many customers
-- share (at 1M customers, `müller` in 15,358 names) is then paged in name order from this index
-- alone, reading names until fifty match, where fetching every match from the table to sort
-- them took 28-42 ms. An index of its own: carried by the default sort's index, which the list
-- filters walk, the wider entries changed which index the planner chose for them. The group is
-- carried for the list's join to its group (left out of an ids-only query, but not of the
-- columns an index-only scan must find).
CREATE INDEX customers_name_search_idx ON customers (legal_name, id)
    INCLUDE (search_name, customer_group_id);
