//! Where a webhook may be sent. In production (`APP_ENV=production`) an endpoint on loopback or
//! a private, link-local or otherwise internal address is refused, when it is saved and again
//! before every attempt (a name may come to resolve elsewhere): the portal must not be made to
//! post into the network it runs in. On a developer's machine such endpoints are allowed, so a
//! receiver on the same machine can be tried.

use crate::i18n::Msg;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, ToSocketAddrs};

/// Whether `ip` is one the portal must not post to in production: loopback, private
/// (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10: cloud metadata
/// lives there), shared (100.64/10), unspecified, broadcast, multicast or documentation.
pub fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => internal_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => internal_v4(v4),
            None => internal_v6(v6),
        },
    }
}

fn internal_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || (a == 100 && (64..128).contains(&b))
        || a == 0
}

fn internal_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00
        || (first & 0xffc0) == 0xfe80
}

/// The host and port of an http(s) URL, or why it is not one.
pub fn host_port(url: &str) -> Result<(String, u16), Msg> {
    let uri: actix_web::http::Uri = url
        .parse()
        .map_err(|_| Msg::new("admin-webhook-url-invalid"))?;
    let port = match uri.scheme_str() {
        Some("https") => 443,
        Some("http") => 80,
        _ => return Err(Msg::new("admin-webhook-url-invalid")),
    };
    let host = uri.host().filter(|h| !h.is_empty());
    let host = host.ok_or_else(|| Msg::new("admin-webhook-url-invalid"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    Ok((host.to_string(), uri.port_u16().unwrap_or(port)))
}

/// Whether a URL may take webhooks: http(s) with a host and at most [`super::URL_MAX`]
/// characters; with `private_refused`, a host that resolves to no internal address.
pub fn check_url(url: &str, private_refused: bool) -> Result<(), Msg> {
    if url.is_empty() {
        return Err(Msg::new("admin-webhook-url-missing"));
    }
    if url.chars().count() > super::URL_MAX || url.chars().any(char::is_whitespace) {
        return Err(Msg::new("admin-webhook-url-invalid"));
    }
    let (host, port) = host_port(url)?;
    match private_refused {
        true => reachable(&host, port),
        false => Ok(()),
    }
}

/// The host's addresses, refused when any of them is internal (or it has none).
pub fn reachable(host: &str, port: u16) -> Result<(), Msg> {
    let addresses: Vec<IpAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|_| Msg::new("admin-webhook-url-unresolved").arg("host", host.to_string()))?
        .map(|a| a.ip())
        .collect();
    if addresses.is_empty() {
        return Err(Msg::new("admin-webhook-url-unresolved").arg("host", host.to_string()));
    }
    match addresses.iter().any(|ip| is_internal(*ip)) {
        true => Err(Msg::new("admin-webhook-url-internal").arg("host", host.to_string())),
        false => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_told_apart_from_public_ones() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_internal(internal.parse().unwrap()), "{internal}");
        }
        for public in [
            "93.184.216.34",
            "172.32.0.1",
            "8.8.8.8",
            "2a00:1450:4001::1",
        ] {
            assert!(!is_internal(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn only_http_urls_with_a_host_take_webhooks() {
        assert_eq!(
            host_port("https://erp.example.com/hooks"),
            Ok(("erp.example.com".into(), 443))
        );
        assert_eq!(host_port("http://[::1]:8080/x"), Ok(("::1".into(), 8080)));
        for wrong in [
            "ftp://example.com/",
            "example.com/hook",
            "https:///x",
            "not a url",
        ] {
            assert!(check_url(wrong, false).is_err(), "{wrong}");
        }
        assert!(check_url("http://127.0.0.1:9/x", false).is_ok());
        assert!(check_url("http://127.0.0.1:9/x", true).is_err());
        assert!(check_url("http://localhost:9/x", true).is_err());
        assert!(check_url("https://10.0.0.5/x", true).is_err());
    }
}
