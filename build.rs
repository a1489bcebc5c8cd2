//! Build steps: notice new migrations, and compile static/ into the binary.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

fn main() {
    // `embed_migrations!` does not notice a newly added migration directory on its own.
    println!("cargo:rerun-if-changed=migrations");
    embed_static_files();
}

/// Writes `$OUT_DIR/static_files.rs`: every file under static/ by its path there, as bytes
/// included at compile time, so the binary alone serves `/static/` (see
/// `src/routes/static_files.rs`). A dozen lines here instead of an embedding crate, which would
/// read the files from disk in debug builds unless told otherwise.
fn embed_static_files() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("static");
    // A directory: cargo looks at every file under it.
    println!("cargo:rerun-if-changed=static");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for file in files {
        let name = file
            .strip_prefix(&root)
            .unwrap()
            .to_str()
            .expect("UTF-8 file names");
        let absolute = file.to_str().expect("a UTF-8 path");
        code.push_str(&format!("    ({name:?}, include_bytes!({absolute:?})),\n"));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("static_files.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("static/ exists") {
        let path = entry.expect("static/ is readable").path();
        if path.is_dir() {
            walk(&path, files);
        } else {
            files.push(path);
        }
    }
}
