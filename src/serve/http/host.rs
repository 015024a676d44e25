//! The Host check against DNS rebinding: a page on another site whose name was made to resolve
//! to this machine sends its own name as `Host`, so only names this server is known by pass.
//!
//! Allowed (any port, case-insensitive): `localhost`, `127.0.0.1`, `[::1]`, the bound address,
//! and the `--host` value. When bound to every interface (`0.0.0.0` or `::`), any IP address
//! literal passes too, since that is how other devices reach it and a rebinding page always sends
//! a name. Anything else gets 403; a request without a host gets 400.

use super::text;
use axum::extract::{Request, State};
use axum::http::{StatusCode, Uri, header, uri::Authority};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// The host names this server answers to.
#[derive(Debug)]
pub struct AllowedHosts {
    names: Vec<String>,
    any_ip: bool,
}

impl AllowedHosts {
    /// The names for a server bound at `bound` after `--host requested`.
    pub fn new(bound: SocketAddr, requested: &str) -> Self {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        names.push(ip_name(bound.ip()));
        names.push(match requested.parse::<IpAddr>() {
            Ok(ip) => ip_name(ip),
            Err(_) => requested.to_ascii_lowercase(),
        });
        AllowedHosts {
            names,
            any_ip: bound.ip().is_unspecified(),
        }
    }

    /// Whether `authority` (`host` or `host:port`) names this server.
    pub fn allows(&self, authority: &str) -> bool {
        let Ok(authority) = authority.parse::<Authority>() else {
            return false;
        };
        if authority.as_str().contains('@') {
            return false;
        }
        let host = authority.host().to_ascii_lowercase();
        self.names.contains(&host) || (self.any_ip && is_ip_literal(&host))
    }
}

/// How an address appears in a `Host` header: IPv6 in brackets.
fn ip_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    }
}

fn is_ip_literal(host: &str) -> bool {
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    bare.parse::<IpAddr>().is_ok()
}

/// Middleware: 403 for another host, 400 without one, otherwise the request goes on.
pub async fn check(
    State(hosts): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    match requested_host(request.uri(), &request) {
        None => text(StatusCode::BAD_REQUEST),
        Some(host) if hosts.allows(&host) => next.run(request).await,
        Some(_) => text(StatusCode::FORBIDDEN),
    }
}

/// The host a request names: the target's authority (absolute form) wins over `Host`.
fn requested_host(uri: &Uri, request: &Request) -> Option<String> {
    if let Some(authority) = uri.authority() {
        return Some(authority.as_str().to_string());
    }
    let value = request.headers().get(header::HOST)?;
    value.to_str().ok().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loopback() -> AllowedHosts {
        AllowedHosts::new("127.0.0.1:4000".parse().unwrap(), "127.0.0.1")
    }

    #[test]
    fn loopback_names_pass_with_or_without_a_port() {
        let hosts = loopback();
        for host in [
            "127.0.0.1:4000",
            "127.0.0.1",
            "localhost:4000",
            "LOCALHOST",
            "[::1]:4000",
            "[::1]",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn other_names_and_addresses_are_refused() {
        let hosts = loopback();
        for host in [
            "evil.example",
            "evil.example:4000",
            "localhost.evil.example",
            "127.0.0.1.nip.io",
            "10.0.0.5:4000",
            "user@localhost",
            "",
            "local host",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
    }

    #[test]
    fn every_interface_allows_ip_literals_and_the_requested_name() {
        let all = AllowedHosts::new("0.0.0.0:4000".parse().unwrap(), "0.0.0.0");
        assert!(all.allows("192.168.1.20:4000") && all.allows("[fe80::1]:4000"));
        assert!(!all.allows("evil.example:4000"));
        let named = AllowedHosts::new("192.168.1.20:4000".parse().unwrap(), "Box.Local");
        assert!(named.allows("box.local:4000") && named.allows("192.168.1.20"));
        assert!(!named.allows("192.168.1.21"));
        let v6 = AllowedHosts::new("[::1]:4000".parse().unwrap(), "::1");
        assert!(v6.allows("[::1]:4000"));
    }
}
