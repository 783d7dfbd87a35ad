//! Test support: loopback HTTP servers serving generated sites. Tests start their own
//! servers on 127.0.0.1 (never the network) and stop them when dropped.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// One answer of a generated site.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a page slower than the timeout).
    pub delay: Duration,
}

impl Reply {
    pub fn html(body: impl Into<String>) -> Reply {
        Reply::bytes("text/html; charset=utf-8", body.into().into_bytes())
    }
    pub fn bytes(content_type: &str, body: Vec<u8>) -> Reply {
        Reply { status: 200, headers: vec![("Content-Type".into(), content_type.into())], body, delay: Duration::ZERO }
    }
    pub fn status(status: u16) -> Reply {
        Reply { status, headers: vec![("Content-Type".into(), "text/html".into())], body: b"<h1>error</h1>".to_vec(), delay: Duration::ZERO }
    }
    pub fn redirect(to: &str) -> Reply {
        Reply { status: 302, headers: vec![("Location".into(), to.into())], body: Vec::new(), delay: Duration::ZERO }
    }
    pub fn slow(mut self, d: Duration) -> Reply {
        self.delay = d;
        self
    }
}

type Handler = dyn Fn(&str) -> Reply + Send + Sync;

/// A server on 127.0.0.1 at an ephemeral port (or a given loopback address).
pub struct Server {
    pub port: u16,
    pub addr: String,
    server: Arc<tiny_http::Server>,
    stop: Arc<AtomicBool>,
    pub hits: Arc<AtomicUsize>,
    pub paths: Arc<std::sync::Mutex<Vec<String>>>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Serves `site` (path with query → reply); unknown paths are 404.
    pub fn site(site: HashMap<String, Reply>) -> Server {
        Server::start("127.0.0.1", move |path| site.get(path).cloned().unwrap_or_else(|| Reply::status(404)))
    }

    pub fn start(ip: &str, handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
        Server::start_on(&format!("{ip}:0"), handler)
    }

    /// On a given address: a server dropped and started again on its port "comes back".
    pub fn start_on(addr: &str, handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
        let ip = addr.rsplit_once(':').map(|(h, _)| h.to_string()).unwrap_or_default();
        let ip = ip.as_str();
        let server = Arc::new(tiny_http::Server::http(addr).expect("bind loopback"));
        let port = server.server_addr().to_ip().expect("ip listener").port();
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(AtomicUsize::new(0));
        let paths = Arc::new(std::sync::Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let mut workers = Vec::new();
        for _ in 0..8 {
            let (server, stop, hits, paths, handler) = (server.clone(), stop.clone(), hits.clone(), paths.clone(), handler.clone());
            workers.push(std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let Ok(Some(req)) = server.recv_timeout(Duration::from_millis(100)) else { continue };
                    hits.fetch_add(1, Ordering::Relaxed);
                    let path = req.url().to_string();
                    paths.lock().unwrap().push(path.clone());
                    let reply = handler(&path);
                    if !reply.delay.is_zero() {
                        std::thread::sleep(reply.delay);
                    }
                    let mut resp = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
                    for (k, v) in reply.headers {
                        resp.add_header(tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).unwrap());
                    }
                    let _ = req.respond(resp);
                }
            }));
        }
        Server { port, addr: format!("{ip}:{port}"), server, stop, hits, paths, workers }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for Server {
    /// Stops serving before returning: the listener is closed once the last worker is gone,
    /// so a test that drops a server sees connections refused right away.
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.server.unblock();
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

pub mod sites;
