//! Outbound requests to public addresses only.
//!
//! A feed is written by a stranger, and so are the links in it: an item that
//! points at `http://127.0.0.1:8080/admin`, at a cloud metadata service
//! (`169.254.169.254`) or at a host on the operator's network would make the
//! poller fetch it from inside, and store what it returned as an article
//! anyone can read (server-side request forgery). So every address a host
//! name resolves to is checked after resolution (a name that resolves to a
//! private address, or rebinds to one, is caught as surely as a literal
//! `0x7f000001`), on every request and on every redirect, since ureq resolves
//! each hop through this resolver. Private feeds are fetched only from
//! networks the operator allows (`feeds.allow_networks`).

use std::fmt;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// A resolver that drops every address neither public nor allowed.
#[derive(Debug, Default)]
pub struct PublicOnly {
    allowed: Vec<Network>,
}

impl PublicOnly {
    pub fn new(allowed: Vec<Network>) -> Self {
        PublicOnly { allowed }
    }

    fn may_fetch(&self, ip: IpAddr) -> bool {
        is_public(ip) || self.allowed.iter().any(|net| net.contains(ip))
    }
}

impl Resolver for PublicOnly {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let all = DefaultResolver::default().resolve(uri, config, timeout)?;
        let mut kept = self.empty();
        let mut refused = None;
        for &address in all.iter() {
            if self.may_fetch(address.ip()) {
                kept.push(address);
            } else {
                refused = Some(address.ip());
            }
        }
        match refused {
            Some(ip) if kept.is_empty() => Err(ureq::Error::Io(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "{} is at {ip}, not a public address: not fetched (a private feed's network can be allowed with feeds.allow_networks)",
                    uri.host().unwrap_or("the host")
                ),
            ))),
            _ => Ok(kept),
        }
    }
}

/// True for an address anyone on the internet can reach: not loopback,
/// private, link-local, shared (CGNAT), multicast, documentation, reserved
/// or unspecified, whichever way it is written (an IPv4 address mapped into
/// IPv6 is judged as IPv4).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    const NOT_PUBLIC: &[(u32, u8)] = &[
        (0x0000_0000, 8),  // 0.0.0.0/8: this network
        (0x0A00_0000, 8),  // 10.0.0.0/8: private
        (0x6440_0000, 10), // 100.64.0.0/10: shared (carrier-grade NAT)
        (0x7F00_0000, 8),  // 127.0.0.0/8: loopback
        (0xA9FE_0000, 16), // 169.254.0.0/16: link-local, cloud metadata
        (0xAC10_0000, 12), // 172.16.0.0/12: private
        (0xC000_0000, 24), // 192.0.0.0/24: protocol assignments
        (0xC000_0200, 24), // 192.0.2.0/24: documentation
        (0xC058_6300, 24), // 192.88.99.0/24: 6to4 relays
        (0xC0A8_0000, 16), // 192.168.0.0/16: private
        (0xC612_0000, 15), // 198.18.0.0/15: benchmarking
        (0xC633_6400, 24), // 198.51.100.0/24: documentation
        (0xCB00_7100, 24), // 203.0.113.0/24: documentation
        (0xE000_0000, 4),  // 224.0.0.0/4: multicast
        (0xF000_0000, 4),  // 240.0.0.0/4: reserved, broadcast
    ];
    let bits = u32::from(ip);
    !NOT_PUBLIC
        .iter()
        .any(|&(net, len)| bits >> (32 - len) == net >> (32 - len))
}

/// Only global unicast (2000::/3) is public, less documentation (2001:db8::/32)
/// and the transition ranges that carry an IPv4 address a host may route
/// anywhere (Teredo 2001::/32, 6to4 2002::/16).
fn is_public_v6(ip: Ipv6Addr) -> bool {
    let [first, second, ..] = ip.segments();
    first & 0xE000 == 0x2000
        && !(first == 0x2001 && (second == 0x0db8 || second == 0))
        && first != 0x2002
}

/// An IP network (`10.1.0.0/16`, `fd00::/8`, or one address) whose addresses
/// may be fetched although they are not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct Network {
    base: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        let (base, ip, width) = match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(i)) => {
                (u128::from(u32::from(b)), u128::from(u32::from(i)), 32)
            }
            (IpAddr::V6(b), IpAddr::V6(i)) => (u128::from(b), u128::from(i), 128),
            _ => return false,
        };
        let shift = width - u32::from(self.prefix);
        shift >= 128 || base >> shift == ip >> shift
    }
}

impl FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let bad =
            || format!("{text:?} is not a network (write 10.0.0.0/8, fd00::/8 or one address)");
        let (address, prefix) = match text.trim().split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text.trim(), None),
        };
        let base: IpAddr = address.parse().map_err(|_| bad())?;
        let width = if base.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix
                .parse::<u8>()
                .ok()
                .filter(|&p| p <= width)
                .ok_or_else(bad)?,
            None => width,
        };
        Ok(Network { base, prefix })
    }
}

impl TryFrom<String> for Network {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        text.parse()
    }
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.base, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> bool {
        is_public(text.parse().unwrap())
    }

    #[test]
    fn private_addresses_in_every_spelling_are_not_public() {
        for ip in [
            "127.0.0.1",
            "127.8.9.10",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "::ffff:169.254.169.254",
            "::ffff:127.0.0.1",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "ff02::1",
            "2001:db8::1",
            "2002:7f00:1::1",
            "64:ff9b::7f00:1",
        ] {
            assert!(!public(ip), "{ip} taken for public");
        }
        for ip in [
            "93.184.215.14",
            "172.32.0.1",
            "8.8.8.8",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(public(ip), "{ip} taken for private");
        }
    }

    #[test]
    fn allowed_networks_parse_and_contain() {
        let net: Network = "10.1.0.0/16".parse().unwrap();
        assert!(net.contains("10.1.200.3".parse().unwrap()));
        assert!(net.contains("::ffff:10.1.0.9".parse().unwrap()));
        assert!(!net.contains("10.2.0.1".parse().unwrap()));
        let one: Network = "127.0.0.2".parse().unwrap();
        assert_eq!(one.to_string(), "127.0.0.2/32");
        assert!(one.contains("127.0.0.2".parse().unwrap()));
        assert!(!one.contains("127.0.0.1".parse().unwrap()));
        let all: Network = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("127.0.0.1".parse().unwrap()));
        let v6: Network = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!(!v6.contains("10.0.0.1".parse().unwrap()));
        for bad in ["10.0.0.0/33", "intranet", "10.0.0/8", ""] {
            assert!(bad.parse::<Network>().is_err(), "{bad}");
        }
    }
}
