//! A PostgreSQL instance of its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::{free_port, wait_for};

/// A PostgreSQL server on a loopback port, its data in a temporary
/// directory; stopped (immediately) when dropped.
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    /// Run PostgreSQL's commands as this user (when the tests run as root).
    user: Option<String>,
    _dir: tempfile::TempDir,
}

impl Postgres {
    /// Create and start an instance. `durable: false` turns `fsync` off,
    /// for tests that never crash the machine under it.
    pub fn start(durable: bool) -> anyhow::Result<Self> {
        let bin = bin_dir()?;
        let dir = tempfile::tempdir()?;
        let data = dir.path().join("data");
        let user = is_root()?.then(|| "postgres".to_string());
        if let Some(user) = &user {
            let owned = Command::new("chown")
                .args(["-R", user])
                .arg(dir.path())
                .status()?;
            if !owned.success() {
                bail!("cannot give {} to {user}", dir.path().display());
            }
        }
        let port = free_port()?;
        let pg = Postgres {
            bin,
            data,
            port,
            user,
            _dir: dir,
        };
        pg.run(
            "initdb",
            &[
                "-D",
                &pg.data_arg(),
                "-U",
                "parallax",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        )?;
        let mut settings = format!(
            "listen_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{}'\n\
             max_connections = 200\nshared_buffers = 128MB\n",
            pg.data.display()
        );
        if !durable {
            settings.push_str("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        let conf = pg.data.join("postgresql.conf");
        let mut existing = std::fs::read_to_string(&conf)
            .with_context(|| format!("reading {}", conf.display()))?;
        existing.push_str(&settings);
        std::fs::write(&conf, existing)?;
        pg.start_server()?;
        Ok(pg)
    }

    /// The URL of database `db` (`postgres` always exists).
    pub fn url(&self, db: &str) -> String {
        format!("postgresql://parallax@127.0.0.1:{}/{db}", self.port)
    }

    /// A new empty database; its URL.
    pub fn database(&self, name: &str) -> anyhow::Result<String> {
        let mut client = ::postgres::Client::connect(&self.url("postgres"), ::postgres::NoTls)?;
        client.batch_execute(&format!("CREATE DATABASE \"{name}\""))?;
        Ok(self.url(name))
    }

    /// Stop (fast: sessions are ended, as when an operator restarts the
    /// server) and start again.
    pub fn restart(&self) -> anyhow::Result<()> {
        self.run(
            "pg_ctl",
            &["-D", &self.data_arg(), "stop", "-m", "fast", "-w"],
        )?;
        self.start_server()
    }

    fn start_server(&self) -> anyhow::Result<()> {
        let log = self.data.join("server.log");
        self.run(
            "pg_ctl",
            &[
                "-D",
                &self.data_arg(),
                "-l",
                &log.display().to_string(),
                "start",
                "-w",
            ],
        )?;
        wait_for("PostgreSQL", Duration::from_secs(30), || {
            ::postgres::Client::connect(&self.url("postgres"), ::postgres::NoTls).is_ok()
        })
    }

    fn data_arg(&self) -> String {
        self.data.display().to_string()
    }

    /// Run one of PostgreSQL's programs, as its user when needed.
    fn run(&self, program: &str, args: &[&str]) -> anyhow::Result<()> {
        let path = self.bin.join(program);
        let mut command = match &self.user {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(&path);
                c
            }
            None => Command::new(&path),
        };
        let out = command
            .args(args)
            .output()
            .with_context(|| format!("cannot run {}", path.display()))?;
        if !out.status.success() {
            bail!(
                "{program} failed: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Ok(())
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.run(
            "pg_ctl",
            &["-D", &self.data_arg(), "stop", "-m", "immediate"],
        );
    }
}

/// Where PostgreSQL's programs are: on `PATH`, else Debian's newest
/// `/usr/lib/postgresql/N/bin`.
fn bin_dir() -> anyhow::Result<PathBuf> {
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            if dir.join("initdb").is_file() && dir.join("pg_ctl").is_file() {
                return Ok(dir);
            }
        }
    }
    let root = Path::new("/usr/lib/postgresql");
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(root)
        .with_context(|| {
            format!(
                "PostgreSQL not found (no initdb on PATH, no {}): install Debian's postgresql",
                root.display()
            )
        })?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .collect();
    versions.sort();
    versions
        .pop()
        .map(|(_, bin)| bin)
        .context("no PostgreSQL version under /usr/lib/postgresql")
}

fn is_root() -> anyhow::Result<bool> {
    let out = Command::new("id")
        .arg("-u")
        .output()
        .context("cannot run id")?;
    Ok(String::from_utf8_lossy(&out.stdout).trim() == "0")
}
