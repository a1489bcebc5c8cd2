// `embed_migrations!` does not notice a newly added migration directory on its own.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
