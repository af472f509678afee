//! `quotetrace serve` under a small open-file limit and a crowd of idle connections, more
//! than the limit: the server keeps its connections below the limit, the idle ones are
//! closed by the idle timeout, and a client that comes after them is still answered.
//! (Before: the server ran out of file descriptors, never closed an idle connection, and
//! every later client waited forever.) Then SIGTERM still stops it cleanly.
#![cfg(unix)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A child process killed when dropped.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn idle_crowd_past_the_file_limit_does_not_lock_clients_out() {
    let store = tempfile::tempdir().unwrap();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 64 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_quotetrace"))
        .args(["serve", "--addr", "127.0.0.1:0", "--token", "t", "--store"])
        .arg(store.path())
        .args(["--idle-timeout-ms", "500", "--header-timeout-ms", "500"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut server = Running(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let line = rx.recv_timeout(Duration::from_secs(30)).unwrap();
    let at = line
        .find("http://")
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    let addr = line[at + "http://".len()..]
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let note = rx.recv_timeout(Duration::from_secs(5)).unwrap_or_default();
    assert!(
        note.contains("connections at once") && note.contains("open-file limit is 64"),
        "the lowered connection limit is not reported: {note:?}"
    );

    // More idle connections than the server has file descriptors.
    let idle: Vec<TcpStream> = (0..80)
        .map(|_| TcpStream::connect(&addr).unwrap())
        .collect();
    let started = Instant::now();
    let mut client = TcpStream::connect(&addr).unwrap();
    client
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    client
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    let read = client.read_to_string(&mut answer);
    let waited = started.elapsed();
    assert!(
        read.is_ok() && answer.starts_with("HTTP/1.1 200"),
        "no answer after {waited:?}: {read:?} {answer:?}"
    );
    assert!(
        waited < Duration::from_secs(10),
        "answered after {waited:?}"
    );

    // A graceful stop, with a connection open.
    let _open = TcpStream::connect(&addr).unwrap();
    let killed = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let stopping = Instant::now();
    let status = loop {
        if let Some(status) = server.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(10),
            "still running 10 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    drop(idle);
}
