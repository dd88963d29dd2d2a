//! End-to-end tests of the desktop app in real WebKit, through `tauri-driver`.
//!
//! They need the built app (`cargo build -p jindan-app`, or a path in `$JINDAN_APP`), `tauri-driver`
//! with the platform's native WebDriver (`WebKitWebDriver` on Linux) and a display. They are
//! reported as ignored unless `JINDAN_E2E=1`; `scripts/e2e.sh` does all of that under Xvfb.
//! Screenshots go to `target/e2e-screens/`.

mod support;

use std::path::PathBuf;

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

use support::driver_process::DriverProcess;
use support::webdriver::Session;

fn main() {
    let arguments = Arguments::from_args();
    let enabled = std::env::var("JINDAN_E2E").is_ok_and(|value| value == "1");
    let trials = vec![
        Trial::test(
            "home_shows_app_info_and_switches_language",
            home_shows_app_info_and_switches_language,
        ),
        Trial::test(
            "settings_screen_opens_from_navigation",
            settings_screen_opens_from_navigation,
        ),
        Trial::test(
            "command_errors_show_in_the_banner",
            command_errors_show_in_the_banner,
        ),
    ];
    let trials = trials
        .into_iter()
        .map(|trial| trial.with_ignored_flag(!enabled))
        .collect();
    libtest_mimic::run(&arguments, trials).exit();
}

/// The workspace's `target` directory (or `$CARGO_TARGET_DIR`).
fn target_directory() -> PathBuf {
    let directory = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("..")
                .join("target")
        });
    directory.canonicalize().unwrap_or(directory)
}

/// The app binary: `$JINDAN_APP`, else `target/debug/jindan-app`, as an absolute path.
fn application_path() -> Result<PathBuf, Failed> {
    let path = std::env::var_os("JINDAN_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            target_directory()
                .join("debug")
                .join(format!("jindan-app{}", std::env::consts::EXE_SUFFIX))
        });
    path.canonicalize().map_err(|error| {
        format!(
            "the app is not at {} ({error}); run `cargo build -p jindan-app` first",
            path.display()
        )
        .into()
    })
}

/// A running app with an empty database of its own. Fields drop in order: the session (which
/// closes the app) before the driver, and the temporary directory last.
struct RunningApp {
    session: Session,
    driver: DriverProcess,
    database_path: PathBuf,
    _data_directory: tempfile::TempDir,
}

impl RunningApp {
    fn start(test_name: &str) -> Result<RunningApp, Failed> {
        let application = application_path()?;
        let data_directory =
            tempfile::tempdir().map_err(|error| format!("temporary directory: {error}"))?;
        let database_path = data_directory.path().join("jindan.db");
        // The webview keeps local storage (the chosen language) under the user's data folder;
        // pointing the XDG folders into the temporary directory makes every test start fresh.
        let xdg_data = data_directory.path().join("xdg-data");
        let xdg_config = data_directory.path().join("xdg-config");
        let xdg_cache = data_directory.path().join("xdg-cache");
        let log_path = target_directory()
            .join("e2e-logs")
            .join(format!("{test_name}.log"));
        let environment = [
            ("JINDAN_DB", database_path.as_path()),
            ("XDG_DATA_HOME", xdg_data.as_path()),
            ("XDG_CONFIG_HOME", xdg_config.as_path()),
            ("XDG_CACHE_HOME", xdg_cache.as_path()),
        ];
        let driver = DriverProcess::start(&environment, log_path)?;
        let screenshots = target_directory().join("e2e-screens");
        let session = Session::start(&driver.base_url, &application, screenshots)
            .map_err(|error| format!("{error}\n--- tauri-driver log ---\n{}", driver.log()))?;
        // The page is ready once the first screen has drawn with its data.
        session
            .wait_for_script(
                "return document.body.dataset.ready === 'true';",
                "the first screen",
                |ready| ready == &Value::Bool(true),
            )
            .map_err(|error| format!("{error}\n--- tauri-driver log ---\n{}", driver.log()))?;
        Ok(RunningApp {
            session,
            driver,
            database_path,
            _data_directory: data_directory,
        })
    }

    /// Runs the test body; on failure saves a screenshot and adds the driver's log to the message.
    fn check(
        &self,
        test_name: &str,
        body: impl FnOnce(&Session) -> Result<(), Failed>,
    ) -> Result<(), Failed> {
        body(&self.session).map_err(|failure| {
            let screenshot = match self.session.screenshot(&format!("{test_name}-failure")) {
                Ok(path) => format!("screenshot: {}", path.display()),
                Err(error) => format!("no screenshot: {error}"),
            };
            let message = failure.message().unwrap_or("failed").to_owned();
            format!(
                "{message}\n{screenshot}\n--- tauri-driver log ---\n{}",
                self.driver.log()
            )
            .into()
        })
    }
}

fn home_shows_app_info_and_switches_language() -> Result<(), Failed> {
    let app = RunningApp::start("home")?;
    app.check("home", |session| {
        session.wait_for_exact_text("#app-title", "Jindan 진단")?;
        session.wait_for_exact_text("#nav-home", "홈")?;
        session.wait_for_exact_text(".page-title", "홈")?;

        // The version and the database path come from the `app_info` command, so seeing them
        // proves that IPC works under the CSP.
        session.wait_for_exact_text("#app-version", env!("CARGO_PKG_VERSION"))?;
        session.wait_for_exact_text("#db-path", &app.database_path.display().to_string())?;
        session.wait_for_text("#assessments-empty", "the empty state", |text| text.contains("아직 평가가 없습니다"))?;

        // The shipped questionnaires come from `list_questionnaires`, titled in Korean.
        let shipped: Vec<Value> = jindan::questionnaire::builtin_questionnaires()
            .map_err(|error| error.to_string())?
            .iter()
            .map(|questionnaire| Value::from(questionnaire.title.ko.clone()))
            .collect();
        session.wait_for_script(
            "return Array.from(document.querySelectorAll('#questionnaire-list .questionnaire-title'), (node) => node.textContent);",
            "the shipped questionnaires to be listed",
            |titles| titles.as_array() == Some(&shipped),
        )?;
        // Screens to come save and open files and show reports through these plugin APIs.
        let plugins = session.execute(
            "const api = window.__TAURI__;
             return [typeof api.core.invoke, typeof api.dialog?.save, typeof api.dialog?.open, typeof api.opener?.openPath];",
            vec![],
        )?;
        assert_eq!(plugins, serde_json::json!(["function", "function", "function", "function"]), "core, dialog and opener APIs");
        let banner_hidden = session.execute("return document.getElementById('error-banner').hidden;", vec![])?;
        assert_eq!(banner_hidden, Value::Bool(true), "no error is shown on a fresh start");
        let path = session.screenshot("home-ko")?;
        println!("screenshot: {}", path.display());

        session.click_css("#lang-en")?;
        session.wait_for_exact_text("#nav-home", "Home")?;
        session.wait_for_exact_text("#nav-settings", "Settings")?;
        session.wait_for_text("#assessments-empty", "the English empty state", |text| text.contains("No assessments yet"))?;
        let language = session.execute("return document.documentElement.lang;", vec![])?;
        assert_eq!(language, Value::from("en"));
        let path = session.screenshot("home-en")?;
        println!("screenshot: {}", path.display());

        session.click_css("#lang-ko")?;
        session.wait_for_exact_text("#nav-home", "홈")?;
        Ok(())
    })
}

fn settings_screen_opens_from_navigation() -> Result<(), Failed> {
    let app = RunningApp::start("settings")?;
    app.check("settings", |session| {
        session.wait_for_exact_text("#nav-settings", "설정")?;
        session.click_css("#nav-settings")?;
        session.wait_for_exact_text(".page-title", "설정")?;
        session.wait_for_exact_text(
            "#settings-db-path",
            &app.database_path.display().to_string(),
        )?;
        let current = session.execute(
            "return document.querySelector('#nav-settings').getAttribute('aria-current');",
            vec![],
        )?;
        assert_eq!(
            current,
            Value::from("page"),
            "the settings link is marked as the current page"
        );
        let path = session.screenshot("settings-ko")?;
        println!("screenshot: {}", path.display());
        Ok(())
    })
}

fn command_errors_show_in_the_banner() -> Result<(), Failed> {
    let app = RunningApp::start("errors")?;
    app.check("errors", |session| {
        session.wait_for_exact_text("#nav-home", "홈")?;
        // Calling a command that does not exist goes through the same path as every real failure.
        let kind = session.execute_async(
            "const done = arguments[arguments.length - 1];
             import(new URL('api.js', document.baseURI).href)
               .then((api) => api.call('no_such_command'))
               .then(() => done('no error'), (error) => done(error.kind));",
            vec![],
        )?;
        assert_eq!(kind, Value::from("internal"));

        // The capability file grants no URL opening and no file-system access: such calls fail.
        let refusals = session.execute_async(
            "const done = arguments[arguments.length - 1];
             const attempt = (promise) => promise.then(() => 'allowed', (error) => String(error));
             Promise.all([
               attempt(window.__TAURI__.opener.openUrl('https://example.com')),
               attempt(window.__TAURI__.core.invoke('plugin:fs|read_text_file', { path: '/etc/hostname' })),
             ]).then(done);",
            vec![],
        )?;
        let refusals = refusals.as_array().cloned().unwrap_or_default();
        assert_eq!(refusals.len(), 2, "two answers: {refusals:?}");
        assert!(
            refusals.iter().all(|refusal| refusal.as_str().is_some_and(|text| text.contains("not allowed"))),
            "both calls are refused: {refusals:?}"
        );
        session.wait_for_exact_text("#error-banner-title", "예상하지 못한 문제가 생겼습니다.")?;
        let path = session.screenshot("error-banner")?;
        println!("screenshot: {}", path.display());
        session.click_css("#error-banner-close")?;
        let hidden = session.execute("return document.getElementById('error-banner').hidden;", vec![])?;
        assert_eq!(hidden, Value::Bool(true), "the banner closes");
        Ok(())
    })
}
