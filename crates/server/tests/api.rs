//! The API as a client sees it: every path and method of openapi.json answered with a
//! documented status and a body that matches its schema; errors as JSON; uploads only with
//! the token; untrusted text shown as text on every page.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use quotetrace_ingest::{documents, Input};
use quotetrace_model::IngestSummary;
use quotetrace_server::{router, Config, Ingest, IngestError};
use quotetrace_store::{Added, NewDocument, Store, WriteLock};
use serde_json::Value;
use tower::ServiceExt;

const ARTICLES: &[(&str, &str)] = &[
    (
        r#"{"id": "wire-1", "outlet": "Wire One", "published": "2024-05-01", "url": "https://wire.example/1", "title": "Harbour plan approved", "text": "Harbour plan approved\n\nThe port authority approved the harbour plan on Tuesday.\n\n\"We will build the new quay before the winter storms arrive,\" said Ana Petrova, the authority's director.\n\nPetrova added that the work would cost less than expected."}"#,
        "wire",
    ),
    (
        r#"{"id": "blog-2", "outlet": "Harbour Blog", "published": "2024-05-03", "url": "https://blog.example/2", "title": "Quay promise", "text": "Quay promise\n\nThe director of the port authority repeated her promise.\n\n\"We will build the new quay before winter storms arrive,\" Ana Petrova said on Thursday.\n\nCritics doubt it."}"#,
        "blog",
    ),
    (
        r#"{"id": "xss-3", "outlet": "<b>Bold</b> News", "published": "2024-05-04", "title": "<script>window.__xss=3</script>Council hears researcher", "text": "Council hears from security researcher\n\nThe city council heard on Monday from the researcher Mara Quill, who studies web attacks.\n\n\"Typing <script>window.__xss = 1</script> into a form should never run anything,\" Quill said.\n\nShe added that \"a picture tag like <img src=x onerror=window.__xss=2> is just text when it is shown properly.\"\n\nThe council thanked her."}"#,
        "xss",
    ),
];

/// Stores documents the way `ingest` does, minus the HTML clean stage (tests send text).
struct TestIngest {
    dir: std::path::PathBuf,
}

impl Ingest for TestIngest {
    fn ingest(&self, name: String, body: Vec<u8>) -> Result<IngestSummary, IngestError> {
        let failed = |e: quotetrace_store::StoreError| IngestError::Failed(e.to_string());
        let mut store = match WriteLock::try_acquire(&self.dir).map_err(failed)? {
            Ok(lock) => Store::open_locked(lock).map_err(failed)?,
            Err(busy) => return Err(IngestError::Busy(busy.to_string())),
        };
        let mut summary = IngestSummary::default();
        let mut batch = Vec::new();
        for d in documents(vec![Input::Bytes { name, bytes: body }]) {
            match d {
                Ok(doc) => {
                    let quotes = quotetrace_quotes::extract(&doc.text).quotes;
                    batch.push(NewDocument::new(doc, Some("en".into()), quotes));
                }
                Err(e) => {
                    summary.failed += 1;
                    summary.errors.push(e.to_string());
                }
            }
        }
        let added = store.add_batch(batch).map_err(failed)?;
        let mut stories = Vec::new();
        for a in added {
            match a {
                Added::New { id, quotes, .. } => {
                    summary.added += 1;
                    summary.quotes += quotes;
                    summary.documents.push(id);
                    stories.push((id, 1));
                }
                Added::Existing { id } => {
                    summary.existing += 1;
                    summary.documents.push(id);
                }
            }
        }
        store.set_stories(&stories).map_err(failed)?;
        Ok(summary)
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    app: Router,
}

const TOKEN: &str = "s3cret-token";

fn fixture(token: Option<&str>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let ingest = TestIngest {
        dir: dir.path().to_path_buf(),
    };
    let jsonl: String = ARTICLES.iter().map(|(j, _)| format!("{j}\n")).collect();
    let s = ingest
        .ingest("seed.jsonl".into(), jsonl.into_bytes())
        .unwrap();
    assert_eq!(s.added, 3, "{s:?}");
    let mut config = Config::new(dir.path().to_path_buf());
    config.token = token.map(String::from);
    config.max_body = 64 * 1024;
    let app = router(&config, Some(Arc::new(ingest))).unwrap();
    Fixture { _dir: dir, app }
}

async fn call(app: &Router, req: Request<Body>) -> (StatusCode, String, String) {
    let res = app.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let ctype = res
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = axum::body::to_bytes(res.into_body(), 1 << 24)
        .await
        .unwrap();
    (status, ctype, String::from_utf8(body.to_vec()).unwrap())
}

async fn get(app: &Router, uri: &str) -> (StatusCode, String, String) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// Where GET `uri` redirects to; the test fails unless it answers 303 See Other.
async fn redirect_of(app: &Router, uri: &str) -> String {
    let res = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{uri}");
    res.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string()
}

async fn get_json(app: &Router, uri: &str) -> (StatusCode, Value) {
    let (status, ctype, body) = get(app, uri).await;
    assert!(ctype.starts_with("application/json"), "{uri}: {ctype}");
    (status, serde_json::from_str(&body).unwrap())
}

/// Asks for each of `uris`, checking that the JSON answer has the status `want`; the answers.
async fn answers_with(
    app: &Router,
    want: StatusCode,
    uris: impl IntoIterator<Item = impl AsRef<str>>,
) -> Vec<Value> {
    let mut answers = Vec::new();
    for uri in uris {
        let uri = uri.as_ref();
        let (status, v) = get_json(app, uri).await;
        assert_eq!(status, want, "{uri}: {v}");
        answers.push(v);
    }
    answers
}

/// The ids of a page's items.
fn item_ids(page: &Value) -> Vec<i64> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_i64().unwrap())
        .collect()
}

fn spec() -> Value {
    serde_json::from_str(include_str!("../src/openapi.json")).unwrap()
}

/// Checks `value` against an OpenAPI schema (the subset the document uses: $ref, type,
/// nullable, properties, required, items, enum).
fn check(spec: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap();
        return check(spec, &spec["components"]["schemas"][name], value, at);
    }
    if value.is_null() {
        return if schema.get("nullable") == Some(&Value::Bool(true)) {
            Ok(())
        } else {
            Err(format!("{at}: null where the schema does not allow it"))
        };
    }
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("");
    let ok = match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "" => true,
        other => return Err(format!("{at}: unknown type {other}")),
    };
    if !ok {
        return Err(format!("{at}: expected {ty}, got {value}"));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        if !values.contains(value) {
            return Err(format!("{at}: {value} not in {values:?}"));
        }
    }
    if ty == "object" {
        let props = schema["properties"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        for req in schema["required"].as_array().cloned().unwrap_or_default() {
            let key = req.as_str().unwrap();
            if value.get(key).is_none() {
                return Err(format!("{at}: missing required {key}"));
            }
        }
        for (k, v) in value.as_object().unwrap() {
            let Some(s) = props.get(k) else {
                return Err(format!("{at}: {k} is not documented"));
            };
            check(spec, s, v, &format!("{at}.{k}"))?;
        }
    }
    if ty == "array" {
        for (i, v) in value.as_array().unwrap().iter().enumerate() {
            check(spec, &schema["items"], v, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

/// Asserts that a response is documented for the operation and matches its schema.
fn conforms(spec: &Value, path: &str, method: &str, status: StatusCode, body: &str) {
    let op = &spec["paths"][path][method];
    let resp = &op["responses"][status.as_str()];
    assert!(
        !resp.is_null(),
        "{method} {path} answered {status}, which openapi.json does not document: {body}"
    );
    let schema = &resp["content"]["application/json"]["schema"];
    let value: Value = serde_json::from_str(body)
        .unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {body}"));
    check(spec, schema, &value, &format!("{method} {path} {status}"))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn every_documented_operation_answers_as_documented() {
    let f = fixture(Some(TOKEN));
    let spec = spec();
    let (_, quotes) = get_json(&f.app, "/api/quotes?limit=200").await;
    let quote_id = quotes["items"][0]["id"].as_i64().unwrap();
    let (_, speakers) = get_json(&f.app, "/api/speakers").await;
    let speaker_id = speakers["items"][0]["id"].as_i64().unwrap();
    let id_for = |path: &str| match path {
        p if p.starts_with("/api/quotes") => quote_id,
        p if p.starts_with("/api/speakers") => speaker_id,
        _ => 1,
    };
    let mut seen = 0;
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for (method, _) in ops.as_object().unwrap() {
            let uri = path.replace("{id}", &id_for(path).to_string());
            let req = match (method.as_str(), path.as_str()) {
                ("get", "/api/search") => Request::get(format!("{uri}?q=quay")).body(Body::empty()),
                ("get", _) => Request::get(&uri).body(Body::empty()),
                ("post", "/api/trace") => Request::post(&uri)
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(
                        r#"{"text": "build the new quay before the winter"}"#,
                    )),
                ("post", "/api/documents") => Request::post(format!("{uri}?name=note"))
                    .header(header::CONTENT_TYPE, "text/plain")
                    .header(header::AUTHORIZATION, format!("Bearer {TOKEN}"))
                    .body(Body::from(
                        "A note\n\n\"Nothing will change,\" said Ivo Brand.\n",
                    )),
                other => panic!("no request written for {other:?}"),
            }
            .unwrap();
            let (status, ctype, body) = call(&f.app, req).await;
            assert!(status.is_success(), "{method} {uri}: {status} {body}");
            assert!(
                ctype.starts_with("application/json"),
                "{method} {uri}: {ctype}"
            );
            conforms(&spec, path, method, status, &body);
            seen += 1;
        }
    }
    assert_eq!(seen, 14, "operations exercised");
    // Not found, for each path with an id.
    for path in spec["paths"].as_object().unwrap().keys() {
        if path.contains("{id}") {
            let uri = path.replace("{id}", "987654");
            let (status, _, body) = get(&f.app, &uri).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
            conforms(&spec, path, "get", status, &body);
            let (status, _, body) = get(&f.app, &path.replace("{id}", "abc")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}: {body}");
        }
    }
}

#[tokio::test]
async fn the_router_serves_exactly_the_documented_api() {
    let f = fixture(None);
    let spec = spec();
    let paths = spec["paths"].as_object().unwrap();
    for (path, ops) in paths {
        let uri = path.replace("{id}", "1");
        for method in [Method::GET, Method::POST, Method::PUT, Method::DELETE] {
            let documented = ops
                .get(method.as_str().to_ascii_lowercase().as_str())
                .is_some();
            let req = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .body(Body::empty())
                .unwrap();
            let (status, ctype, body) = call(&f.app, req).await;
            if documented {
                assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
                assert_ne!(
                    status,
                    StatusCode::NOT_FOUND.min(StatusCode::IM_A_TEAPOT),
                    "{method} {uri}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {uri}: {body}"
                );
                assert!(ctype.starts_with("application/json"));
            }
        }
    }
    let missing = [
        "/api/quote",
        "/api/documents/1/text",
        "/api/v2/quotes",
        "/api",
    ];
    answers_with(&f.app, StatusCode::NOT_FOUND, missing).await;
    let (status, ctype, body) = get(&f.app, "/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(ctype.starts_with("application/json"));
    assert_eq!(serde_json::from_str::<Value>(&body).unwrap(), spec);
}

#[tokio::test]
async fn filters_and_paging() {
    let f = fixture(None);
    let (s, v) = get_json(&f.app, "/api/quotes?speaker=Petrova").await;
    assert_eq!(s, StatusCode::OK);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3, "{v}");
    assert!(items.iter().all(|q| q["speaker"] == "Ana Petrova"));
    // Both reports of the promise are one variant group.
    let promise: Vec<&Value> = items
        .iter()
        .filter(|q| q["text"].as_str().unwrap().contains("quay"))
        .collect();
    assert_eq!(promise.len(), 2);
    assert_eq!(promise[0]["cluster"], promise[1]["cluster"]);
    let (_, v) = get_json(&f.app, "/api/quotes?speaker=Petrova&since=2024-05-02").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["items"][0]["outlet"], "Harbour Blog");
    let (_, v) = get_json(&f.app, "/api/quotes?until=2024-05-01").await;
    assert!(v["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["published"] == "2024-05-01"));
    let (_, v) = get_json(&f.app, "/api/quotes?outlet=harbour%20blog").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    let (_, v) = get_json(&f.app, "/api/quotes?q=quay%20winter").await;
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    // Speakers by name: part of a name, any case, words in order.
    for q in ["petrova", "ANA%20petr", "a%20petrova"] {
        let (s, v) = get_json(&f.app, &format!("/api/speakers?q={q}")).await;
        assert_eq!(s, StatusCode::OK);
        let names: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Ana Petrova"], "{q}");
    }
    for q in ["petrova%20ana", "%25", "zzzz"] {
        let (_, v) = get_json(&f.app, &format!("/api/speakers?q={q}")).await;
        assert!(v["items"].as_array().unwrap().is_empty(), "{q}: {v}");
    }
    let (_, _, page) = get(&f.app, "/search?q=petrova").await;
    assert!(
        page.contains("<h2>Speakers</h2>") && page.contains("Ana Petrova"),
        "{page}"
    );
    // Kind and confidence: every answer fits, and together they split the whole.
    let (_, all) = get_json(&f.app, "/api/quotes?limit=200").await;
    let total = all["items"].as_array().unwrap().len();
    let mut by_kind = 0;
    for kind in ["direct", "partial", "indirect", "pull"] {
        let (s, v) = get_json(&f.app, &format!("/api/quotes?limit=200&kind={kind}")).await;
        assert_eq!(s, StatusCode::OK);
        let items = v["items"].as_array().unwrap();
        assert!(items.iter().all(|q| q["kind"] == kind), "{v}");
        by_kind += items.len();
    }
    assert_eq!(by_kind, total);
    let (_, v) = get_json(&f.app, "/api/quotes?limit=200&min_confidence=0.8").await;
    let sure = v["items"].as_array().unwrap();
    assert!(sure
        .iter()
        .all(|q| q["confidence"].as_f64().unwrap() >= 0.8));
    assert!(
        sure.len() < total && !sure.is_empty(),
        "{} of {total}",
        sure.len()
    );
    // Paging: one at a time, stable ids, next_offset null at the end.
    let mut ids = Vec::new();
    let mut uri = "/api/quotes?limit=1".to_string();
    loop {
        let (_, v) = get_json(&f.app, &uri).await;
        ids.push(v["items"][0]["id"].as_i64().unwrap());
        match v["next_offset"].as_u64() {
            Some(o) => uri = format!("/api/quotes?limit=1&offset={o}"),
            None => break,
        }
    }
    let (_, all) = get_json(&f.app, "/api/quotes?limit=200").await;
    assert_eq!(ids, item_ids(&all));
    let bad = [
        "/api/quotes?limit=0",
        "/api/quotes?limit=201",
        "/api/quotes?since=May",
        "/api/quotes?until=2024-02-30x",
        "/api/quotes?since=2023-02-29",
        "/api/quotes?kind=rumour",
        "/api/quotes?min_confidence=2",
        "/api/quotes?story=seven",
        "/api/quotes?colour=red",
        "/api/search",
        "/api/speakers?offset=-1",
    ];
    for v in answers_with(&f.app, StatusCode::BAD_REQUEST, bad).await {
        assert!(v["error"].as_str().unwrap().len() > 5);
        assert_eq!(v["status"], 400);
    }
}

#[tokio::test]
async fn trace_finds_the_first_appearance() {
    let f = fixture(None);
    let req = Request::post("/api/trace")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(
            r#"{"text": "the new quay before the winter storms"}"#,
        ))
        .unwrap();
    let (status, _, body) = call(&f.app, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let t: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(t["first"]["quote"]["outlet"], "Wire One");
    assert_eq!(
        t["outlets"],
        serde_json::json!(["Wire One", "Harbour Blog"])
    );
    assert_eq!(t["appearances"][1]["changes"], serde_json::json!(["-the"]));
    assert_eq!(t["appearances_total"], 2);
    let first_id = t["first"]["quote"]["id"].as_i64().unwrap();
    let (status, short) = get_json(&f.app, &format!("/api/quotes/{first_id}/trace?limit=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(short["appearances"].as_array().unwrap().len(), 1);
    assert_eq!(
        (
            short["appearances_total"].as_u64(),
            short["outlets"].as_array().unwrap().len()
        ),
        (Some(2), 2)
    );
    let bad = ["limit=0", "limit=1001", "limit=x", "offset=2"]
        .map(|q| format!("/api/quotes/{first_id}/trace?{q}"));
    answers_with(&f.app, StatusCode::BAD_REQUEST, bad).await;
    for (body, ctype, want) in [
        (
            r#"{"text": "zebra xylophone quantum"}"#,
            "application/json",
            404,
        ),
        (r#"{"text": "  "}"#, "application/json", 400),
        (r#"{"txt": "quay"}"#, "application/json", 422),
        (r#"{"text": "#, "application/json", 400),
        (r#"{"text": "quay"}"#, "text/plain", 415),
    ] {
        let req = Request::post("/api/trace")
            .header(header::CONTENT_TYPE, ctype)
            .body(Body::from(body))
            .unwrap();
        let (status, ctype, out) = call(&f.app, req).await;
        assert_eq!(status.as_u16(), want, "{body}: {out}");
        assert!(ctype.starts_with("application/json"));
        conforms(&spec(), "/api/trace", "post", status, &out);
    }
}

fn upload(ctype: &str, token: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut b = Request::post("/api/documents?name=desk-note").header(header::CONTENT_TYPE, ctype);
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    b.body(body.into()).unwrap()
}

#[tokio::test]
async fn uploads_need_the_token_and_are_checked() {
    let text = "Desk note\n\n\"The bridge opens in June,\" said Lena Ortiz, the city engineer.\n";
    // A server without a token refuses every upload, whatever it bears.
    let off = fixture(None);
    let (status, _, body) = call(&off.app, upload("text/plain", Some(TOKEN), text)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let f = fixture(Some(TOKEN));
    for (token, want) in [
        (None, 401),
        (Some("wrong"), 401),
        (Some("s3cret-tokeN"), 401),
    ] {
        let (status, _, body) = call(&f.app, upload("text/plain", token, text)).await;
        assert_eq!(status.as_u16(), want, "{body}");
        conforms(&spec(), "/api/documents", "post", status, &body);
    }
    let (status, _, body) = call(&f.app, upload("text/plain", Some(TOKEN), text)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let s: IngestSummary = serde_json::from_str(&body).unwrap();
    assert_eq!((s.added, s.quotes), (1, 1));
    let (_, v) = get_json(&f.app, &format!("/api/documents/{}", s.documents[0])).await;
    assert_eq!(v["doc"], "desk-note.txt");
    assert_eq!(v["quotes"][0]["speaker"], "Lena Ortiz");
    // The same again adds nothing.
    let (status, _, body) = call(&f.app, upload("text/plain", Some(TOKEN), text)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let again: IngestSummary = serde_json::from_str(&body).unwrap();
    assert_eq!((again.added, again.existing), (0, 1));
    // JSONL: one document per record.
    let jsonl = "{\"id\": \"j1\", \"text\": \"One.\"}\n{\"id\": \"j2\", \"text\": \"Two.\"}\n";
    let (status, _, body) = call(&f.app, upload("application/x-ndjson", Some(TOKEN), jsonl)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(
        serde_json::from_str::<IngestSummary>(&body).unwrap().added,
        2
    );
    for (ctype, body, want) in [
        ("image/png", Body::from("x"), 415),
        ("text/plain", Body::from("   \n"), 400),
        ("text/plain", Body::from(vec![b'a'; 65 * 1024]), 413),
        ("application/x-ndjson", Body::from("not json\n"), 422),
        ("text/plain", Body::from(vec![0u8, 1, 2, 3, 0, 0]), 422),
    ] {
        let (status, ctype, out) = call(&f.app, upload(ctype, Some(TOKEN), body)).await;
        assert_eq!(status.as_u16(), want, "{out}");
        assert!(ctype.starts_with("application/json"), "{ctype}");
        conforms(&spec(), "/api/documents", "post", status, &out);
    }
    let (_, v) = get_json(&f.app, "/api/health").await;
    assert_eq!(v["counts"]["documents"], 6);
    assert_eq!(v["uploads"], true);
}

#[tokio::test]
async fn pages_show_untrusted_text_as_text() {
    let f = fixture(None);
    let (_, v) = get_json(&f.app, "/api/quotes?speaker=Quill").await;
    let ids = item_ids(&v);
    assert_eq!(ids.len(), 2, "{v}");
    let (_, doc) = get_json(&f.app, &format!("/api/quotes/{}", ids[0])).await;
    let pages = [
        format!("/quotes/{}", ids[0]),
        format!("/quotes/{}", ids[1]),
        format!("/documents/{}", doc["doc_id"]),
        format!("/speakers/{}", doc["speaker_id"]),
        "/search?q=script".to_string(),
        "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E".to_string(),
        "/".to_string(),
        "/stories".to_string(),
        "/speakers".to_string(),
    ];
    for uri in pages {
        let (status, ctype, body) = get(&f.app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(ctype.starts_with("text/html"), "{uri}: {ctype}");
        let lower = body.to_ascii_lowercase();
        assert!(
            !lower.contains("<script"),
            "{uri} has a script element:\n{body}"
        );
        assert!(!lower.contains("<img"), "{uri} has an img element");
        assert!(
            !lower.contains("<b>bold"),
            "{uri} has markup from an outlet name"
        );
    }
    let (_, _, one) = get(&f.app, &format!("/quotes/{}", ids[0])).await;
    let (_, _, two) = get(&f.app, &format!("/quotes/{}", ids[1])).await;
    let both = one + &two;
    assert!(both.contains("&#60;script&#62;window.__xss = 1&#60;/script&#62;"));
    assert!(both.contains("&#60;img src=x onerror=window.__xss=2&#62;"));
    let (_, _, body) = get(&f.app, &format!("/documents/{}", doc["doc_id"])).await;
    assert!(body.contains("&#60;img src=x onerror=window.__xss=2&#62;"));
    // Page errors are pages.
    let (status, ctype, _) = get(&f.app, "/quotes/987654").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(ctype.starts_with("text/html"));
}

#[tokio::test]
async fn quote_page_shows_provenance_and_timeline() {
    let f = fixture(None);
    let (_, v) = get_json(&f.app, "/api/quotes?speaker=Petrova&since=2024-05-02").await;
    let id = v["items"][0]["id"].as_i64().unwrap();
    let (status, _, body) = get(&f.app, &format!("/quotes/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("First appearance"));
    assert!(body.contains("<svg"), "a timeline is drawn");
    assert_eq!(body.matches("<circle").count(), 2, "one dot per appearance");
    assert!(
        body.contains("<del>the</del>"),
        "the dropped word is marked"
    );
    assert!(body.contains("Wire One") && body.contains("Harbour Blog"));
    assert!(
        body.contains("https://wire.example/1"),
        "links to the source"
    );
    let (_, _, speaker) = get(
        &f.app,
        &format!("/speakers/{}", v["items"][0]["speaker_id"]),
    )
    .await;
    assert!(speaker.contains("Ana Petrova") && speaker.contains("<svg"));
    // Tracing from the page form lands on the group's page.
    let to = redirect_of(&f.app, "/trace?text=build+the+new+quay").await;
    assert!(to.starts_with("/quotes/"), "{to}");
    // Words no quote carries: the text is kept and searched, with a notice, not a dead end.
    let to = redirect_of(&f.app, "/trace?text=zebras+never+fly+over+the+quay").await;
    assert!(
        to.starts_with("/search?q=zebras+never+fly") && to.contains("untraced=true"),
        "{to}"
    );
    let (status, _, page) = get(&f.app, &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("No quote in the store matches"), "{page}");
    assert!(page.contains("zebras never fly over the quay"), "{page}");
    // Matched words are marked, never bracketed inside a quotation.
    let (_, _, page) = get(&f.app, "/search?q=quay").await;
    assert!(page.contains("<mark>quay</mark>"), "{page}");
    assert!(!page.contains("[quay]"), "{page}");
}

#[tokio::test]
async fn near_duplicates_are_listed_and_shown_on_the_original() {
    let f = fixture(Some(TOKEN));
    let (_, none) = get_json(&f.app, "/api/duplicates").await;
    assert!(none["items"].as_array().unwrap().is_empty(), "{none}");
    // Two outlets carry a wire story with a changed last word.
    let story = "Ferry service resumes\n\nThe ferry between the two islands will run again from Monday after the storm damage to the northern pier was repaired, the harbour office said on Friday. Engineers worked through the week to replace the damaged pontoons and to test the ramps, and the first crossing is planned for seven in the morning. Passengers are asked to book ahead because the first days will be busy";
    let copies = format!(
        "{}\n{}\n",
        serde_json::json!({"id": "copy-a", "outlet": "Island Post", "text": format!("{story}.")}),
        serde_json::json!({"id": "copy-b", "outlet": "Coast Daily", "text": format!("{story} indeed.")})
    );
    let first = serde_json::json!({"id": "orig", "outlet": "Wire", "text": format!("{story}!")});
    for body in [format!("{first}\n"), copies] {
        let (status, _, body) =
            call(&f.app, upload("application/x-ndjson", Some(TOKEN), body)).await;
        assert!(status.is_success(), "{body}");
    }
    let (status, _, body) = get(&f.app, "/api/duplicates").await;
    assert_eq!(status, StatusCode::OK);
    conforms(&spec(), "/api/duplicates", "get", status, &body);
    let v: Value = serde_json::from_str(&body).unwrap();
    let groups = v["items"].as_array().unwrap();
    assert_eq!(groups.len(), 1, "{v}");
    assert_eq!(groups[0]["original"]["doc"], "orig");
    assert_eq!(groups[0]["copies_total"], 2);
    let copies: Vec<&str> = groups[0]["copies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["doc"].as_str().unwrap())
        .collect();
    assert_eq!(copies, ["copy-a", "copy-b"]);
    let original = groups[0]["original"]["id"].as_i64().unwrap();
    let (_, _, page) = get(&f.app, &format!("/documents/{original}")).await;
    assert!(page.contains("2 copies of this article"), "{page}");
    assert!(
        page.contains("Island Post") && page.contains("Coast Daily"),
        "{page}"
    );
}
