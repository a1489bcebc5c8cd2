// @generated automatically by Diesel CLI.

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
    sessions (key_hash) {
        key_hash -> Bytea,
        state -> Jsonb,
        staff_id -> Nullable<Int8>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
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
    }
}

diesel::joinable!(sessions -> staff (staff_id));

diesel::allow_tables_to_appear_in_same_query!(customers, login_attempts, sessions, staff,);
