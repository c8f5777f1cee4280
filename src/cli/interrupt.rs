//! Ctrl-C and SIGTERM for the human CLI.
//!
//! Outside a critical section the process exits at once — by exiting with 130 (SIGINT) or
//! 143 (SIGTERM), not by dying of the signal — after putting the terminal back as it was
//! (echo on after a password prompt, cursor shown after a selection prompt). Inside a
//! critical section (a mutation and the delivery of what it minted) the signal is only
//! recorded; the command checks [`requested`] at a safe boundary, reports what it did so
//! far and returns [`Error::interrupted`].

use crate::error::{Error, Kind, exit};
use signal_hook::consts::{SIGINT, SIGTERM};
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering};

/// Depth of critical sections; the lock also orders entering one against an exit.
static CRITICAL: Mutex<usize> = Mutex::new(0);
/// The signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);
/// The terminal's settings at start-up, restored on an exit by signal.
static TERMINAL: Mutex<Option<rustix::termios::Termios>> = Mutex::new(None);

/// Starts the signal thread. Called once, by commands that may prompt or mutate.
pub fn install() {
    if std::io::stdin().is_terminal() {
        *TERMINAL.lock().unwrap_or_else(|e| e.into_inner()) = rustix::termios::tcgetattr(std::io::stdin()).ok();
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else { return };
    std::thread::spawn(move || {
        for sig in signals.forever() {
            RECEIVED.store(sig, Ordering::SeqCst);
            let depth = CRITICAL.lock().unwrap_or_else(|e| e.into_inner());
            if *depth == 0 {
                restore_terminal();
                let _ = writeln!(std::io::stderr(), "\nerror: interrupted");
                // Holding the lock: no critical section can start while we exit.
                std::process::exit(code_of(sig).into());
            }
        }
    });
}

fn code_of(sig: i32) -> u8 {
    if sig == SIGTERM { exit::TERMINATED } else { exit::INTERRUPTED }
}

/// Echo and line editing back on, cursor shown.
pub fn restore_terminal() {
    if let Some(t) = TERMINAL.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
        let _ = rustix::termios::tcsetattr(std::io::stdin(), rustix::termios::OptionalActions::Now, t);
    }
    if std::io::stderr().is_terminal() {
        let _ = std::io::stderr().write_all(b"\x1b[?25h");
    }
}

/// Whether Ctrl-C (or SIGTERM) arrived.
pub fn requested() -> bool {
    RECEIVED.load(Ordering::SeqCst) != 0
}

/// The error a command returns when it stops for a signal (exit 130, or 143 for SIGTERM).
pub fn error() -> Error {
    if RECEIVED.load(Ordering::SeqCst) == SIGTERM { Error::new(Kind::Terminated, "terminated") } else { Error::interrupted() }
}

/// While alive, a signal is recorded instead of ending the process.
pub struct Critical(());

impl Critical {
    pub fn enter() -> Self {
        *CRITICAL.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        Critical(())
    }
}

impl Drop for Critical {
    fn drop(&mut self) {
        let mut depth = CRITICAL.lock().unwrap_or_else(|e| e.into_inner());
        *depth = depth.saturating_sub(1);
    }
}
