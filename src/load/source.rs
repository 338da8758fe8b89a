//! Reading a file's bytes safely: size cap before parsing, UTF-8 only.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};

use super::LoadError;
use crate::yaml::Pos;

/// The default cap on an agreement file's size: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// How standard input (`-`) is named in messages and reports.
pub const STDIN_NAME: &str = "<stdin>";

/// Whether standard input was read in this run: it can be read only once.
static STDIN_READ: AtomicBool = AtomicBool::new(false);

/// How an argument is named in messages and reports: standard input (`-`)
/// as [`STDIN_NAME`], anything else as given.
pub fn shown_name(path: &str) -> &str {
    if path == "-" { STDIN_NAME } else { path }
}

/// Read a file as UTF-8 text, refusing directories, oversized files,
/// non-UTF-8 bytes and NUL characters. `-` reads standard input, once a run.
pub fn read_source(path: &str, max_bytes: u64) -> Result<String, LoadError> {
    let fail = |pos: Option<Pos>, message: String| LoadError { file: shown_name(path).to_string(), pos, message };
    if path == "-" {
        if STDIN_READ.swap(true, Ordering::SeqCst) {
            return Err(fail(None, "standard input can be read only once in a run".into()));
        }
        return read_capped(std::io::stdin().lock(), max_bytes, Vec::new())
            .map_err(|m| fail(None, m))
            .and_then(|bytes| decode(bytes).map_err(|(pos, m)| fail(pos, m)));
    }
    if crate::git::reading(path).map_err(|m| fail(None, m))? == crate::git::Reading::Git {
        let bytes = crate::git::read(path, max_bytes).map_err(|m| fail(None, m))?;
        return decode(bytes).map_err(|(pos, m)| fail(pos, m));
    }
    let meta = std::fs::metadata(path).map_err(|e| fail(None, io_message(&e)))?;
    if meta.is_dir() {
        return Err(fail(None, "is a directory, not an agreement file".into()));
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(fail(
            None,
            format!("is {} bytes, more than the limit of {max_bytes} (raise it with --max-bytes)", meta.len()),
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(None, io_message(&e)))?;
    let mut bytes = Vec::new();
    // Sized to the file, so a large file is not read into a buffer grown by doubling
    // (which at its peak holds the old and the new buffer).
    if meta.is_file() {
        bytes.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    }
    let bytes = read_capped(file, max_bytes, bytes).map_err(|m| fail(None, m))?;
    decode(bytes).map_err(|(pos, m)| fail(pos, m))
}

/// At most `max_bytes` bytes of a reader, or why not.
fn read_capped(reader: impl Read, max_bytes: u64, mut bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    // Read one byte past the cap so that a growing file or a pipe is caught too
    // (saturating: `--max-bytes 18446744073709551615` means no cap, not zero bytes).
    reader.take(max_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!("is more than the limit of {max_bytes} bytes (raise it with --max-bytes)"));
    }
    Ok(bytes)
}

/// Turn bytes into text, or say where they stop being UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, (Option<Pos>, String)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err((Some(Pos { line: 1, col: 1 }), "is UTF-16 encoded; agreement files must be UTF-8".into()));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let pos = position_at(&e.as_bytes()[..valid]);
            return Err((Some(pos), "is not valid UTF-8 text here; agreement files must be UTF-8".into()));
        }
    };
    if let Some(i) = text.find('\0') {
        return Err((Some(position_at(&text.as_bytes()[..i])), "contains a NUL character".into()));
    }
    Ok(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text))
}

/// The line and column just after `prefix` (valid UTF-8).
fn position_at(prefix: &[u8]) -> Pos {
    let text = std::str::from_utf8(prefix).unwrap_or("");
    let line = text.matches('\n').count() as u32 + 1;
    let col = text.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
    Pos { line, col }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory, not an agreement file".into(),
        _ => format!("cannot be read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_bad_bytes() {
        let (pos, _) = decode(b"a: 1\nb: \xff\n".to_vec()).unwrap_err();
        assert_eq!(pos, Some(Pos { line: 2, col: 4 }));
        let (pos, _) = decode(b"a: \0".to_vec()).unwrap_err();
        assert_eq!(pos, Some(Pos { line: 1, col: 4 }));
        assert!(decode(b"\xff\xfea\0".to_vec()).is_err());
        assert_eq!(decode(b"\xef\xbb\xbfa: 1".to_vec()).unwrap(), "a: 1");
    }
}
