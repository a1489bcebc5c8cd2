//! The buyers of `bench/orders`: one thread per buyer, each a portal user of its own customer
//! on a keep-alive connection of its own, placing orders for a number of seconds: a quick-order
//! paste of three lines, then a checkout on invoice with a reference of its own. The standard
//! library only, so the bench compiles it with `rustc` alone; a lean client leaves the two
//! cores to the server it measures.
//!
//! The first WARMUP seconds are the same work, timed apart: a server just started opens its
//! database connections and prepares its statements on the first orders, which says how it
//! starts, not how it serves. Their orders count like the others (acknowledged, errors).
//!
//! Usage: buyers BASE_URL BUYERS_FILE WARMUP SECONDS   (BUYERS_FILE: "email<TAB>address id")
//! Prints one JSON object: the references acknowledged, errors, checkouts, p50 and p99 (ms) of
//! the measured seconds, and the warm-up's checkouts and p99.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

struct Client {
    host: String,
    reader: BufReader<TcpStream>,
    cookies: Vec<(String, String)>,
}

struct Answer {
    status: u16,
    location: Option<String>,
    body: String,
}

impl Client {
    fn new(host: &str) -> Client {
        let stream = TcpStream::connect(host).expect("the portal answers");
        stream.set_nodelay(true).ok();
        stream.set_read_timeout(Some(Duration::from_secs(30))).ok();
        Client {
            host: host.to_string(),
            reader: BufReader::new(stream),
            cookies: Vec::new(),
        }
    }

    fn request(&mut self, method: &str, path: &str, form: Option<&[(&str, &str)]>) -> Answer {
        let body = form.map(|f| {
            f.iter()
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect::<Vec<_>>()
                .join("&")
        });
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.host);
        if !cookie.is_empty() {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if let Some(b) = &body {
            head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
            head.push_str(&format!("Content-Length: {}\r\n", b.len()));
        }
        head.push_str("\r\n");
        head.push_str(body.as_deref().unwrap_or(""));
        self.reader
            .get_mut()
            .write_all(head.as_bytes())
            .expect("the request is sent");
        self.answer()
    }

    fn answer(&mut self) -> Answer {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("a status line");
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let (mut length, mut chunked, mut location) = (0usize, false, None);
        loop {
            line.clear();
            self.reader.read_line(&mut line).expect("a header");
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().unwrap_or(0),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "location" => location = Some(value.to_string()),
                "set-cookie" => {
                    let pair = value.split(';').next().unwrap_or("");
                    if let Some((k, v)) = pair.split_once('=') {
                        self.cookies.retain(|(name, _)| name != k);
                        self.cookies.push((k.to_string(), v.to_string()));
                    }
                }
                _ => {}
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line).expect("a chunk size");
                let size = usize::from_str_radix(line.trim(), 16).unwrap_or(0);
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk).expect("a chunk");
                body.extend_from_slice(&chunk[..size]);
                if size == 0 {
                    break;
                }
            }
        } else {
            body.resize(length, 0);
            self.reader.read_exact(&mut body).expect("a body");
        }
        Answer {
            status,
            location,
            body: String::from_utf8_lossy(&body).into_owned(),
        }
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn csrf(html: &str) -> String {
    let marker = "name=\"csrf_token\" value=\"";
    let start = html.find(marker).expect("a form with a CSRF token") + marker.len();
    html[start..].chars().take_while(|c| *c != '"').collect()
}

/// A small xorshift generator: each buyer's lines and keys depend on its number alone (the
/// keys need only differ within one run, on a database of its own).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn key(&mut self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }
}

struct Outcome {
    placed: Vec<String>,
    errors: usize,
    times: Vec<f64>,
    warmup: Vec<f64>,
}

fn buyer(host: &str, n: usize, email: &str, address: &str, (warm, seconds): (f64, f64)) -> Outcome {
    let mut c = Client::new(host);
    let page = c.request("GET", "/portal/login", None).body;
    let password = "a benchmark passphrase";
    let login = [("csrf_token", csrf(&page)), ("email", email.into()), ("password", password.into())];
    let login: Vec<(&str, &str)> = login.iter().map(|(k, v)| (*k, v.as_str())).collect();
    c.request("POST", "/portal/login", Some(&login));
    let token = csrf(&c.request("GET", "/portal/cart", None).body);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut out = Outcome {
        placed: Vec::new(),
        errors: 0,
        times: Vec::new(),
        warmup: Vec::new(),
    };
    let warm_until = Instant::now() + Duration::from_secs_f64(warm);
    let deadline = warm_until + Duration::from_secs_f64(seconds);
    let mut i = 0;
    while Instant::now() < deadline {
        i += 1;
        let lines = (0..3)
            .map(|_| format!("BENCH-{:03}, {}", rng.between(1, 50), rng.between(1, 5)))
            .collect::<Vec<_>>()
            .join("\n");
        let key = rng.key();
        let paste = [("csrf_token", token.as_str()), ("submission_key", &key), ("lines", &lines)];
        if c.request("POST", "/portal/cart/quick", Some(&paste)).status != 303 {
            out.errors += 1;
            continue;
        }
        let (reference, key) = (format!("B{n}-{i}"), rng.key());
        let delivery = format!("ship:{address}");
        let form = [
            ("csrf_token", token.as_str()),
            ("submission_key", &key),
            ("delivery", &delivery),
            ("payment", "invoice"),
            ("customer_reference", &reference),
        ];
        let start = Instant::now();
        let answer = c.request("POST", "/portal/checkout", Some(&form));
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        match start < warm_until {
            true => out.warmup.push(ms),
            false => out.times.push(ms),
        }
        let to_order = answer.location.as_deref().is_some_and(|l| l.contains("/portal/orders/SO-"));
        if answer.status == 303 && to_order {
            out.placed.push(reference);
        } else {
            out.errors += 1;
        }
    }
    out
}

/// The `p`th quantile of sorted `times` (0 when there are none).
fn quantile(times: &[f64], p: f64) -> f64 {
    let i = ((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1));
    times.get(i).copied().unwrap_or(0.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, file, warm, seconds] = &args[..] else {
        eprintln!("usage: buyers BASE_URL BUYERS_FILE WARMUP SECONDS");
        std::process::exit(2);
    };
    let host = base.trim_start_matches("http://").trim_end_matches('/').to_string();
    let span: (f64, f64) = (warm.parse().expect("warm-up seconds"), seconds.parse().expect("seconds"));
    let buyers: Vec<(String, String)> = std::fs::read_to_string(file)
        .expect("the buyers file")
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(e, a)| (e.to_string(), a.trim().to_string()))
        .collect();
    let threads: Vec<_> = buyers
        .into_iter()
        .enumerate()
        .map(|(n, (email, address))| {
            let host = host.clone();
            std::thread::spawn(move || buyer(&host, n, &email, &address, span))
        })
        .collect();
    let outcomes: Vec<Outcome> = threads.into_iter().map(|t| t.join().expect("a buyer")).collect();
    let sorted = |pick: fn(&Outcome) -> &Vec<f64>| {
        let mut all: Vec<f64> = outcomes.iter().flat_map(|o| pick(o).iter().copied()).collect();
        all.sort_by(|a, b| a.total_cmp(b));
        all
    };
    let (times, warmup) = (sorted(|o| &o.times), sorted(|o| &o.warmup));
    let placed: Vec<String> = outcomes
        .iter()
        .flat_map(|o| o.placed.iter().map(|r| format!("\"{r}\"")))
        .collect();
    let errors: usize = outcomes.iter().map(|o| o.errors).sum();
    println!(
        "{{\"placed\": [{}], \"errors\": {errors}, \"checkouts\": {}, \"p50\": {}, \"p99\": {}, \"warmup_checkouts\": {}, \"warmup_p99\": {}, \"buyers\": {}}}",
        placed.join(", "),
        times.len(),
        quantile(&times, 0.50),
        quantile(&times, 0.99),
        warmup.len(),
        quantile(&warmup, 0.99),
        outcomes.len()
    );
}
