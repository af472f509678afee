//! An open-loop load generator for `quotetrace serve` (used by bench/serve_load.sh): sends
//! requests at a fixed rate whatever the answers' speed, and measures each latency from the
//! moment the request was due, so a slow server cannot hide its queueing (no coordinated
//! omission).
//!
//! Queries are made from quotes sampled in the store (opened read-only): a few words of a
//! quote for quote search (`/api/quotes?q=`) and article search (`/api/search?q=`), a run of
//! its words for `POST /api/trace`.
//!
//! usage: load BASE_URL STORE_DIR KIND RATE SECONDS
//!   KIND: quotes | trace | search | pages (the quote page, /quotes/{id})
//! prints one JSON line: requests, errors, achieved rate, latency median/p90/p99/max in ms.

use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use quotetrace_store::{QuoteFilter, Store};

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 6 {
        eprintln!("usage: load BASE_URL STORE_DIR quotes|trace|search|pages RATE SECONDS");
        std::process::exit(2);
    }
    let (base, store, kind) = (
        args[1].trim_end_matches('/').to_string(),
        &args[2],
        args[3].clone(),
    );
    let rate: f64 = args[4].parse().expect("RATE");
    let seconds: f64 = args[5].parse().expect("SECONDS");
    let store = Store::open_read_only(std::path::Path::new(store)).unwrap_or_else(|e| {
        eprintln!("load: {e}");
        std::process::exit(2);
    });
    let samples = store.sample_quotes(2000).expect("sampling quotes");
    let ids: Vec<i64> = store
        .quotes(&QuoteFilter {
            limit: 2000,
            ..Default::default()
        })
        .expect("listing quotes")
        .iter()
        .map(|q| q.id)
        .collect();
    drop(store);
    // (method, path, body) per request, cycled.
    let mut requests: Vec<(&'static str, String, String)> = Vec::new();
    for (i, text) in samples.iter().enumerate() {
        let words = words_of(text);
        let long: Vec<&String> = words.iter().filter(|w| w.len() > 4).collect();
        match kind.as_str() {
            "quotes" | "search" if long.len() >= 2 => {
                let q = format!("{} {}", long[i % long.len()], long[(i + 1) % long.len()]);
                let path = if kind == "quotes" {
                    format!("/api/quotes?q={}&limit=20", encode(&q))
                } else {
                    format!("/api/search?q={}&limit=20", encode(&q))
                };
                requests.push(("GET", path, String::new()));
            }
            "trace" if words.len() >= 6 => {
                let start = i % (words.len() - 5);
                let frag = words[start..(start + 10).min(words.len())].join(" ");
                let body = serde_json::json!({ "text": frag }).to_string();
                requests.push(("POST", "/api/trace".into(), body));
            }
            "pages" => {
                if let Some(id) = ids.get(i % ids.len().max(1)) {
                    requests.push(("GET", format!("/quotes/{id}"), String::new()));
                }
            }
            _ => {}
        }
    }
    if requests.is_empty() {
        eprintln!("load: no requests could be made for {kind} (empty store?)");
        std::process::exit(2);
    }
    let total = (rate * seconds).round() as usize;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let (latencies, errors, wall, first_error) = runtime.block_on(async move {
        let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(256)
            .build_http();
        let interval = Duration::from_secs_f64(1.0 / rate);
        let start = tokio::time::Instant::now();
        let mut tasks = Vec::with_capacity(total);
        for i in 0..total {
            let due = start + interval * i as u32;
            tokio::time::sleep_until(due).await;
            let (method, path, body) = requests[i % requests.len()].clone();
            let client = client.clone();
            let uri = format!("{base}{path}");
            tasks.push(tokio::spawn(async move {
                let req = Request::builder()
                    .method(method)
                    .uri(uri)
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(body)))
                    .unwrap();
                let sent = tokio::time::timeout(Duration::from_secs(10), async {
                    let res = client.request(req).await.map_err(|e| e.to_string())?;
                    let status = res.status();
                    let body = res.into_body().collect().await.map_err(|e| e.to_string())?;
                    // A trace that finds nothing (404) is an answer, not an error.
                    if status.is_success() || status.as_u16() == 404 {
                        Ok(())
                    } else {
                        Err(format!(
                            "{status}: {}",
                            String::from_utf8_lossy(&body.to_bytes())
                        ))
                    }
                })
                .await;
                let ms = due.elapsed().as_secs_f64() * 1000.0;
                match sent {
                    Ok(Ok(())) => Ok(ms),
                    Ok(Err(e)) => Err(e),
                    Err(_) => Err("timed out after 10 s".to_string()),
                }
            }));
        }
        let mut latencies = Vec::with_capacity(total);
        let mut errors = 0usize;
        let mut first_error = None;
        for t in tasks {
            match t.await {
                Ok(Ok(ms)) => latencies.push(ms),
                Ok(Err(e)) => {
                    errors += 1;
                    first_error.get_or_insert(e);
                }
                Err(e) => {
                    errors += 1;
                    first_error.get_or_insert(e.to_string());
                }
            }
        }
        (
            latencies,
            errors,
            start.elapsed().as_secs_f64(),
            first_error,
        )
    });
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    let r = |x: f64| (x * 100.0).round() / 100.0;
    println!(
        "{}",
        serde_json::json!({
            "kind": kind,
            "target_rate": rate,
            "seconds": seconds,
            "requests": total,
            "errors": errors,
            "first_error": first_error,
            "achieved_rate": r(total as f64 / wall),
            "median_ms": r(percentile(&sorted, 0.5)),
            "p90_ms": r(percentile(&sorted, 0.9)),
            "p99_ms": r(percentile(&sorted, 0.99)),
            "max_ms": r(sorted.last().copied().unwrap_or(f64::NAN)),
        })
    );
}
