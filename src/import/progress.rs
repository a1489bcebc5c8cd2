//! The import's progress bar on a terminal: each finished phase (a file copied, validated,
//! merged) fills a step, and the running phase shows its seconds as they pass. Off a terminal
//! (a pipe, a log) the phases are printed as plain lines and nothing else.

use std::{
    io::Write,
    sync::{Arc, Mutex},
    thread,
    time::{Duration, Instant},
};

const WIDTH: usize = 24;

struct State {
    done: usize,
    total: usize,
    running: String,
    since: Instant,
    finished: bool,
}

pub struct Bar {
    files: Vec<String>,
    state: Option<Arc<Mutex<State>>>,
    ticker: Option<thread::JoinHandle<()>>,
}

/// The phases of each file, in order.
const PHASES: [&str; 3] = ["copying", "validating", "merging"];

fn draw(s: &State) -> String {
    let filled = WIDTH * s.done / s.total.max(1);
    format!(
        "\r\x1b[2K[{}{}] {}/{} {} {:.0} s",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled),
        s.done,
        s.total,
        s.running,
        s.since.elapsed().as_secs_f64()
    )
}

impl Bar {
    /// A bar over `files` (their names, in import order), drawn on standard error only when
    /// `tty`; the phase lines go to standard output either way.
    pub fn new(files: &[&str], tty: bool) -> Bar {
        let files: Vec<String> = files.iter().map(|f| f.to_string()).collect();
        if !tty || files.is_empty() {
            return Bar {
                files,
                state: None,
                ticker: None,
            };
        }
        let state = Arc::new(Mutex::new(State {
            done: 0,
            total: files.len() * PHASES.len(),
            running: format!("{}: {}", files[0], PHASES[0]),
            since: Instant::now(),
            finished: false,
        }));
        let shared = Arc::clone(&state);
        let ticker = thread::spawn(move || {
            loop {
                {
                    let s = shared.lock().unwrap_or_else(|e| e.into_inner());
                    if s.finished {
                        break;
                    }
                    eprint!("{}", draw(&s));
                }
                thread::sleep(Duration::from_millis(250));
            }
        });
        Bar {
            files,
            state: Some(state),
            ticker: Some(ticker),
        }
    }

    /// A phase has finished and said so in `line`.
    pub fn step(&self, line: &str) {
        let Some(state) = &self.state else {
            println!("{line}");
            return;
        };
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        eprint!("\r\x1b[2K");
        let _ = std::io::stderr().flush();
        println!("{line}");
        s.done = (s.done + 1).min(s.total);
        s.running = match self.files.get(s.done / PHASES.len()) {
            Some(file) => format!("{file}: {}", PHASES[s.done % PHASES.len()]),
            None => "done".into(),
        };
        s.since = Instant::now();
        eprint!("{}", draw(&s));
    }

    /// Takes the bar off the screen.
    pub fn finish(mut self) {
        if let Some(state) = &self.state {
            state.lock().unwrap_or_else(|e| e.into_inner()).finished = true;
        }
        if let Some(t) = self.ticker.take() {
            let _ = t.join();
            eprint!("\r\x1b[2K");
            let _ = std::io::stderr().flush();
        }
    }
}
