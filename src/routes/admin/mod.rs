//! Administration (role `admin`).

pub mod staff;
