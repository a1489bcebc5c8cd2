DROP INDEX customers_name_search_idx;
