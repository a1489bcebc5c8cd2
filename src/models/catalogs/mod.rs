//! What is sold and to whom: catalogs, products with prices and stock, a customer's assortment,
//! and the catalog as the portal shows it.

pub mod assortment;
pub mod catalog;
pub mod contract_prices;
pub mod portal_catalog;
pub mod price_csv;
pub mod product;
