fn main() -> std::process::ExitCode {
    closecodes::cli::run()
}
