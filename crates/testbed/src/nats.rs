//! A JetStream cluster of NATS servers.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::Context;

use crate::{free_ports, wait_for};

/// One NATS server of a cluster.
pub struct NatsNode {
    config: PathBuf,
    log: PathBuf,
    /// Client port.
    pub port: u16,
    /// Monitoring port (`/healthz`).
    monitor: u16,
    child: Option<Child>,
}

/// `n` NATS servers with JetStream, routed to each other as one cluster;
/// killed when dropped.
pub struct Nats {
    pub nodes: Vec<NatsNode>,
    _dir: tempfile::TempDir,
}

impl Nats {
    /// Start a cluster of `n` servers (one: a lone server, no cluster) and
    /// wait until each says JetStream is healthy. A port taken by another
    /// program between its choice and its use fails a start: it is tried
    /// again on other ports.
    pub fn start(n: usize) -> anyhow::Result<Self> {
        let mut tries = 0;
        loop {
            match Self::start_once(n) {
                Ok(nats) => return Ok(nats),
                Err(err) if tries < 2 => {
                    tries += 1;
                    eprintln!("NATS did not start ({err:#}); trying other ports");
                }
                Err(err) => return Err(err),
            }
        }
    }

    fn start_once(n: usize) -> anyhow::Result<Self> {
        let dir = tempfile::tempdir()?;
        let ports: Vec<(u16, u16, u16)> = free_ports(3 * n)?
            .chunks(3)
            .map(|p| (p[0], p[1], p[2]))
            .collect();
        let routes: Vec<String> = ports
            .iter()
            .map(|(_, cluster, _)| format!("\"nats://127.0.0.1:{cluster}\""))
            .collect();
        let mut nodes = Vec::with_capacity(n);
        for (i, &(port, cluster, monitor)) in ports.iter().enumerate() {
            let name = format!("n{}", i + 1);
            let store = dir.path().join(&name);
            let mut config = format!(
                "server_name: {name}\nlisten: \"127.0.0.1:{port}\"\nhttp: \"127.0.0.1:{monitor}\"\n\
                 jetstream {{\n  store_dir: \"{}\"\n}}\n",
                store.display()
            );
            if n > 1 {
                config.push_str(&format!(
                    "cluster {{\n  name: parallax\n  listen: \"127.0.0.1:{cluster}\"\n  routes: [{}]\n}}\n",
                    routes.join(", ")
                ));
            }
            let path = dir.path().join(format!("{name}.conf"));
            std::fs::write(&path, config)?;
            nodes.push(NatsNode {
                config: path,
                log: dir.path().join(format!("{name}.log")),
                port,
                monitor,
                child: None,
            });
        }
        for node in &mut nodes {
            node.spawn()?;
        }
        for node in &nodes {
            node.wait_healthy()?;
        }
        Ok(Nats { nodes, _dir: dir })
    }

    /// The URL a client connects with: every server, so that it fails over.
    pub fn url(&self) -> String {
        self.nodes
            .iter()
            .map(|n| format!("nats://127.0.0.1:{}", n.port))
            .collect::<Vec<_>>()
            .join(",")
    }
}

impl NatsNode {
    fn spawn(&mut self) -> anyhow::Result<()> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let child = Command::new("nats-server")
            .arg("-c")
            .arg(&self.config)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .context("cannot run nats-server: install Debian's nats-server")?;
        self.child = Some(child);
        Ok(())
    }

    /// `kill -9` the server.
    pub fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut child) = self.child.take() {
            child.kill()?;
            child.wait()?;
        }
        Ok(())
    }

    /// Start the server again (after [`kill`](Self::kill)), with its data.
    pub fn restart(&mut self) -> anyhow::Result<()> {
        self.kill()?;
        self.spawn()?;
        self.wait_healthy()
    }

    /// Wait until the server says JetStream is healthy.
    pub fn wait_healthy(&self) -> anyhow::Result<()> {
        let monitor = self.monitor;
        wait_for("NATS", Duration::from_secs(30), || healthz(monitor))
            .with_context(|| format!("see {}", self.log.display()))
    }
}

impl Drop for NatsNode {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}

/// Whether `/healthz` answers 200 on the monitoring port.
fn healthz(port: u16) -> bool {
    let ask = || -> std::io::Result<bool> {
        let mut stream = TcpStream::connect(("127.0.0.1", port))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer.starts_with("HTTP/1.1 200") || answer.starts_with("HTTP/1.0 200"))
    };
    ask().unwrap_or(false)
}
