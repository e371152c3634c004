//! Which build of Parallax is running, for what only the same build may
//! read back: a checkpoint's clustering state, the inner workings of the
//! code, which change between builds without the version number changing.

use std::io::Read;
use std::sync::LazyLock;

/// The version and a checksum of the running executable: two processes of
/// the same build (a grouper and its standby, from one release) agree, any
/// other build differs. Computed once, on first use (call it at start: the
/// file may be replaced later; on Linux the running one is read even then).
/// An executable that cannot be read gives an id of this process alone, so
/// that nothing another process wrote is taken for this build's.
pub fn id() -> &'static str {
    static ID: LazyLock<String> = LazyLock::new(|| {
        let version = env!("CARGO_PKG_VERSION");
        let running = std::fs::File::open("/proc/self/exe")
            .or_else(|_| std::env::current_exe().and_then(std::fs::File::open));
        match running.and_then(checksum) {
            Ok((crc, len)) => format!("{version} {crc:08x}-{len:x}"),
            Err(_) => {
                let now = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |t| t.as_nanos());
                format!("{version} process-{}-{now}", std::process::id())
            }
        }
    });
    &ID
}

/// CRC-32 and length of a file, read a megabyte at a time.
fn checksum(mut file: std::fs::File) -> std::io::Result<(u32, u64)> {
    let mut crc = flate2::Crc::new();
    let mut buffer = vec![0; 1 << 20];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok((crc.sum(), len));
        }
        crc.update(&buffer[..n]);
        len += n as u64;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_id_names_the_version_and_the_executable() {
        let id = super::id();
        assert!(id.starts_with(env!("CARGO_PKG_VERSION")), "{id}");
        assert!(!id.contains("process-"), "the test executable reads: {id}");
        assert_eq!(super::id(), id);
    }
}
