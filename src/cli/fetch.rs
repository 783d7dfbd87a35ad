//! HTTP for the CLI: one client for `check`, `site`, `batch` and `monitor`. Redirects are
//! followed here, hop by hop, so that each hop's address can be checked: a page the user
//! asked for may live on loopback or a staging address (that was their choice), but a
//! redirect to another host is followed only to public addresses — never to loopback,
//! private or link-local ones (cloud metadata at 169.254.169.254 answers there) — unless
//! `--allow-private`, or the host is one the user mapped with `--resolve` (curl's meaning).

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};

/// Hops followed before giving up (browsers allow 20).
pub const MAX_REDIRECTS: usize = 10;

/// `--resolve HOST:PORT:ADDR` mappings, by lower-cased host and port.
#[derive(Clone, Debug, Default)]
pub struct ResolveMap(HashMap<(String, u16), IpAddr>);

impl ResolveMap {
    pub fn parse(specs: &[String]) -> Result<ResolveMap, String> {
        let mut map = HashMap::new();
        for spec in specs {
            let bad = || format!("--resolve 格式应为 HOST:PORT:ADDR / --resolve expects HOST:PORT:ADDR, got “{spec}”");
            let (host, rest) = spec.split_once(':').ok_or_else(bad)?;
            let (port, addr) = rest.split_once(':').ok_or_else(bad)?;
            let port: u16 = port.parse().map_err(|_| bad())?;
            let addr: IpAddr = addr.trim_start_matches('[').trim_end_matches(']').parse().map_err(|_| bad())?;
            if host.is_empty() {
                return Err(bad());
            }
            map.insert((host.to_ascii_lowercase(), port), addr);
        }
        Ok(ResolveMap(map))
    }
    fn get(&self, host: &str, port: u16) -> Option<IpAddr> {
        self.0.get(&(host.to_ascii_lowercase(), port)).copied()
    }
}

/// Whether an address is on the public internet. Everything else — loopback, private,
/// link-local, unique-local, carrier-grade NAT, multicast, documentation, unspecified —
/// is refused for redirects to another host.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 192 && o[1] == 0 && o[2] == 0)
                || (o[0] == 198 && (18..20).contains(&o[1]))
                || o[0] >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] == 0x2001 && s[1] == 0x0db8)
                || (s[0] == 0x64 && s[1] == 0xff9b))
        }
    }
}

/// Resolves by `--resolve` first; when `public_only`, refuses hosts whose addresses are not
/// all public (the addresses returned are the ones connected to: no second lookup to race).
#[derive(Debug)]
struct GuardedResolver {
    map: Arc<ResolveMap>,
    public_only: bool,
}

impl Resolver for GuardedResolver {
    fn resolve(&self, uri: &Uri, config: &ureq::config::Config, timeout: NextTimeout) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri.host().unwrap_or("").trim_start_matches('[').trim_end_matches(']');
        let port = uri.port_u16().unwrap_or(if uri.scheme_str() == Some("https") { 443 } else { 80 });
        if let Some(ip) = self.map.get(host, port) {
            let mut out = self.empty();
            out.push(SocketAddr::new(ip, port));
            return Ok(out);
        }
        let addrs = DefaultResolver::default().resolve(uri, config, timeout)?;
        if self.public_only && addrs.iter().any(|a| !is_public(a.ip())) {
            return Err(ureq::Error::Io(std::io::Error::new(std::io::ErrorKind::PermissionDenied, BLOCKED)));
        }
        Ok(addrs)
    }
}

const BLOCKED: &str = "govcheck: redirect to a non-public address";

/// Why a fetch failed, as a short code (`pages[].error`) and a bilingual sentence.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchError {
    Timeout,
    Dns,
    Connect,
    Tls,
    RedirectLoop,
    TooManyRedirects,
    /// A redirect to another host at a loopback/private/link-local address.
    BlockedAddress(String),
    TooLarge(u64),
    BadUrl(String),
    Other(String),
}

impl FetchError {
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::Timeout => "timeout",
            FetchError::Dns => "dns",
            FetchError::Connect => "connect",
            FetchError::Tls => "tls",
            FetchError::RedirectLoop => "redirect_loop",
            FetchError::TooManyRedirects => "too_many_redirects",
            FetchError::BlockedAddress(_) => "blocked_address",
            FetchError::TooLarge(_) => "too_large",
            FetchError::BadUrl(_) => "bad_url",
            FetchError::Other(_) => "other",
        }
    }
    pub fn describe(&self) -> String {
        match self {
            FetchError::Timeout => "超时未响应 / timed out".into(),
            FetchError::Dns => "域名无法解析 / host not found".into(),
            FetchError::Connect => "无法连接 / connection failed".into(),
            FetchError::Tls => "TLS/证书错误 / TLS error".into(),
            FetchError::RedirectLoop => "重定向循环 / redirect loop".into(),
            FetchError::TooManyRedirects => format!("重定向超过 {MAX_REDIRECTS} 次 / more than {MAX_REDIRECTS} redirects"),
            FetchError::BlockedAddress(u) => {
                format!(
                    "重定向到内网或本机地址，已拒绝（可用 --allow-private 允许）：{u} / redirect to a private or loopback address refused (see --allow-private): {u}"
                )
            }
            FetchError::TooLarge(max) => format!("响应超过 {max} 字节 / response larger than {max} bytes"),
            FetchError::BadUrl(u) => format!("网址无效 / invalid URL: {u}"),
            FetchError::Other(m) => m.clone(),
        }
    }
}

fn classify(e: ureq::Error, url: &str) -> FetchError {
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::HostNotFound => FetchError::Dns,
        ureq::Error::ConnectionFailed => FetchError::Connect,
        ureq::Error::Tls(_) => FetchError::Tls,
        ureq::Error::BodyExceedsLimit(n) => FetchError::TooLarge(n),
        ureq::Error::BadUri(u) => FetchError::BadUrl(u),
        ureq::Error::Io(io) if io.to_string().contains(BLOCKED) => FetchError::BlockedAddress(url.to_string()),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut || io.kind() == std::io::ErrorKind::WouldBlock => FetchError::Timeout,
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused || io.kind() == std::io::ErrorKind::ConnectionReset => FetchError::Connect,
        other => FetchError::Other(other.to_string()),
    }
}

/// One response, after redirects.
#[derive(Clone, Debug)]
pub struct Fetched {
    pub final_url: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub elapsed: Duration,
}

#[derive(Clone)]
pub struct Client {
    /// For the host the user asked for (any address: their choice).
    chosen: ureq::Agent,
    /// For redirects to other hosts: public addresses only, unless allowed.
    guarded: ureq::Agent,
    max_bytes: u64,
}

pub struct ClientOptions {
    pub timeout: Duration,
    pub resolve: ResolveMap,
    pub allow_private: bool,
    pub max_bytes: u64,
}

impl Client {
    pub fn new(o: ClientOptions) -> Client {
        let map = Arc::new(o.resolve);
        let agent = |public_only: bool| {
            let config = ureq::Agent::config_builder()
                .timeout_global(Some(o.timeout))
                .user_agent(concat!("govcheck/", env!("CARGO_PKG_VERSION"), " (+compliance check of government websites)"))
                .http_status_as_error(false)
                .max_redirects(0)
                .build();
            ureq::Agent::with_parts(config, DefaultConnector::new(), GuardedResolver { map: map.clone(), public_only })
        };
        Client { chosen: agent(false), guarded: agent(!o.allow_private), max_bytes: o.max_bytes }
    }

    /// GET `url`, following redirects hop by hop. HTTP error statuses are answers, not errors.
    pub fn get(&self, url: &str) -> Result<Fetched, FetchError> {
        let started = Instant::now();
        let first: Uri = url.parse().map_err(|_| FetchError::BadUrl(url.to_string()))?;
        let chosen_host = first.host().map(str::to_ascii_lowercase);
        let mut current = url.to_string();
        let mut seen = vec![current.clone()];
        for _hop in 0..=MAX_REDIRECTS {
            let uri: Uri = current.parse().map_err(|_| FetchError::BadUrl(current.clone()))?;
            if !matches!(uri.scheme_str(), Some("http") | Some("https")) {
                return Err(FetchError::BadUrl(current));
            }
            let agent = if uri.host().map(str::to_ascii_lowercase) == chosen_host { &self.chosen } else { &self.guarded };
            let mut resp = agent.get(&current).call().map_err(|e| classify(e, &current))?;
            let status = resp.status().as_u16();
            if (300..400).contains(&status) && status != 304 {
                let location = resp.headers().get("location").and_then(|v| v.to_str().ok()).map(str::to_string);
                if let Some(loc) = location {
                    let next = join(&current, &loc).ok_or_else(|| FetchError::BadUrl(loc.clone()))?;
                    if seen.contains(&next) {
                        return Err(FetchError::RedirectLoop);
                    }
                    seen.push(next.clone());
                    current = next;
                    continue;
                }
            }
            let content_type = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_string);
            let body = resp.body_mut().with_config().limit(self.max_bytes).read_to_vec().map_err(|e| classify(e, &current))?;
            return Ok(Fetched { final_url: current, status, content_type, body, elapsed: started.elapsed() });
        }
        Err(FetchError::TooManyRedirects)
    }
}

/// Resolve a Location header against the URL it came from.
pub fn join(base: &str, location: &str) -> Option<String> {
    url::Url::parse(base).ok()?.join(location.trim()).ok().map(String::from)
}

/// Read at most `limit` bytes from any reader (files, special files such as /dev/zero,
/// stdin): one byte more is read to tell "exactly the limit" from "larger".
pub fn read_limited(mut r: impl Read, limit: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    let mut bytes = Vec::new();
    (&mut r).take(limit + 1).read_to_end(&mut bytes)?;
    Ok(if bytes.len() as u64 > limit { Err(limit) } else { Ok(bytes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_and_non_public_addresses() {
        for a in [
            "127.0.0.1",
            "127.0.0.2",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "224.0.0.1",
            "255.255.255.255",
        ] {
            assert!(!is_public(a.parse().unwrap()), "{a} is not public");
        }
        for a in ["1.1.1.1", "202.96.128.86", "2400:3200::1", "::ffff:8.8.8.8"] {
            assert!(is_public(a.parse().unwrap()), "{a} is public");
        }
    }

    #[test]
    fn resolve_specs() {
        let m = ResolveMap::parse(&["www.example.gov.cn:443:127.0.0.1".into(), "a.gov.cn:80:[::1]".into()]).unwrap();
        assert_eq!(m.get("WWW.example.gov.cn", 443), Some("127.0.0.1".parse().unwrap()));
        assert_eq!(m.get("a.gov.cn", 80), Some("::1".parse().unwrap()));
        assert!(ResolveMap::parse(&["nonsense".into()]).is_err());
        assert!(ResolveMap::parse(&["h:notaport:1.2.3.4".into()]).is_err());
    }

    #[test]
    fn limited_reads() {
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), Ok(b"abc".to_vec()));
        assert_eq!(read_limited(std::io::repeat(0), 10).unwrap(), Err(10));
    }
}
