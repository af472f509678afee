//! Inputs that never end: one document has a size limit (`--max-document-bytes`, 64 MiB by
//! default), past which it gets an error line and the run goes on with the next input.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{bin, output_within};

fn examples() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/articles")
        .display()
        .to_string()
}

#[cfg(unix)]
#[test]
fn an_endless_input_is_cut_at_the_limit_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    for args in [
        vec!["extract", "--max-document-bytes", "100000"],
        vec!["ingest", "--max-document-bytes", "100000", "--store"],
    ] {
        let mut cmd = Command::new(bin());
        cmd.args(&args);
        if args[0] == "ingest" {
            cmd.arg(&store);
        }
        cmd.arg("/dev/zero")
            .arg(examples())
            .stdin(Stdio::null())
            .stdout(Stdio::piped());
        let (out, err) = output_within(
            &mut cmd,
            Duration::from_secs(60),
            "read /dev/zero without end",
        );
        assert!(out.status.success(), "{}: {err}", args[0]);
        assert!(err.contains("/dev/zero"), "{err}");
        assert!(err.contains("exceeds the limit of 100000 bytes"), "{err}");
        assert!(err.contains("--max-document-bytes"), "{err}");
        if args[0] == "extract" {
            // Every example article is still extracted.
            let lines = String::from_utf8_lossy(&out.stdout).lines().count();
            assert!(lines >= 9, "{lines}");
        } else {
            assert!(err.contains("ingested 9 new article(s)"), "{err}");
        }
    }
}
