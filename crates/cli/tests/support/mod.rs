//! Helpers for the process-level tests: running `shopchat` with a clean environment and a time
//! limit, and a `serve` child that is always killed, even when a test fails.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long any one CLI command may take.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(20);
/// How long `serve` may take to say where it listens.
pub const START_TIMEOUT: Duration = Duration::from_secs(20);

/// Credentials for live mode against a mock Graph API. Made up, and distinctive enough to search for.
pub const ACCESS_TOKEN: &str = "EAAtestAccessToken9f8e7d6c5b4a";
pub const APP_SECRET: &str = "test-app-secret-3b1d0c9e8f7a";
pub const VERIFY_TOKEN: &str = "test-verify-token-5a6b7c8d";
pub const PHONE_NUMBER_ID: &str = "106540352242922";
pub const WABA_ID: &str = "102290129340398";
/// The customer the tests talk to.
pub const CUSTOMER: &str = "15550123456";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_shopchat")
}

/// A `shopchat` command with none of the caller's `WHATSAPP_*`/`SHOPCHAT_*` settings, and no proxy
/// for loopback.
pub fn command(args: &[&str]) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args);
    for (key, _) in std::env::vars_os() {
        let k = key.to_string_lossy().to_ascii_uppercase();
        if k.starts_with("WHATSAPP_") || k.starts_with("SHOPCHAT_") || k.ends_with("_PROXY") {
            cmd.env_remove(&key);
        }
    }
    cmd.env("NO_PROXY", "127.0.0.1,localhost");
    cmd.env("no_proxy", "127.0.0.1,localhost");
    cmd
}

/// The live-mode environment, pointed at `graph_url`.
pub fn live_env(graph_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("WHATSAPP_ACCESS_TOKEN", ACCESS_TOKEN.to_owned()),
        ("WHATSAPP_APP_SECRET", APP_SECRET.to_owned()),
        ("WHATSAPP_VERIFY_TOKEN", VERIFY_TOKEN.to_owned()),
        ("WHATSAPP_PHONE_NUMBER_ID", PHONE_NUMBER_ID.to_owned()),
        ("WHATSAPP_GRAPH_URL", graph_url.to_owned()),
    ]
}

/// Live mode, with a Graph URL that nothing listens on (no send is ever made).
pub fn crash_env() -> Vec<(&'static str, String)> {
    live_env("http://127.0.0.1:9")
}

/// What a finished command did.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

impl Output {
    /// Asserts success and returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert!(
            self.status.success(),
            "expected success, got {}\nstdout: {}\nstderr: {}",
            self.status,
            self.stdout,
            self.stderr
        );
        &self.stdout
    }

    /// Asserts a non-zero exit with exactly one line on stderr (`shopchat: ...`); returns that line.
    #[track_caller]
    pub fn one_line_error(&self) -> &str {
        assert!(
            !self.status.success(),
            "expected failure, got {}\nstdout: {}\nstderr: {}",
            self.status,
            self.stdout,
            self.stderr
        );
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect();
        assert_eq!(
            lines.len(),
            1,
            "expected a one-line reason on stderr, got: {:?}",
            self.stderr
        );
        assert!(
            lines[0].starts_with("shopchat: "),
            "the reason should start with `shopchat: `: {:?}",
            lines[0]
        );
        lines[0]
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(self.ok())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.stdout))
    }
}

/// Reads a pipe to the end on a thread.
fn drain<R: Read + Send + 'static>(mut pipe: R) -> JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = pipe.read_to_end(&mut buf);
        buf
    })
}

/// Kills (SIGKILL) and reaps a child when dropped, unless it was already reaped.
struct KillOnDrop(Option<Child>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(child) = &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Waits for `child` up to `timeout`; `None` if it is still running.
fn wait_timeout(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(10)),
            Ok(None) => return None,
            Err(e) => panic!("could not wait for the child: {e}"),
        }
    }
}

/// Runs `cmd` to completion (killed and failed after [`COMMAND_TIMEOUT`]).
pub fn run_cmd(mut cmd: Command) -> Output {
    let started = Instant::now();
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut guard = KillOnDrop(Some(cmd.spawn().expect("spawn shopchat")));
    let child = guard.0.as_mut().expect("child");
    let out = drain(child.stdout.take().expect("stdout"));
    let err = drain(child.stderr.take().expect("stderr"));
    let status = wait_timeout(child, COMMAND_TIMEOUT);
    let Some(status) = status else {
        drop(guard);
        panic!("{cmd:?} did not finish within {COMMAND_TIMEOUT:?}");
    };
    guard.0 = None;
    let stdout = String::from_utf8_lossy(&out.join().expect("stdout reader")).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned();
    Output {
        status,
        stdout,
        stderr,
        elapsed: started.elapsed(),
    }
}

/// Runs `shopchat ARGS` with a clean environment.
pub fn run(args: &[&str]) -> Output {
    run_cmd(command(args))
}

/// Runs `shopchat ARGS` with a clean environment plus `env`.
pub fn run_env(args: &[&str], env: &[(&str, String)]) -> Output {
    let mut cmd = command(args);
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    run_cmd(cmd)
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// A running `shopchat serve`: killed (SIGKILL) and reaped when dropped.
pub struct Server {
    child: KillOnDrop,
    pub addr: SocketAddr,
    stdout: Arc<Mutex<String>>,
    stdout_reader: Option<JoinHandle<()>>,
    stderr_reader: Option<JoinHandle<Vec<u8>>>,
}

/// What a stopped server printed.
#[derive(Debug)]
pub struct Stopped {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Server {
    /// `shopchat serve --data-dir DATA --listen 127.0.0.1:0 [EXTRA]` with `env`; returns once it
    /// printed where it listens.
    pub fn start(data_dir: &Path, extra: &[&str], env: &[(&str, String)]) -> Self {
        let mut args = vec![
            "serve",
            "--data-dir",
            path_str(data_dir),
            "--listen",
            "127.0.0.1:0",
        ];
        args.extend_from_slice(extra);
        let mut cmd = command(&args);
        cmd.envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = KillOnDrop(Some(cmd.spawn().expect("spawn shopchat serve")));
        let c = child.0.as_mut().expect("child");
        let stdout_pipe: ChildStdout = c.stdout.take().expect("stdout");
        let stderr_pipe: ChildStderr = c.stderr.take().expect("stderr");
        let stdout = Arc::new(Mutex::new(String::new()));
        let (lines_tx, lines_rx) = mpsc::channel::<String>();
        let shared = stdout.clone();
        let stdout_reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout_pipe).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut s) = shared.lock() {
                    s.push_str(&line);
                    s.push('\n');
                }
                let _ = lines_tx.send(line);
            }
        });
        let mut server = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stdout,
            stdout_reader: Some(stdout_reader),
            stderr_reader: Some(drain(stderr_pipe)),
        };
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines_rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(addr) = listen_addr(&line) {
                        server.addr = addr;
                        return server;
                    }
                }
                Err(_) => {
                    let stopped = server.kill();
                    panic!(
                        "serve did not say where it listens within {START_TIMEOUT:?}: {stopped:?}"
                    );
                }
            }
        }
    }

    pub fn webhook_url(&self) -> String {
        format!("http://{}/webhook", self.addr)
    }

    pub fn pid(&self) -> u32 {
        self.child.0.as_ref().expect("a running child").id()
    }

    fn collect(&mut self, status: ExitStatus) -> Stopped {
        self.child.0 = None;
        if let Some(r) = self.stdout_reader.take() {
            let _ = r.join();
        }
        let stderr = self
            .stderr_reader
            .take()
            .map(|r| r.join().unwrap_or_default())
            .unwrap_or_default();
        let stdout = self.stdout.lock().map(|s| s.clone()).unwrap_or_default();
        Stopped {
            status,
            stdout,
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    /// SIGKILL, at once.
    pub fn kill(mut self) -> Stopped {
        let child = self.child.0.as_mut().expect("a running child");
        child.kill().expect("SIGKILL serve");
        let status = child.wait().expect("reap serve");
        self.collect(status)
    }

    /// SIGTERM, then waits up to `timeout` for it to exit (SIGKILL and panic past that).
    pub fn terminate(mut self, timeout: Duration) -> Stopped {
        let pid = self.pid().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .expect("run kill -TERM");
        assert!(sent.success(), "kill -TERM {pid} failed");
        let child = self.child.0.as_mut().expect("a running child");
        match wait_timeout(child, timeout) {
            Some(status) => self.collect(status),
            None => {
                let stopped = self.kill();
                panic!("serve did not stop within {timeout:?} of SIGTERM: {stopped:?}");
            }
        }
    }
}

/// `http://ADDR` out of serve's "Shopchat engine listening on http://ADDR (...)" line.
fn listen_addr(line: &str) -> Option<SocketAddr> {
    let rest = line.split("listening on http://").nth(1)?;
    rest.split_whitespace().next()?.parse().ok()
}

/// Polls `check` every 50 ms until it returns `Some`, or panics with `what` after `timeout`.
#[track_caller]
pub fn wait_for<T>(timeout: Duration, what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return v;
        }
        assert!(
            Instant::now() < deadline,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until message `id` of `contact` has `status`; returns it.
pub fn wait_status(
    data_dir: &Path,
    contact: &str,
    extra: &[&str],
    id: i64,
    status: &str,
    timeout: Duration,
) -> Value {
    let mut last = Value::Null;
    let found = wait_for_opt(timeout, || {
        let list = messages(data_dir, contact, extra);
        let m = find_by_id(&list, id).cloned();
        if let Some(m) = &m {
            last = m.clone();
        }
        m.filter(|m| m["status"] == status)
    });
    found.unwrap_or_else(|| {
        panic!("message {id} did not reach {status:?} within {timeout:?}; last seen: {last}")
    })
}

fn wait_for_opt<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `shopchat messages --contact WA_ID --json` (plus `extra`) as a list.
pub fn messages(data_dir: &Path, wa_id: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "messages",
        "--data-dir",
        path_str(data_dir),
        "--contact",
        wa_id,
        "--json",
    ];
    args.extend_from_slice(extra);
    match run(&args).json() {
        Value::Array(list) => list,
        other => panic!("messages --json is not a list: {other}"),
    }
}

/// `shopchat contacts --json` as a list.
pub fn contacts(data_dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["contacts", "--data-dir", path_str(data_dir), "--json"];
    args.extend_from_slice(extra);
    match run(&args).json() {
        Value::Array(list) => list,
        other => panic!("contacts --json is not a list: {other}"),
    }
}

pub fn find_by_id(list: &[Value], id: i64) -> Option<&Value> {
    list.iter().find(|m| m["id"].as_i64() == Some(id))
}

/// Every file below `dir`, recursively.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read a data dir") {
            let path = entry.expect("a dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out
}

pub fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// An HTTP client that never goes through a proxy (the tests only talk to 127.0.0.1).
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("an HTTP client")
}

/// Posts `body` (serialised once) to `url`, signed with `secret` as Meta does; returns the status.
pub async fn post_signed(
    http: &reqwest::Client,
    url: &str,
    secret: &str,
    body: &Value,
) -> reqwest::StatusCode {
    let bytes = serde_json::to_vec(body).expect("serialise a webhook");
    let signature = wacloud::sign(secret.as_bytes(), &bytes);
    http.post(url)
        .header("content-type", "application/json")
        .header("X-Hub-Signature-256", signature)
        .body(bytes)
        .send()
        .await
        .unwrap_or_else(|e| panic!("POST {url}: {e}"))
        .status()
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The sandbox's [`CUSTOMER`] writes `text` to the running sandbox engine in `data_dir`.
pub fn customer_says(data_dir: &Path, text: &str) {
    run(&[
        "sandbox",
        "say",
        "--data-dir",
        path_str(data_dir),
        "--from",
        CUSTOMER,
        "--text",
        text,
    ])
    .ok();
}
