DROP INDEX customers_type_name_idx;
