//! A tiny web server on 127.0.0.1 for the fetch tests: canned answers by path, changeable
//! while it runs (version 1 of a page, then version 2), and a path that never answers (for
//! timeouts). Never the internet.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]
#![allow(clippy::disallowed_methods)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// One canned answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Accept the request and never answer (until the server is dropped).
    pub hang: bool,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        let headers = if content_type.is_empty() { Vec::new() } else { vec![("Content-Type".into(), content_type.into())] };
        Self { status, headers, body: body.into(), hang: false }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, "text/html; charset=utf-8", body)
    }

    pub fn redirect(to: &str) -> Self {
        Self::new(301, "", Vec::new()).header("Location", to)
    }

    pub fn hang() -> Self {
        Self { hang: true, ..Self::new(200, "text/html", Vec::new()) }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// The server; it stops serving (and lets hanging requests go) when dropped.
pub struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    pub hits: Arc<Mutex<Vec<String>>>,
    _stop: Sender<()>,
}

impl Server {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let hits: Arc<Mutex<Vec<String>>> = Arc::default();
        let (stop, stopped) = channel::<()>();
        let stopped = Arc::new(Mutex::new(stopped));
        let (r, h) = (routes.clone(), hits.clone());
        std::thread::Builder::new()
            .name("loopback-server".into())
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    let (r, h, s) = (r.clone(), h.clone(), stopped.clone());
                    std::thread::Builder::new().name("loopback-conn".into()).spawn(move || serve(stream, &r, &h, &s)).unwrap();
                }
            })
            .unwrap();
        Self { base, routes, hits, _stop: stop }
    }

    /// Answers `path` with `reply` from now on.
    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.into(), reply);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

fn serve(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>, hits: &Mutex<Vec<String>>, stopped: &Mutex<Receiver<()>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    hits.lock().unwrap().push(path.clone());
    let reply = routes.lock().unwrap().get(&path).cloned().unwrap_or_else(|| Reply::new(404, "text/plain", "no such page"));
    if reply.hang {
        // Blocks until the server is dropped (its sender with it): no answer before the timeout.
        let _ = stopped.lock().map(|rx| rx.recv());
        return;
    }
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {} Canned\r\nContent-Length: {}\r\nConnection: close\r\n", reply.status, reply.body.len());
    for (name, value) in &reply.headers {
        head = format!("{head}{name}: {value}\r\n");
    }
    head.push_str("\r\n");
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(&reply.body);
    let _ = out.flush();
}
