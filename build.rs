//! Rebuild when the built-in default theme changes (it is embedded in the binary).

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=build.rs");
}
