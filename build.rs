// The dataset and the static assets are compiled in with `include_dir!`, which
// cargo does not know to watch: rebuild whenever either folder changes.
fn main() {
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=static");
}
