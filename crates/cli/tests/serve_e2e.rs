//! `quotetrace serve` as people and scripts meet it: the real binary on 127.0.0.1, driven by
//! headless Chromium through chromedriver (search, open a quote, see its timeline, open the
//! speaker, on a desktop and a phone-sized window, keyboard only where it matters), and by a
//! plain HTTP client for uploads. Screenshots are kept in
//! `target/tmp/e2e-screenshots/` (CARGO_TARGET_TMPDIR) as test artefacts.
//!
//! The browser test needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs
//! them). Without them it is skipped with a message, unless `CI` or `QUOTETRACE_E2E` is set,
//! where a missing browser fails the test.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

mod common;

use common::{bin, serve, Running};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ingest(store: &Path) {
    let out = Command::new(bin())
        .args(["ingest", "-q", "--store"])
        .arg(store)
        .arg(repo().join("crates/cli/tests/data/serve_e2e.jsonl"))
        .arg(repo().join("examples/articles"))
        .output()
        .unwrap();
    common::assert_ok(&out);
}

/// One HTTP/1.1 request over a fresh connection: (status, body).
fn http(
    base: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let (status, _, body) = common::http(base, method, path, headers, body);
    (status, body)
}

#[test]
fn uploads_over_http_reach_the_store_only_with_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (_server, base) = serve(&store, &["--token", "tok-123", "--max-body", "100000"]);
    let note = b"Quay works delayed\n\n\"The quay will open in May, not March,\" said Ruth Amsel, the harbour master.\n";
    let (status, body) = http(
        &base,
        "POST",
        "/api/documents?name=harbour-note",
        &[("Content-Type", "text/plain")],
        note,
    );
    assert_eq!(status, 401, "{body}");
    let auth = [
        ("Content-Type", "text/plain"),
        ("Authorization", "Bearer tok-123"),
    ];
    let (status, body) = http(
        &base,
        "POST",
        "/api/documents?name=harbour-note",
        &auth,
        note,
    );
    assert_eq!(status, 201, "{body}");
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (v["added"].as_u64(), v["quotes"].as_u64()),
        (Some(1), Some(1))
    );
    // HTML is cleaned like `ingest` cleans it.
    let page = b"<!doctype html><html><head><title>Pier news</title></head><body><nav>Home | Sport</nav><article><h1>Pier reopens</h1><p>\"We are open again,\" said Ruth Amsel on Friday.</p><p>The pier closed in the storm last winter and was repaired over the summer months by the council.</p></article></body></html>";
    let (status, body) = http(
        &base,
        "POST",
        "/api/documents?name=pier",
        &[
            ("Content-Type", "text/html"),
            ("Authorization", "Bearer tok-123"),
        ],
        page,
    );
    assert_eq!(status, 201, "{body}");
    let (status, body) = http(&base, "GET", "/api/quotes?speaker=Amsel", &[], b"");
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&body).unwrap();
    let texts = common::strings(&v["items"], "text");
    assert_eq!(texts.len(), 2, "{body}");
    assert!(texts.iter().any(|t| t.contains("open again")));
    let (_, body) = http(&base, "GET", "/api/documents?limit=5", &[], b"");
    assert!(
        body.contains("\"doc\":\"pier.html\"") && !body.contains("Home | Sport"),
        "{body}"
    );
    let (status, body) = http(&base, "POST", "/api/documents", &auth, &vec![b'x'; 200_000]);
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("\"error\""));
}

fn find_program(env: &str, candidates: &[&str]) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(env) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for c in candidates {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(c);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
    std::fs::write(screenshots().join(name), png).unwrap();
}

async fn press(c: &Client, key: Key) {
    let k: char = key.into();
    let actions = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: k })
        .then(KeyAction::Up { value: k });
    c.perform_actions(actions).await.unwrap();
}

async fn type_text(c: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for ch in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: ch })
            .then(KeyAction::Up { value: ch });
    }
    c.perform_actions(actions).await.unwrap();
}

async fn script(c: &Client, js: &str) -> Value {
    c.execute(js, vec![]).await.unwrap()
}

async fn wait_path(c: &Client, prefix: &str) {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let url = c.current_url().await.unwrap();
        if url.path().starts_with(prefix) {
            return;
        }
        assert!(
            Instant::now() < until,
            "still at {url}, waiting for {prefix}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn no_script_ran(c: &Client) {
    let v = script(c, "return [typeof window.__xss, document.querySelectorAll('script, img, [onerror]').length, document.title];").await;
    assert_eq!(v[0], "undefined", "page script from article text ran: {v}");
    assert_eq!(v[1], 0, "markup from article text became elements: {v}");
}

#[test]
fn a_person_searches_opens_a_quote_sees_its_timeline_and_the_speaker() {
    let required = std::env::var_os("CI").is_some() || std::env::var_os("QUOTETRACE_E2E").is_some();
    let driver = find_program("CHROMEDRIVER", &["chromedriver"]);
    let browser = find_program(
        "CHROMIUM",
        &["chromium", "chromium-browser", "google-chrome"],
    );
    let (Some(driver), Some(browser)) = (driver, browser) else {
        assert!(
            !required,
            "chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
        );
        eprintln!(
            "skipped: chromium/chromedriver not installed (set QUOTETRACE_E2E=1 to require them)"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    ingest(&store);
    let (_server, base) = serve(&store, &[]);
    let port = free_port();
    let _driver = Running::new(
        Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let until = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < until, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = dir.path().join("profile");
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": browser,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.display()),
            ]
        }
    });
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let c = ClientBuilder::new(connector)
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a chromium session");
        c.set_window_size(1280, 900).await.unwrap();

        // The home page, by keyboard: the skip link comes first, then the search box.
        c.goto(&format!("{base}/")).await.unwrap();
        press(&c, Key::Tab).await;
        let first = c.active_element().await.unwrap();
        assert_eq!(first.attr("class").await.unwrap().as_deref(), Some("skip"));
        let mut found = false;
        for _ in 0..8 {
            press(&c, Key::Tab).await;
            if c.active_element().await.unwrap().attr("id").await.unwrap().as_deref() == Some("q") {
                found = true;
                break;
            }
        }
        assert!(found, "the search box is reachable with Tab");
        type_text(&c, "island family").await;
        press(&c, Key::Enter).await;
        wait_path(&c, "/search").await;
        let hits = c.find_all(Locator::Css("li.hit.quote")).await.unwrap();
        assert!(hits.len() >= 3, "quote hits for the statement: {}", hits.len());
        shot(&c, "01-search.png").await;

        // Open a quote: its provenance and timeline.
        c.find(Locator::Css("li.hit.quote blockquote a")).await.unwrap().click().await.unwrap();
        wait_path(&c, "/quotes/").await;
        let first = text_of(&c, "section.first").await;
        assert!(first.contains("Northwire") && first.contains("2025-03-03"), "{first}");
        let dots = c.find_all(Locator::Css("figure.timeline circle")).await.unwrap();
        assert_eq!(dots.len(), 4, "one dot per outlet that carried it");
        let lanes = script(&c, "return [...document.querySelectorAll('figure.timeline text.lane-label')].map(t => t.textContent);").await;
        assert_eq!(lanes, json!(["Northwire", "Coastal Times", "Harbour Voice", "Daily Gull"]));
        assert!(!c.find_all(Locator::Css("ol.appearances del")).await.unwrap().is_empty(), "trimmed words are marked");
        assert_eq!(text_of(&c, "ol.appearances ins").await, "[single]");
        let svg = c.find(Locator::Css("figure.timeline svg")).await.unwrap();
        let (_, _, w, h) = svg.rectangle().await.unwrap();
        assert!(w > 300.0 && h > 60.0, "the timeline is drawn at a visible size: {w}x{h}");
        shot(&c, "02-quote.png").await;
        let quote_url = c.current_url().await.unwrap();

        // A dot is a link to that appearance.
        let dot_link = c.find(Locator::Css("figure.timeline svg a")).await.unwrap();
        let href = dot_link.attr("href").await.unwrap().unwrap();
        assert!(href.starts_with("/quotes/"), "{href}");

        // The speaker.
        c.find(Locator::Css("p.lead a.speaker")).await.unwrap().click().await.unwrap();
        wait_path(&c, "/speakers/").await;
        assert_eq!(text_of(&c, "h1").await, "Ilse Marr");
        let forms = text_of(&c, "ul.tags").await;
        assert!(forms.contains("Ilse Marr"), "{forms}");
        assert!(!c.find_all(Locator::Css("figure.timeline circle")).await.unwrap().is_empty());
        assert!(c.find_all(Locator::Css("li.quote")).await.unwrap().len() >= 4);
        shot(&c, "03-speaker.png").await;

        // On a phone-sized window nothing runs off the side.
        c.set_window_size(390, 844).await.unwrap();
        c.goto(quote_url.as_str()).await.unwrap();
        let overflow = script(&c, "return document.documentElement.scrollWidth - document.documentElement.clientWidth;").await;
        assert!(overflow.as_i64().unwrap() <= 0, "horizontal overflow of {overflow}px on a phone");
        // The timeline scrolls inside its figure instead of shrinking its labels, and says so.
        let label_px = script(&c, "const s = document.querySelector('figure.timeline svg'); const t = s.querySelector('text.tick-label'); return parseFloat(getComputedStyle(t).fontSize) * s.getBoundingClientRect().width / s.viewBox.baseVal.width;").await;
        assert!(label_px.as_f64().unwrap() >= 11.0, "timeline labels drawn at {label_px}px on a phone");
        let cue = script(&c, "return getComputedStyle(document.querySelector('figure.timeline .scroll-cue')).display;").await;
        assert_ne!(cue, "none", "a scroll cue on a phone");
        shot(&c, "04-quote-phone.png").await;
        c.set_window_size(1280, 900).await.unwrap();

        // Untrusted text is shown, never run: the search page, the quote pages, the article.
        c.goto(&format!("{base}/search?q=window")).await.unwrap();
        no_script_ran(&c).await;
        let quote_links: Vec<String> = {
            let mut v = Vec::new();
            for a in c.find_all(Locator::Css("li.hit.quote blockquote a")).await.unwrap() {
                v.push(a.attr("href").await.unwrap().unwrap());
            }
            v
        };
        assert_eq!(quote_links.len(), 2, "both quotes with markup are found");
        let mut shown = String::new();
        for href in &quote_links {
            c.goto(&format!("{base}{href}")).await.unwrap();
            no_script_ran(&c).await;
            shown.push_str(&text_of(&c, "blockquote.big").await);
        }
        assert!(shown.contains("<script>window.__xss = 1</script>"), "{shown}");
        assert!(shown.contains("<img src=x onerror=\"window.__xss=2\">"), "{shown}");
        shot(&c, "05-untrusted-text.png").await;
        c.find(Locator::Css("section.first a")).await.unwrap().click().await.unwrap();
        wait_path(&c, "/documents/").await;
        no_script_ran(&c).await;
        assert!(text_of(&c, "div.text").await.contains("<script>"));

        // A story page lists its articles in time order.
        c.goto(&format!("{base}/stories")).await.unwrap();
        c.find(Locator::Css("main ol.plain a")).await.unwrap().click().await.unwrap();
        wait_path(&c, "/stories/").await;
        let dates = script(&c, "return [...document.querySelectorAll('#docs-h + ol time')].map(t => t.textContent);").await;
        let dates: Vec<String> = dates.as_array().unwrap().iter().map(|d| d.as_str().unwrap().to_string()).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted, "articles in time order");
        shot(&c, "06-story.png").await;
        c.close().await.unwrap();
    });
}
