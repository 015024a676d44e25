//! The `khoa` executable: everything lives in the library; this only sets the exit code.

fn main() {
    std::process::exit(khoa::cli::run());
}
