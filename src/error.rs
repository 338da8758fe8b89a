//! Why a command failed, and the exit statuses (as diff(1) has them).

use std::fmt;

use crate::load::LoadError;

/// No differences (or none at the `--fail-on` level).
pub const EXIT_SAME: u8 = 0;
/// Differences (or findings at or above the `--fail-on` level).
pub const EXIT_DIFFERENT: u8 = 1;
/// Trouble: bad input, a missing file, a usage error.
pub const EXIT_TROUBLE: u8 = 2;

/// Why a command could not do its job; every error exits with
/// [`EXIT_TROUBLE`] and no partial output.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or loaded.
    Load(LoadError),
    /// Any other trouble, said in a sentence.
    Message(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Error::Load(e) => write!(f, "{e}"),
            Error::Message(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

impl From<String> for Error {
    fn from(m: String) -> Self {
        Error::Message(m)
    }
}
