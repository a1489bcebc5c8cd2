DROP INDEX customers_balance_idx;
DROP INDEX customers_status_name_idx;
DROP INDEX customers_status_idx;
DROP INDEX customers_review_flag_idx;
DROP INDEX customers_group_idx;
DROP INDEX customers_kind_type_idx;
DROP INDEX customers_account_number_sort_idx;
