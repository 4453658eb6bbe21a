//! The names the dev server answers for. A page on another origin can point a name of its
//! own at 127.0.0.1 (DNS rebinding) and read the preview, drafts included, unless requests
//! naming a host the server does not know are refused.

use std::net::IpAddr;

/// The hosts a server answers for: the bound address, `localhost`, `127.0.0.1` and `[::1]`,
/// and each `--allow-host NAME`; with the server's port, or with none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hosts {
    port: u16,
    /// Lowercase names and addresses, IPv6 ones without brackets.
    names: Vec<String>,
}

impl Hosts {
    pub fn new(bound: IpAddr, port: u16, allowed: &[String]) -> Hosts {
        let mut names: Vec<String> = ["localhost", "127.0.0.1", "::1"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        names.push(bound.to_string());
        for name in allowed {
            let (host, _) = split_port(name.trim());
            names.push(normal(host));
        }
        names.sort();
        names.dedup();
        Hosts { port, names }
    }

    /// Whether a request with this `Host` header is answered. A request without one (HTTP/1.0)
    /// is: a browser always sends one.
    pub fn allows(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return true };
        let (name, port) = split_port(host.trim());
        let port_ok = match port {
            None => true,
            Some(port) => port.parse::<u16>() == Ok(self.port),
        };
        port_ok && self.names.contains(&normal(name))
    }

    /// The names allowed, as a person would type them (for the refusal message).
    pub fn listed(&self) -> String {
        self.names
            .iter()
            .map(|n| {
                if n.contains(':') {
                    format!("[{n}]:{}", self.port)
                } else {
                    format!("{n}:{}", self.port)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `name:port`, `[v6]:port`, `name`, `[v6]` → (name, port).
fn split_port(host: &str) -> (&str, Option<&str>) {
    if let Some(rest) = host.strip_prefix('[') {
        return match rest.split_once(']') {
            Some((name, tail)) => (name, tail.strip_prefix(':')),
            None => (host, None),
        };
    }
    match host.rsplit_once(':') {
        // More than one colon: a bare IPv6 address.
        Some((name, _)) if name.contains(':') => (host, None),
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    }
}

/// Lowercase, without a trailing dot (`localhost.` names the same host).
fn normal(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_for_loopback_names_the_bound_address_and_allowed_hosts() {
        let hosts = Hosts::new(
            "192.168.1.5".parse().unwrap(),
            1111,
            &["Preview.Example.com".into(), "laptop:1111".into()],
        );
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "localhost.:1111",
            "[::1]:1111",
            "[::1]",
            "192.168.1.5:1111",
            "preview.example.com:1111",
            "laptop",
        ] {
            assert!(hosts.allows(Some(ok)), "{ok}");
        }
        assert!(hosts.allows(None));
        for refused in [
            "evil.example:1111",
            "attacker.test",
            "127.0.0.1:2222",
            "localhost:x",
            "127.0.0.2:1111",
            "",
            "[::1:1111",
            "localhost.evil.example",
        ] {
            assert!(!hosts.allows(Some(refused)), "{refused}");
        }
        assert!(hosts.listed().contains("[::1]:1111"), "{}", hosts.listed());
        assert!(hosts.listed().contains("preview.example.com:1111"));
    }

    #[test]
    fn an_ipv6_bound_address_is_allowed() {
        let hosts = Hosts::new("fe80::1".parse().unwrap(), 80, &[]);
        assert!(hosts.allows(Some("[fe80::1]:80")));
        assert!(!hosts.allows(Some("[fe80::2]:80")));
    }
}
