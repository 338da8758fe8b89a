//! The `agreement-diff` command line: parse, run, print once.

use std::io::Write;
use std::process::ExitCode;

use agreement_diff::cli::{self, Output};
use agreement_diff::error::{EXIT_SAME, EXIT_TROUBLE, Error};
use agreement_diff::{git, safe};

/// jemalloc, not the system allocator: the diff makes and drops millions of
/// small strings (docs/performance.md has the measurement).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options: freed pages go back to the system after 100 ms rather
/// than 10 s, which keeps the peak memory of a large diff below glibc's
/// (docs/performance.md). Read by jemalloc at start-up as a C string.
#[cfg(not(target_env = "msvc"))]
#[allow(non_upper_case_globals)]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static malloc_conf: &[u8; 19] = b"dirty_decay_ms:100\0";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            // Every part from a file is escaped already; this makes sure of it for the whole line.
            eprintln!("{}", safe::inert_commands(&format!("agreement-diff: error: {e}")));
            ExitCode::from(EXIT_TROUBLE)
        }
    }
}

fn run() -> Result<ExitCode, Error> {
    let args: Vec<String> = std::env::args().collect();
    if let Some(driver) = git::Driver::from_args(&args[1..]) {
        let (text, status) = driver.run();
        return emit(&Output { text, status });
    }
    let parsed = match cli::parse(std::env::args_os()) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Ok(ExitCode::from(if e.use_stderr() { EXIT_TROUBLE } else { EXIT_SAME }));
        }
    };
    emit(&cli::execute(parsed)?)
}

/// Write the whole output at once; a closed pipe ends quietly.
fn emit(out: &Output) -> Result<ExitCode, Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(out.text.as_bytes()).and_then(|_| stdout.flush()) {
        Ok(()) => Ok(ExitCode::from(out.status)),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::from(out.status)),
        Err(e) => Err(Error::Message(format!("cannot write output: {e}"))),
    }
}
