//! Starting `tauri-driver` (which starts the native WebDriver, which starts the app) and making
//! sure all of them are gone when the test ends, pass or fail.

use std::fs::File;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::webdriver::driver_is_ready;

/// A running `tauri-driver`. Dropping it stops the driver, the native driver and the app.
pub struct DriverProcess {
    child: Child,
    /// Where the driver listens, e.g. "http://127.0.0.1:41234".
    pub base_url: String,
    /// The driver's and the app's output.
    pub log_path: PathBuf,
}

/// A port nobody listens on right now.
fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}

impl DriverProcess {
    /// Starts `tauri-driver` (or `$TAURI_DRIVER`) on free ports with the given extra environment,
    /// which the app inherits, and waits until it answers.
    pub fn start(
        environment: &[(&str, &Path)],
        log_path: PathBuf,
    ) -> Result<DriverProcess, String> {
        let program = std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into());
        let port = free_port().map_err(|error| format!("no free port: {error}"))?;
        let mut native_port = free_port().map_err(|error| format!("no free port: {error}"))?;
        while native_port == port {
            native_port = free_port().map_err(|error| format!("no free port: {error}"))?;
        }

        if let Some(parent) = log_path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| format!("{}: {error}", parent.display()))?;
        }
        let log =
            File::create(&log_path).map_err(|error| format!("{}: {error}", log_path.display()))?;
        let log_for_errors = log.try_clone().map_err(|error| error.to_string())?;

        let mut command = Command::new(&program);
        command
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_for_errors);
        if let Some(native_driver) = std::env::var_os("NATIVE_WEBDRIVER") {
            command.arg("--native-driver").arg(native_driver);
        }
        for (name, value) in environment {
            command.env(name, value);
        }
        // The driver, the native driver and the app share one process group so that all of them
        // can be stopped together.
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        let child = command.spawn().map_err(|error| {
            format!(
                "could not start {}: {error} (install it with `cargo install tauri-driver --locked`)",
                Path::new(&program).display()
            )
        })?;

        let driver = DriverProcess {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            log_path,
        };
        let started = Instant::now();
        while !driver_is_ready(&driver.base_url) {
            if started.elapsed() > Duration::from_secs(20) {
                return Err(format!(
                    "tauri-driver did not answer on {} within 20 s; see {}",
                    driver.base_url,
                    driver.log_path.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// The driver's log so far, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }
}

impl Drop for DriverProcess {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            // Ask politely first (tauri-driver then stops the native driver), then insist.
            let group = format!("-{}", self.child.id());
            let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = Command::new("kill")
                .args(["-KILL", "--", &group])
                .stderr(Stdio::null())
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
