//! A real SMTP server on loopback for the tests: it speaks enough ESMTP for lettre (EHLO,
//! MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps every message it accepts, and can be told to
//! refuse a recipient for good (550). It runs on its own thread; dropping it closes the port.

#![allow(dead_code)]

use std::{
    io::{BufRead, BufReader, Write},
    net::{TcpListener, TcpStream},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    thread::JoinHandle,
    time::{Duration, Instant},
};

/// One message as the sink received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// The raw message (headers and body), with the dot-stuffing undone.
    pub data: String,
}

impl Received {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(self.data.as_bytes()).expect("the message parses")
    }

    pub fn header(&self, name: &str) -> Option<String> {
        use mailparse::MailHeaderMap;
        self.parsed().headers.get_first_value(name)
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    /// The attached file: its name and bytes, if the message carries one.
    pub fn attachment(&self) -> Option<(String, Vec<u8>)> {
        fn find(p: &mailparse::ParsedMail<'_>) -> Option<(String, Vec<u8>)> {
            let disposition = p.get_content_disposition();
            if disposition.disposition == mailparse::DispositionType::Attachment {
                let name = disposition
                    .params
                    .get("filename")
                    .cloned()
                    .unwrap_or_default();
                return Some((name, p.get_body_raw().ok()?));
            }
            p.subparts.iter().find_map(find)
        }
        find(&self.parsed())
    }

    /// The decoded plain-text part.
    pub fn text(&self) -> String {
        self.part("text/plain")
    }

    /// The decoded HTML part.
    pub fn html(&self) -> String {
        self.part("text/html")
    }

    fn part(&self, mime: &str) -> String {
        fn find(p: &mailparse::ParsedMail<'_>, mime: &str) -> Option<String> {
            if p.ctype.mimetype == mime {
                return p.get_body().ok();
            }
            p.subparts.iter().find_map(|s| find(s, mime))
        }
        find(&self.parsed(), mime).unwrap_or_else(|| panic!("no {mime} part in {}", self.data))
    }

    /// The header names of the message, lower-cased, in order.
    pub fn header_names(&self) -> Vec<String> {
        self.parsed()
            .headers
            .iter()
            .map(|h| h.get_key().to_lowercase())
            .collect()
    }
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<Received>>,
    refuse: Mutex<Vec<String>>,
    stop: AtomicBool,
}

pub struct SmtpSink {
    port: u16,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        Self::start_on(0)
    }

    /// Listens on a given port (0: any free one).
    pub fn start_on(port: u16) -> SmtpSink {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("the SMTP sink binds");
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        let thread = std::thread::spawn(move || {
            while !s.stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let s = s.clone();
                        std::thread::spawn(move || {
                            let _ = serve(stream, &s);
                        });
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        SmtpSink {
            port,
            shared,
            thread: Some(thread),
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// From now on, RCPT TO this address gets a permanent 550.
    pub fn refuse(&self, address: &str) {
        self.shared
            .refuse
            .lock()
            .unwrap()
            .push(address.to_lowercase());
    }

    pub fn accept_all(&self) {
        self.shared.refuse.lock().unwrap().clear();
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages have arrived (at most 20 s), and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.received();
            if got.len() >= n {
                return got;
            }
            assert!(
                Instant::now() < deadline,
                "expected {n} messages, the SMTP sink has {}: {got:#?}",
                got.len()
            );
            actix_web::rt::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The messages to one address.
    pub fn to(&self, address: &str) -> Vec<Received> {
        self.received()
            .into_iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r.eq_ignore_ascii_case(address)))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A free port with nobody listening on it (for "the mail server is down").
pub fn unused_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn angle(arg: &str) -> String {
    let start = arg.find('<').map(|i| i + 1).unwrap_or(0);
    let end = arg.find('>').unwrap_or(arg.len());
    arg[start..end.max(start)].to_string()
}

fn serve(stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    out.write_all(b"220 sink.test ESMTP ready\r\n")?;
    let (mut from, mut rcpt) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_uppercase();
        match verb.as_str() {
            "EHLO" => out.write_all(b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")?,
            "HELO" => out.write_all(b"250 sink.test\r\n")?,
            "MAIL" => {
                from = angle(&command);
                rcpt.clear();
                out.write_all(b"250 OK\r\n")?
            }
            "RCPT" => {
                let to = angle(&command);
                if shared.refuse.lock().unwrap().contains(&to.to_lowercase()) {
                    out.write_all(b"550 5.1.1 No such user here\r\n")?
                } else {
                    rcpt.push(to);
                    out.write_all(b"250 OK\r\n")?
                }
            }
            "DATA" => {
                out.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    data.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                shared.received.lock().unwrap().push(Received {
                    mail_from: from.clone(),
                    rcpt_to: std::mem::take(&mut rcpt),
                    data,
                });
                out.write_all(b"250 OK queued\r\n")?
            }
            "RSET" => {
                rcpt.clear();
                out.write_all(b"250 OK\r\n")?
            }
            "NOOP" => out.write_all(b"250 OK\r\n")?,
            "QUIT" => {
                out.write_all(b"221 Bye\r\n")?;
                return Ok(());
            }
            _ => out.write_all(b"502 Command not implemented\r\n")?,
        }
    }
}
