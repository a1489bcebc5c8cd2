// @generated automatically by Diesel CLI.

diesel::table! {
    api_clients (id) {
        id -> Int8,
        name -> Text,
        scopes -> Array<Text>,
        token_digest -> Bytea,
        token_hint -> Text,
        created_by -> Nullable<Int8>,
        created_by_name -> Text,
        created_at -> Timestamptz,
        last_used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
        revoked_by_name -> Nullable<Text>,
    }
}

diesel::table! {
    api_idempotency (client_id, key) {
        client_id -> Int8,
        key -> Text,
        fingerprint -> Bytea,
        status -> Nullable<Int2>,
        body -> Nullable<Text>,
        location -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    api_requests (client_id, minute) {
        client_id -> Int8,
        minute -> Timestamptz,
        requests -> Int4,
    }
}

diesel::table! {
    catalog_products (catalog_id, product_id) {
        catalog_id -> Int8,
        product_id -> Int8,
        product_specific -> Bool,
        added_by -> Nullable<Int8>,
        added_at -> Timestamptz,
    }
}

diesel::table! {
    catalogs (id) {
        id -> Int8,
        name -> Text,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        lock_version -> Int4,
    }
}

diesel::table! {
    customer_addresses (id) {
        id -> Int8,
        customer_id -> Int8,
        kind -> Text,
        label -> Nullable<Text>,
        line1 -> Text,
        line2 -> Nullable<Text>,
        city -> Text,
        region -> Nullable<Text>,
        postcode -> Nullable<Text>,
        country -> Text,
        phone -> Nullable<Text>,
        is_primary -> Bool,
        is_default_billing -> Bool,
        is_default_shipping -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        lock_version -> Int4,
    }
}

diesel::table! {
    customer_catalogs (customer_id, catalog_id) {
        customer_id -> Int8,
        catalog_id -> Int8,
        enabled_by -> Nullable<Int8>,
        enabled_at -> Timestamptz,
    }
}

diesel::table! {
    customer_contacts (id) {
        id -> Int8,
        customer_id -> Int8,
        name -> Text,
        job_title -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        is_primary -> Bool,
        subscriptions -> Array<Nullable<Text>>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        lock_version -> Int4,
    }
}

diesel::table! {
    customer_users (id) {
        id -> Int8,
        customer_id -> Int8,
        name -> Text,
        email -> Text,
        password_hash -> Nullable<Text>,
        status -> Text,
        password_changed_at -> Nullable<Timestamptz>,
        last_sign_in_at -> Nullable<Timestamptz>,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        language -> Nullable<Text>,
        time_zone -> Nullable<Text>,
    }
}

diesel::table! {
    customer_name_words (word, legal_name, customer_id) {
        word -> Text,
        legal_name -> Text,
        customer_id -> Int8,
    }
}

diesel::table! {
    customer_groups (id) {
        id -> Int8,
        name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    credit_limit_changes (id) {
        id -> Int8,
        customer_id -> Int8,
        old_cents -> Nullable<Int8>,
        new_cents -> Int8,
        reason -> Nullable<Text>,
        staff_id -> Nullable<Int8>,
        changed_by -> Text,
        changed_at -> Timestamptz,
    }
}

diesel::table! {
    customer_history (id) {
        id -> Int8,
        customer_id -> Nullable<Int8>,
        customer_label -> Text,
        staff_id -> Nullable<Int8>,
        version -> Int4,
        entity -> Text,
        entity_id -> Nullable<Int8>,
        action -> Text,
        field -> Nullable<Text>,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        changed_at -> Timestamptz,
        actor_label -> Nullable<Text>,
    }
}

diesel::table! {
    customer_balances (customer_id, currency) {
        customer_id -> Int8,
        currency -> Text,
        balance_cents -> Int8,
    }
}

diesel::table! {
    customer_order_totals (customer_id, currency) {
        customer_id -> Int8,
        currency -> Text,
        order_count -> Int4,
        value_cents -> Int8,
    }
}

diesel::table! {
    customer_notes (id) {
        id -> Int8,
        customer_id -> Int8,
        staff_id -> Nullable<Int8>,
        body -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    customer_products (customer_id, product_id) {
        customer_id -> Int8,
        product_id -> Int8,
        product_specific -> Bool,
        enabled_by -> Nullable<Int8>,
        enabled_at -> Timestamptz,
    }
}

diesel::table! {
    customer_prices (customer_id, product_id, min_quantity) {
        customer_id -> Int8,
        product_id -> Int8,
        min_quantity -> Int4,
        valid_from -> Nullable<Date>,
        valid_to -> Nullable<Date>,
        price_cents -> Int8,
    }
}

diesel::table! {
    customer_price_files (customer_id) {
        customer_id -> Int8,
        prices -> Int4,
        replaced_at -> Timestamptz,
        staff_id -> Nullable<Int8>,
        actor_label -> Nullable<Text>,
    }
}

diesel::table! {
    customer_services (customer_id, service) {
        customer_id -> Int8,
        service -> Text,
        status -> Text,
        restore_on_unblock -> Bool,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    customer_stock_locations (customer_id, store_id) {
        customer_id -> Int8,
        store_id -> Int8,
        enabled_by -> Nullable<Int8>,
        enabled_at -> Timestamptz,
    }
}

diesel::table! {
    customer_tags (customer_id, tag_id) {
        customer_id -> Int8,
        tag_id -> Int8,
    }
}

diesel::table! {
    customers (id) {
        id -> Int8,
        account_number -> Nullable<Text>,
        legal_name -> Text,
        trading_name -> Nullable<Text>,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        kind -> Text,
        customer_type -> Text,
        customer_group_id -> Nullable<Int8>,
        sales_channel_id -> Nullable<Int8>,
        default_store_id -> Int8,
        alt_phone -> Nullable<Text>,
        website -> Nullable<Text>,
        salesperson_id -> Nullable<Int8>,
        tax_id -> Nullable<Text>,
        accounts_id -> Nullable<Text>,
        default_bank_account -> Nullable<Text>,
        forecast_code -> Nullable<Text>,
        active -> Bool,
        test_record -> Bool,
        term_customer -> Bool,
        allow_store_pickup -> Bool,
        allow_cod -> Bool,
        allow_payments_on_account -> Bool,
        payment_terms_id -> Nullable<Int8>,
        credit_limit_cents -> Int8,
        balance_cents -> Int8,
        balance_currency -> Nullable<Text>,
        over_limit_policy -> Text,
        discount_bp -> Int4,
        sales_tax_type -> Text,
        exempt_jurisdictions -> Array<Nullable<Text>>,
        review_flag -> Nullable<Text>,
        internal_remark -> Nullable<Text>,
        price_list_email -> Text,
        relationship_status -> Text,
        organization_id -> Nullable<Int8>,
        bill_to_id -> Nullable<Int8>,
        master_id -> Nullable<Int8>,
        merged_into_id -> Nullable<Int8>,
        lock_version -> Int4,
        order_count -> Int4,
        order_value_cents -> Int8,
        search_name -> Nullable<Text>,
        phone_digits -> Nullable<Text>,
        order_currency -> Nullable<Text>,
        language -> Nullable<Text>,
        reference_required -> Bool,
        minimum_order_cents -> Int8,
    }
}

diesel::table! {
    form_submissions (actor, key) {
        actor -> Text,
        key -> Text,
        route -> Text,
        location -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    import_runs (id) {
        id -> Int8,
        started_by -> Nullable<Int8>,
        started_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
        status -> Text,
        files -> Array<Nullable<Text>>,
        progress -> Array<Nullable<Text>>,
        error -> Nullable<Text>,
        report -> Nullable<Jsonb>,
        heartbeat_at -> Timestamptz,
    }
}

diesel::table! {
    invoice_reminders (entry_id, level) {
        entry_id -> Int8,
        level -> Int2,
        recipients -> Int4,
        sent_at -> Timestamptz,
    }
}

diesel::table! {
    ledger_allocations (id) {
        id -> Int8,
        credit_id -> Int8,
        debit_id -> Int8,
        amount_cents -> Int8,
        allocated_at -> Timestamptz,
    }
}

diesel::table! {
    ledger_entries (id) {
        id -> Int8,
        customer_id -> Int8,
        kind -> Text,
        number -> Text,
        posted_on -> Date,
        due_on -> Nullable<Date>,
        currency -> Text,
        amount_cents -> Int8,
        order_id -> Nullable<Int8>,
        reverses_id -> Nullable<Int8>,
        method -> Nullable<Text>,
        reference -> Nullable<Text>,
        reason -> Nullable<Text>,
        test_record -> Bool,
        posted_by_staff_id -> Nullable<Int8>,
        posted_by_name -> Text,
        posted_at -> Timestamptz,
    }
}

diesel::table! {
    login_attempts (id) {
        id -> Int8,
        email -> Text,
        client_addr -> Text,
        succeeded -> Bool,
        attempted_at -> Timestamptz,
    }
}

diesel::table! {
    ledger_open (entry_id) {
        entry_id -> Int8,
        customer_id -> Int8,
        currency -> Text,
        open_cents -> Int8,
        debit -> Bool,
        due_on -> Nullable<Date>,
        posted_on -> Date,
    }
}

diesel::table! {
    name_words (word) {
        word -> Text,
    }
}

diesel::table! {
    orders (id) {
        id -> Int8,
        order_number -> Text,
        customer_id -> Int8,
        placed_at -> Timestamptz,
        status -> Text,
        total_cents -> Int8,
        currency -> Text,
        invoice_number -> Nullable<Text>,
        tracking_number -> Nullable<Text>,
        channel -> Text,
        channel_order_id -> Nullable<Text>,
        channel_user_id -> Nullable<Text>,
        priority -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        customer_reference -> Nullable<Text>,
        placed_by_user_id -> Nullable<Int8>,
        placed_by_staff_id -> Nullable<Int8>,
        placed_by_name -> Nullable<Text>,
        ship_to_address_id -> Nullable<Int8>,
        ship_to -> Nullable<Text>,
        pickup_store_id -> Nullable<Int8>,
        payment_method -> Nullable<Text>,
        payment_days -> Nullable<Int4>,
        fulfilling_store_id -> Nullable<Int8>,
        hold_reason -> Nullable<Text>,
        over_limit -> Bool,
        paid_at -> Nullable<Timestamptz>,
        requested_delivery -> Nullable<Date>,
        note -> Nullable<Text>,
        carrier -> Nullable<Text>,
        dispatched_at -> Nullable<Timestamptz>,
        cancel_reason -> Nullable<Text>,
        payment_reference -> Nullable<Text>,
        erp -> Nullable<Text>,
        expected_on -> Nullable<Date>,
    }
}

diesel::table! {
    order_events (id) {
        id -> Int8,
        order_id -> Int8,
        at -> Timestamptz,
        kind -> Text,
        staff_id -> Nullable<Int8>,
        user_id -> Nullable<Int8>,
        actor_name -> Text,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    order_feed (order_id) {
        order_id -> Int8,
        xid -> Int8,
        released_at -> Timestamptz,
    }
}

diesel::table! {
    order_lines (order_id, line_no) {
        order_id -> Int8,
        line_no -> Int4,
        product_id -> Nullable<Int8>,
        sku -> Text,
        name -> Text,
        quantity -> Int4,
        unit_cents -> Int8,
        line_cents -> Int8,
    }
}

diesel::table! {
    cart_lines (user_id, customer_id, product_id) {
        user_id -> Int8,
        customer_id -> Int8,
        product_id -> Int8,
        quantity -> Int4,
        added_at -> Timestamptz,
    }
}

diesel::table! {
    outbox (id) {
        id -> Int8,
        kind -> Text,
        to_address -> Text,
        to_name -> Nullable<Text>,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        customer_id -> Nullable<Int8>,
        sensitive -> Bool,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        lease_until -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        sent_at -> Nullable<Timestamptz>,
        attachment_name -> Nullable<Text>,
        attachment -> Nullable<Bytea>,
    }
}

diesel::table! {
    payment_terms (id) {
        id -> Int8,
        name -> Text,
        days -> Nullable<Int4>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    price_lists (id) {
        id -> Int8,
        name -> Text,
        currency -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    product_prices (product_id, price_list_id) {
        product_id -> Int8,
        price_list_id -> Int8,
        price_cents -> Int8,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    product_stock (product_id, store_id) {
        product_id -> Int8,
        store_id -> Int8,
        quantity -> Int4,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    products (id) {
        id -> Int8,
        sku -> Text,
        name -> Text,
        description -> Nullable<Text>,
        unit -> Text,
        active -> Bool,
        specific -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        lock_version -> Int4,
    }
}

diesel::table! {
    requests (id) {
        id -> Int8,
        customer_id -> Int8,
        services -> Array<Nullable<Text>>,
        salesperson_id -> Nullable<Int8>,
        requested_by_staff_id -> Nullable<Int8>,
        requested_by_user_id -> Nullable<Int8>,
        status -> Text,
        message -> Nullable<Text>,
        decision_reason -> Nullable<Text>,
        created_at -> Timestamptz,
        decided_by -> Nullable<Int8>,
        decided_at -> Nullable<Timestamptz>,
        version -> Int4,
        answer -> Nullable<Text>,
        answered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    sales_channels (id) {
        id -> Int8,
        name -> Text,
        price_list_id -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    sessions (key_hash) {
        key_hash -> Bytea,
        state -> Jsonb,
        staff_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        customer_user_id -> Nullable<Int8>,
    }
}

diesel::table! {
    staff (id) {
        id -> Int8,
        email -> Text,
        name -> Text,
        password_hash -> Text,
        roles -> Array<Nullable<Text>>,
        is_salesperson -> Bool,
        active -> Bool,
        password_changed_at -> Timestamptz,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        language -> Nullable<Text>,
        time_zone -> Nullable<Text>,
        limited_to_own_customers -> Bool,
    }
}

diesel::table! {
    statement_runs (customer_id, currency, period_start) {
        customer_id -> Int8,
        currency -> Text,
        period_start -> Date,
        recipients -> Int4,
        sent_at -> Timestamptz,
    }
}

diesel::table! {
    stores (id) {
        id -> Int8,
        code -> Text,
        name -> Text,
        active -> Bool,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    user_tokens (token_hash) {
        token_hash -> Bytea,
        user_id -> Int8,
        purpose -> Text,
        staff_id -> Nullable<Int8>,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    tags (id) {
        id -> Int8,
        name -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    vendor_settings (only_row) {
        only_row -> Bool,
        default_locale -> Text,
        time_zone -> Text,
        vendor_name -> Text,
        vendor_address -> Text,
        reminder_days -> Array<Int4>,
        hold_overdue_days -> Int4,
        hold_overdue_cents -> Int8,
        api_requests_per_minute -> Int4,
    }
}

diesel::table! {
    watch_notes (customer_id) {
        customer_id -> Int8,
        body -> Text,
        staff_id -> Nullable<Int8>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    webhook_endpoints (id) {
        id -> Int8,
        url -> Text,
        description -> Text,
        secret -> Text,
        events -> Array<Nullable<Text>>,
        active -> Bool,
        created_by -> Nullable<Int8>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    webhook_deliveries (id) {
        id -> Int8,
        endpoint_id -> Int8,
        event_id -> Text,
        event -> Text,
        body -> Text,
        status -> Text,
        attempts -> Int4,
        next_attempt_at -> Timestamptz,
        claim -> Nullable<Text>,
        lease_until -> Nullable<Timestamptz>,
        last_status_code -> Nullable<Int4>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        delivered_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    webhook_attempts (id) {
        id -> Int8,
        delivery_id -> Int8,
        at -> Timestamptz,
        status_code -> Nullable<Int4>,
        error -> Nullable<Text>,
        millis -> Int4,
    }
}

diesel::joinable!(catalog_products -> catalogs (catalog_id));
diesel::joinable!(catalog_products -> products (product_id));
diesel::joinable!(catalog_products -> staff (added_by));
diesel::joinable!(customer_addresses -> customers (customer_id));
diesel::joinable!(customer_users -> customers (customer_id));
diesel::joinable!(user_tokens -> customer_users (user_id));
diesel::joinable!(customer_catalogs -> catalogs (catalog_id));
diesel::joinable!(customer_catalogs -> customers (customer_id));
diesel::joinable!(customer_catalogs -> staff (enabled_by));
diesel::joinable!(customer_contacts -> customers (customer_id));
diesel::joinable!(customer_history -> customers (customer_id));
diesel::joinable!(customer_history -> staff (staff_id));
diesel::joinable!(customer_notes -> customers (customer_id));
diesel::joinable!(customer_notes -> staff (staff_id));
diesel::joinable!(customer_order_totals -> customers (customer_id));
diesel::joinable!(customer_products -> customers (customer_id));
diesel::joinable!(customer_products -> products (product_id));
diesel::joinable!(customer_products -> staff (enabled_by));
diesel::joinable!(customer_services -> customers (customer_id));
diesel::joinable!(customer_stock_locations -> customers (customer_id));
diesel::joinable!(customer_stock_locations -> staff (enabled_by));
diesel::joinable!(customer_stock_locations -> stores (store_id));
diesel::joinable!(customer_tags -> customers (customer_id));
diesel::joinable!(customer_tags -> tags (tag_id));
diesel::joinable!(customers -> customer_groups (customer_group_id));
diesel::joinable!(customers -> payment_terms (payment_terms_id));
diesel::joinable!(customers -> sales_channels (sales_channel_id));
diesel::joinable!(customers -> staff (salesperson_id));
diesel::joinable!(customers -> stores (default_store_id));
diesel::joinable!(import_runs -> staff (started_by));
diesel::joinable!(orders -> customers (customer_id));
diesel::joinable!(order_feed -> orders (order_id));
diesel::joinable!(order_lines -> orders (order_id));
diesel::joinable!(order_lines -> products (product_id));
diesel::joinable!(cart_lines -> customers (customer_id));
diesel::joinable!(cart_lines -> products (product_id));
diesel::joinable!(cart_lines -> customer_users (user_id));
diesel::joinable!(product_prices -> price_lists (price_list_id));
diesel::joinable!(product_prices -> products (product_id));
diesel::joinable!(product_stock -> products (product_id));
diesel::joinable!(product_stock -> stores (store_id));
diesel::joinable!(requests -> customers (customer_id));
diesel::joinable!(sales_channels -> price_lists (price_list_id));
diesel::joinable!(sessions -> staff (staff_id));
diesel::joinable!(order_events -> orders (order_id));
diesel::joinable!(ledger_entries -> customers (customer_id));
diesel::joinable!(customer_balances -> customers (customer_id));
diesel::joinable!(watch_notes -> customers (customer_id));
diesel::joinable!(watch_notes -> staff (staff_id));
diesel::joinable!(api_clients -> staff (created_by));
diesel::joinable!(api_idempotency -> api_clients (client_id));
diesel::joinable!(api_requests -> api_clients (client_id));
diesel::joinable!(webhook_deliveries -> webhook_endpoints (endpoint_id));
diesel::joinable!(webhook_attempts -> webhook_deliveries (delivery_id));
diesel::joinable!(webhook_endpoints -> staff (created_by));
diesel::joinable!(customer_prices -> customers (customer_id));
diesel::joinable!(customer_prices -> products (product_id));
diesel::joinable!(customer_price_files -> customers (customer_id));
diesel::joinable!(customer_price_files -> staff (staff_id));

diesel::allow_tables_to_appear_in_same_query!(
    webhook_endpoints,
    webhook_deliveries,
    webhook_attempts,
    customer_prices,
    customer_price_files,
    api_clients,
    api_idempotency,
    api_requests,
    cart_lines,
    catalog_products,
    catalogs,
    credit_limit_changes,
    customer_addresses,
    customer_balances,
    customer_catalogs,
    customer_contacts,
    customer_groups,
    customer_history,
    customer_name_words,
    customer_notes,
    customer_order_totals,
    customer_products,
    customer_services,
    customer_stock_locations,
    customer_tags,
    customer_users,
    customers,
    form_submissions,
    import_runs,
    invoice_reminders,
    ledger_allocations,
    ledger_entries,
    ledger_open,
    login_attempts,
    name_words,
    order_events,
    order_feed,
    order_lines,
    orders,
    outbox,
    payment_terms,
    price_lists,
    product_prices,
    product_stock,
    products,
    requests,
    sales_channels,
    sessions,
    statement_runs,
    staff,
    stores,
    tags,
    user_tokens,
    vendor_settings,
    watch_notes,
);
