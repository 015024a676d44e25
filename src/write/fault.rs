//! Fault injection for the tests, compiled into debug builds only: release binaries read no
//! `KHOA_TEST_*` variable.
//!
//! `KHOA_TEST_FAIL_AFTER_FILES=N` makes writing fail after N files; `KHOA_TEST_NO_EXCHANGE=1`
//! makes the swap use its two-rename fallback, as on a system without an atomic exchange.

#[cfg(debug_assertions)]
mod hooks {
    use std::io;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts written files and fails once the limit set by the environment is reached.
    pub struct FailAfter {
        limit: Option<usize>,
        written: AtomicUsize,
    }

    impl FailAfter {
        pub fn from_env() -> Self {
            let limit = std::env::var("KHOA_TEST_FAIL_AFTER_FILES")
                .ok()
                .and_then(|n| n.parse().ok());
            FailAfter {
                limit,
                written: AtomicUsize::new(0),
            }
        }

        pub fn before_file(&self) -> io::Result<()> {
            match self.limit {
                Some(limit) if self.written.fetch_add(1, Ordering::SeqCst) >= limit => Err(
                    io::Error::other("injected failure (KHOA_TEST_FAIL_AFTER_FILES)"),
                ),
                _ => Ok(()),
            }
        }
    }

    #[cfg_attr(not(any(target_os = "linux", target_os = "android")), allow(dead_code))]
    pub fn exchange_disabled() -> bool {
        std::env::var_os("KHOA_TEST_NO_EXCHANGE").is_some()
    }
}

#[cfg(not(debug_assertions))]
mod hooks {
    /// Release builds: never fails.
    pub struct FailAfter;

    impl FailAfter {
        pub fn from_env() -> Self {
            FailAfter
        }

        #[inline]
        pub fn before_file(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[cfg_attr(not(any(target_os = "linux", target_os = "android")), allow(dead_code))]
    pub fn exchange_disabled() -> bool {
        false
    }
}

pub use hooks::{FailAfter, exchange_disabled};
