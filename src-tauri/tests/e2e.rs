//! End-to-end tests of the desktop app in real WebKit, through `tauri-driver`.
//!
//! They need the built app (`cargo build -p jindan-app`, or a path in `$JINDAN_APP`), `tauri-driver`
//! with the platform's native WebDriver (`WebKitWebDriver` on Linux) and a display. They are
//! reported as ignored unless `JINDAN_E2E=1`; `scripts/e2e.sh` does all of that under Xvfb.
//! Screenshots go to `target/e2e-screens/`.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::Value;

use support::driver_process::DriverProcess;
use support::webdriver::{keys, Session, DEFAULT_WAIT};

fn main() {
    let arguments = Arguments::from_args();
    let enabled = std::env::var("JINDAN_E2E").is_ok_and(|value| value == "1");
    let trials = vec![
        Trial::test("home_shows_the_empty_workspace_and_switches_language", home_shows_the_empty_workspace_and_switches_language),
        Trial::test("settings_screen_opens_from_navigation", settings_screen_opens_from_navigation),
        Trial::test("command_errors_show_in_the_banner", command_errors_show_in_the_banner),
        Trial::test("diagnosis_from_new_firm_to_reassessment", diagnosis_from_new_firm_to_reassessment),
        Trial::test("not_applicable_and_live_skip_logic", not_applicable_and_live_skip_logic),
        Trial::test("consultant_rates_beside_the_firm", consultant_rates_beside_the_firm),
        Trial::test("killed_while_answering_keeps_every_saved_answer", killed_while_answering_keeps_every_saved_answer),
        Trial::test("demo_workspace_screens", demo_workspace_screens),
        Trial::test("damaged_workspace_is_explained_and_another_can_be_made", damaged_workspace_is_explained_and_another_can_be_made),
        Trial::test("backup_and_restore_keep_every_firm", backup_and_restore_keep_every_firm),
        Trial::test("protected_workspace_asks_for_its_passphrase", protected_workspace_asks_for_its_passphrase),
        Trial::test("bench_answer_click_to_saved", bench_answer_click_to_saved),
        Trial::test("plan_what_if_actions_and_report", plan_what_if_actions_and_report),
        Trial::test("centre_imports_a_cli_bundle_and_shows_the_dashboard", centre_imports_a_cli_bundle_and_shows_the_dashboard),
        Trial::test("plan_targets_can_aim_at_similar_firms", plan_targets_can_aim_at_similar_firms),
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

/// A running app. Fields drop in order: the session (which closes the app) before the driver,
/// and the temporary directory (when the app owns one) last.
struct RunningApp {
    session: Session,
    driver: DriverProcess,
    database_path: PathBuf,
    _data_directory: Option<tempfile::TempDir>,
}

impl RunningApp {
    /// Starts the app on an empty workspace of its own.
    fn start(test_name: &str) -> Result<RunningApp, Failed> {
        let data_directory = tempfile::tempdir().map_err(|error| format!("temporary directory: {error}"))?;
        let database_path = data_directory.path().join("jindan.db");
        let mut app = RunningApp::start_in(test_name, data_directory.path(), &database_path)?;
        app._data_directory = Some(data_directory);
        Ok(app)
    }

    /// Starts the app with its data (workspace, webview storage, settings) under `folder`, on the
    /// workspace file `database_path`; a second start on the same folder sees the same data.
    fn start_in(test_name: &str, folder: &Path, database_path: &Path) -> Result<RunningApp, Failed> {
        let application = application_path()?;
        // The webview keeps local storage (the chosen language) under the user's data folder;
        // pointing the XDG folders into the test's folder makes every test start fresh.
        let xdg_data = folder.join("xdg-data");
        let xdg_config = folder.join("xdg-config");
        let xdg_cache = folder.join("xdg-cache");
        let log_path = target_directory().join("e2e-logs").join(format!("{test_name}.log"));
        let environment = [
            ("JINDAN_DB", database_path),
            ("XDG_DATA_HOME", xdg_data.as_path()),
            ("XDG_CONFIG_HOME", xdg_config.as_path()),
            ("XDG_CACHE_HOME", xdg_cache.as_path()),
            // On a machine without a GPU render node the app picks WebKit's plain renderer
            // (src-tauri/src/main.rs), under which WebKitWebDriver's screenshot of a page that
            // has stopped painting never returns. "0" keeps the renderer a GPU machine uses, the
            // one these tests ran on before; app-bench.sh measures the plain one.
            ("WEBKIT_DISABLE_DMABUF_RENDERER", Path::new("0")),
        ];
        let screenshots = target_directory().join("e2e-screens");
        // Under a loaded Xvfb the first GTK connection can fail now and then; one more try with a
        // fresh driver tells that apart from an app that does not start.
        let mut attempt = 0;
        let (driver, session) = loop {
            attempt += 1;
            let driver = DriverProcess::start(&environment, log_path.clone())?;
            match Session::start(&driver.base_url, &application, screenshots.clone()) {
                Ok(session) => break (driver, session),
                Err(error) if attempt >= 2 => return Err(format!("{error}\n--- tauri-driver log ---\n{}", driver.log()).into()),
                Err(error) => eprintln!("{test_name}: the app did not start ({error}); trying once more"),
            }
        };
        // The page is ready once the first screen has drawn with its data.
        session
            .wait_for_script("return document.body.dataset.ready === 'true';", "the first screen", |ready| ready == &Value::Bool(true))
            .map_err(|error| format!("{error}\n--- tauri-driver log ---\n{}", driver.log()))?;
        Ok(RunningApp { session, driver, database_path: database_path.to_path_buf(), _data_directory: None })
    }

    /// Runs the test body; on failure saves a screenshot and adds the driver's log to the message.
    fn check(&self, test_name: &str, body: impl FnOnce(&Session) -> Result<(), Failed>) -> Result<(), Failed> {
        body(&self.session).map_err(|failure| {
            let screenshot = match self.session.screenshot(&format!("{test_name}-failure")) {
                Ok(path) => format!("screenshot: {}", path.display()),
                Err(error) => format!("no screenshot: {error}"),
            };
            let message = failure.message().unwrap_or("failed").to_owned();
            let log = self.driver.log();
            let tail: String = log.lines().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
            format!("{message}\n{screenshot}\n--- tauri-driver log (end) ---\n{tail}").into()
        })
    }
}

// ---- helpers ----

/// Calls a function of `ui/api.js` in the page, e.g. `api.createAssessment({...})`, and returns
/// its result; a rejected call fails with the error's kind and message.
fn api(session: &Session, expression: &str) -> Result<Value, Failed> {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         import(new URL('api.js', document.baseURI).href)
           .then((api) => {expression})
           .then((value) => done({{ ok: value === undefined ? null : value }}), (error) => done({{ error: `${{error.kind}}: ${{error.message}}` }}));"
    );
    let answer = session.execute_async(&script, vec![])?;
    match answer.get("ok") {
        Some(value) => Ok(value.clone()),
        None => Err(format!("{expression}: {}", answer.get("error").cloned().unwrap_or(answer.clone())).into()),
    }
}

/// Goes to `#/…` and waits until that screen has drawn `ready_css`.
fn go(session: &Session, hash: &str, ready_css: &str) -> Result<(), Failed> {
    session.execute(&format!("window.location.hash = {};", Value::from(hash)), vec![])?;
    session.wait_for_element(ready_css, DEFAULT_WAIT)?;
    Ok(())
}

/// Waits until `script` (an expression) is true in the page.
fn wait_until(session: &Session, expression: &str, description: &str) -> Result<(), Failed> {
    session.wait_for_script(&format!("return Boolean({expression});"), description, |value| value == &Value::Bool(true))?;
    Ok(())
}

/// Waits until the question card has saved its latest change.
fn wait_saved(session: &Session, question: &str) -> Result<(), Failed> {
    wait_until(
        session,
        &format!("(() => {{ const c = document.getElementById('q-{question}'); return c && c.dataset.saveState === 'saved'; }})()"),
        &format!("question {question} to be saved"),
    )
}

/// The saved value of a question for a rater, as the card shows it (JSON text).
fn saved_value(session: &Session, question: &str, rater: &str) -> Result<Value, Failed> {
    let field = if rater == "self" { "savedSelf" } else { "savedConsultant" };
    let text = session.execute(&format!("return document.getElementById('q-{question}').dataset.{field};"), vec![])?;
    Ok(serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or(Value::Null))
}

/// The id of the question that has the keyboard focus.
fn focused_question(session: &Session) -> Result<Value, Failed> {
    Ok(session.execute("return document.activeElement?.closest('.question')?.dataset.question ?? null;", vec![])?)
}

fn shot(session: &Session, name: &str) -> Result<(), Failed> {
    let path = session.screenshot(name)?;
    println!("screenshot: {}", path.display());
    Ok(())
}

/// Adds a firm and starts an assessment through the UI's own API calls; returns (firm, assessment).
fn firm_with_assessment(session: &Session, name: &str, questionnaire: &str, mode: &str) -> Result<(i64, i64), Failed> {
    let firm = api(session, &format!("api.saveOrganization({{ name: {} }}, null)", Value::from(name)))?;
    let firm = firm.as_i64().ok_or("no firm id")?;
    let assessment = api(
        session,
        &format!("api.createAssessment({{ organizationId: {firm}, questionnaire: '{questionnaire}', mode: '{mode}', assessor: null }})"),
    )?;
    Ok((firm, assessment.as_i64().ok_or("no assessment id")?))
}

fn home_shows_the_empty_workspace_and_switches_language() -> Result<(), Failed> {
    let app = RunningApp::start("home")?;
    app.check("home", |session| {
        session.wait_for_exact_text("#app-title", "Jindan 진단")?;
        session.wait_for_exact_text("#nav-home", "기업과 평가")?;
        session.wait_for_exact_text(".page-title", "기업과 평가")?;
        session.wait_for_text("#assessments-empty", "the empty state", |text| text.contains("아직 등록된 기업이 없습니다"))?;
        session.wait_for_element("#empty-add-firm", DEFAULT_WAIT)?;
        session.wait_for_element("#load-demo", DEFAULT_WAIT)?;

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
        // The version comes from `app_info`, so seeing it proves that IPC works under the CSP.
        session.wait_for_exact_text("#sidebar-version", &format!("v{}", env!("CARGO_PKG_VERSION")))?;
        // Screens save and open files and show reports through these plugin APIs.
        let plugins = session.execute(
            "const api = window.__TAURI__;
             return [typeof api.core.invoke, typeof api.dialog?.save, typeof api.dialog?.open, typeof api.opener?.openPath];",
            vec![],
        )?;
        assert_eq!(plugins, serde_json::json!(["function", "function", "function", "function"]), "core, dialog and opener APIs");
        let banner_hidden = session.execute("return document.getElementById('error-banner').hidden;", vec![])?;
        assert_eq!(banner_hidden, Value::Bool(true), "no error is shown on a fresh start");
        shot(session, "home-empty-ko")?;

        session.click_css("#lang-en")?;
        session.wait_for_exact_text("#nav-home", "Firms")?;
        session.wait_for_exact_text("#nav-settings", "Settings")?;
        session.wait_for_text("#assessments-empty", "the English empty state", |text| text.contains("No firms yet"))?;
        let language = session.execute("return document.documentElement.lang;", vec![])?;
        assert_eq!(language, Value::from("en"));
        shot(session, "home-empty-en")?;

        session.click_css("#lang-ko")?;
        session.wait_for_exact_text("#nav-home", "기업과 평가")?;

        // Without assessments, the plan and report screens say what to do first.
        for (link, marker) in [("#nav-plan", "#plan-picker-empty"), ("#nav-report", "#report-picker-empty")] {
            session.click_css(link)?;
            session.wait_for_element(marker, DEFAULT_WAIT)?;
        }
        Ok(())
    })
}

fn settings_screen_opens_from_navigation() -> Result<(), Failed> {
    let app = RunningApp::start("settings")?;
    app.check("settings", |session| {
        session.wait_for_exact_text("#nav-settings", "설정")?;
        session.click_css("#nav-settings")?;
        session.wait_for_exact_text(".page-title", "설정")?;
        session.wait_for_exact_text("#settings-db-path", &app.database_path.display().to_string())?;
        let current = session.execute("return document.querySelector('#nav-settings').getAttribute('aria-current');", vec![])?;
        assert_eq!(current, Value::from("page"), "the settings link is marked as the current page");
        session.wait_for_element("#settings-backup", DEFAULT_WAIT)?;
        session.wait_for_element("#settings-restore", DEFAULT_WAIT)?;
        session.wait_for_element("#settings-open-workspace", DEFAULT_WAIT)?;
        shot(session, "settings-ko")?;
        Ok(())
    })
}

/// The whole way through, as a factory manager would go: a firm (with a refused business number
/// first), the quick scan answered by clicks and by keys with a note, the results, completion, a
/// re-assessment and the comparison in History.
fn diagnosis_from_new_firm_to_reassessment() -> Result<(), Failed> {
    let app = RunningApp::start("diagnosis")?;
    app.check("diagnosis", |session| {
        // ---- the firm ----
        session.click_css("#empty-add-firm")?;
        session.wait_for_element("#firm-form", DEFAULT_WAIT)?;
        session.type_into("#firm-name", "(주)한빛정밀")?;
        session.type_into("#firm-business-number", "220-81-62518")?;
        session.wait_for_text("#firm-business-number-status", "the check-digit reason", |text| text.contains("검증 번호"))?;
        let state = session.execute("return document.getElementById('firm-business-number-status').dataset.state;", vec![])?;
        assert_eq!(state, Value::from("invalid"));
        session.click_css("#firm-save")?;
        wait_until(session, "document.activeElement?.id === 'firm-business-number'", "the focus back on the refused number")?;
        session.wait_for_text("#firm-business-number-status", "the refusal beside the field", |text| text.contains("검증 번호"))?;
        session.execute("window.scrollTo(0, 0);", vec![])?;
        shot(session, "firm-form-refused")?;
        assert!(session.find("#firm-form").is_ok(), "a refused firm stays on the form");

        session.type_into("#firm-business-number", "2208162517")?;
        session.wait_for_text("#firm-business-number-status", "the number accepted", |text| text.contains("220-81-62517"))?;
        session.execute(
            "document.getElementById('firm-ksic').value = '29';
             document.getElementById('firm-sido').value = '대구';",
            vec![],
        )?;
        session.type_into("#firm-employees", "84")?;
        session.type_into("#firm-complex", "성서산업단지")?;
        shot(session, "firm-form")?;
        session.click_css("#firm-save")?;
        session.wait_for_text(".firm-card .firm-name", "the new firm on home", |text| text.contains("(주)한빛정밀"))?;
        session.wait_for_text(".firm-card .firm-facts", "the firm's details", |text| text.contains("220-81-62517") && text.contains("대구"))?;

        // ---- a quick scan ----
        session.click_css(".firm-card [data-action='new-assessment']")?;
        session.click_css("#new-questionnaire-kr-mfg-quick-scan")?;
        session.type_into("#new-assessor", "생산관리팀 이수진")?;
        session.click_css("#new-assessment-dialog-confirm")?;
        session.wait_for_element(".question", DEFAULT_WAIT)?;
        let assessment_id = session.execute("return Number(location.hash.split('/')[2]);", vec![])?.as_i64().ok_or("assessment id")?;
        let cards = session.execute(
            "return [...document.querySelectorAll('.question')].map((c) => [c.dataset.question, c.dataset.type]);",
            vec![],
        )?;
        let cards: Vec<(String, String)> = serde_json::from_value(cards).map_err(|e| e.to_string())?;
        assert_eq!(cards.len(), 17, "the quick scan has 17 questions");
        assert_eq!(focused_question(session)?, Value::from(cards[0].0.clone()), "a new assessment opens on its first question");

        for (index, (question, kind)) in cards.iter().enumerate() {
            let card = format!("#q-{question}");
            let by_keyboard = index % 2 == 1;
            if index > 0 {
                // Arrow down moves to the next question, across dimensions.
                session.press_keys(&[keys::ARROW_DOWN])?;
                session.wait_for_script(
                    "return document.activeElement?.closest('.question')?.dataset.question ?? null;",
                    &format!("the focus on {question}"),
                    |focused| focused == &Value::from(question.clone()),
                )?;
            }
            match (kind.as_str(), by_keyboard) {
                ("single", false) => session.click_css(&format!("{card} .option[data-rater='self']:nth-child(3)"))?,
                ("single", true) => session.press_keys(&["2"])?,
                ("multi", _) => {
                    // Two choices, then "none of these" clears them, then one choice clears it.
                    session.click_css(&format!("{card} .option[data-rater='self']:nth-child(1)"))?;
                    session.click_css(&format!("{card} .option[data-rater='self']:nth-child(2)"))?;
                    session.click_css(&format!("{card} .option-exclusive"))?;
                    wait_until(
                        session,
                        &format!("document.querySelectorAll(\"{card} .option[aria-checked='true']\").length === 1 && document.querySelector(\"{card} .option-exclusive\").getAttribute('aria-checked') === 'true'"),
                        "only 'none' chosen",
                    )?;
                    session.click_css(&format!("{card} .option[data-rater='self']:nth-child(1)"))?;
                    session.press_keys(&["3"])?;
                }
                ("grid", _) => session.press_keys(&["4", "4", "3", "2", "5"])?,
                ("numeric", _) => {
                    // A nonsense value is refused in plain words and not saved.
                    session.press_keys(&[keys::ENTER])?;
                    session.press_keys(&["1", "5", "0", keys::ENTER])?;
                    session.wait_for_text(&format!("{card} .question-problem"), "the range message", |text| text.contains("0에서 100"))?;
                    assert_eq!(saved_value(session, question, "self")?, Value::Null, "150 % is not saved");
                    session.type_into(&format!("{card} .numeric-input"), "40")?;
                    session.press_keys(&[keys::ENTER])?;
                    wait_until(session, &format!("document.querySelector('{card} .question-problem').hidden"), "the message to go")?;
                    session.press_keys(&[keys::ESCAPE])?;
                }
                ("text", _) => {
                    session.press_keys(&[keys::ENTER])?;
                    wait_until(session, "document.activeElement?.classList.contains('text-answer')", "Enter to reach the text field")?;
                    session.type_into(&format!("{card} .text-answer"), "월말 집계에 이틀이 걸림")?;
                    session.press_keys(&[keys::ESCAPE])?;
                }
                (other, _) => return Err(format!("unexpected question type {other}").into()),
            }
            wait_saved(session, question)?;
            assert_ne!(saved_value(session, question, "self")?, Value::Null, "{question} is saved");
            if index == 0 {
                // A note and the evidence seen, saved when the field is left.
                session.type_into(&format!("{card} .note-input"), "로드맵 초안만 있음")?;
                session.type_into(&format!("{card} .evidence-input"), "2026 사업계획서 p.12")?;
                session.press_keys(&[keys::TAB])?;
                wait_saved(session, question)?;
                session.execute(&format!("document.querySelector('{card}').focus();"), vec![])?;
            }
            if index == 2 {
                session.execute("window.scrollTo(0, 0);", vec![])?;
                shot(session, "answering")?;
            }
        }
        let ai_use = saved_value(session, "qs-ai-use", "self")?;
        let chosen = ai_use.as_array().ok_or("qs-ai-use is a list")?;
        assert_eq!(chosen.len(), 2, "two uses chosen: {ai_use}");
        assert!(!chosen.contains(&Value::from("none")), "'none' left when another was chosen: {ai_use}");
        assert_eq!(saved_value(session, "qs-machine-connectivity", "self")?, serde_json::json!(40));
        assert_eq!(saved_value(session, "qs-systems-adoption", "self")?.as_object().map(|rows| rows.len()), Some(5));
        wait_until(session, "document.getElementById('answer-progress').dataset.percent === '100'", "progress at 100 %")?;
        session.wait_for_text("#save-status", "the saved time", |text| text.starts_with("저장됨 ") && text.len() > "저장됨 ".len())?;
        session.click_css(".dimension-link[data-dimension='systems']")?;
        session.execute("document.getElementById('q-qs-systems-adoption').scrollIntoView({ block: 'start' });", vec![])?;
        shot(session, "answering-grid")?;

        // Everything answered is on disk: the CLI's store sees the note too.
        let mut store = jindan::store::Store::open(&app.database_path).map_err(|e| e.to_string())?;
        let answers = store.answers(assessment_id).map_err(|e| e.to_string())?;
        assert_eq!(answers.answers.len(), 17);
        assert_eq!(answers.answers["qs-dx-plan"].note.as_deref(), Some("로드맵 초안만 있음"));
        assert_eq!(answers.answers["qs-dx-plan"].evidence.as_deref(), Some("2026 사업계획서 p.12"));
        drop(store);

        // ---- results ----
        session.execute("window.scrollTo(0, 0);", vec![])?;
        session.click_css("#to-results-top")?;
        session.wait_for_element("#overall-card", DEFAULT_WAIT)?;
        let level = session.execute("return document.getElementById('overall-level').dataset.level;", vec![])?;
        assert_ne!(level, Value::from("none"), "an overall level is shown");
        let radar = session.execute(
            "const svg = document.getElementById('radar-chart');
             return svg ? [svg.querySelectorAll('.radar-ring').length, svg.querySelectorAll('.radar-area').length, svg.querySelectorAll('.radar-label').length] : null;",
            vec![],
        )?;
        assert_eq!(radar, serde_json::json!([5, 1, 8]), "the radar: five rings, one series, eight axes");
        let cards = session.execute("return document.querySelectorAll('.dimension-card').length;", vec![])?;
        assert_eq!(cards, Value::from(8));
        shot(session, "results")?;
        session.execute("document.getElementById('dimension-cards').scrollIntoView();", vec![])?;
        shot(session, "results-dimensions")?;

        // Complete it.
        session.click_css("#complete-assessment")?;
        session.click_css("#complete-dialog-confirm")?;
        session.wait_for_element(".page-actions .status-completed", DEFAULT_WAIT)?;
        session.wait_for_element("#reopen-assessment", DEFAULT_WAIT)?;

        // ---- a re-assessment a while later ----
        session.click_css("#nav-home")?;
        session.click_css(&format!("tr[data-assessment='{assessment_id}'] [data-action='reassess']"))?;
        session.wait_for_text("#reassess-dialog", "the explanation", |text| text.contains("복사하지 않고"))?;
        session.click_css("#reassess-dialog-confirm")?;
        session.wait_for_script(
            "return Number(location.hash.split('/')[2]);",
            "the re-assessment to open",
            |id| id.as_i64().is_some_and(|id| id != assessment_id),
        )?;
        session.wait_for_element(".question", DEFAULT_WAIT)?;
        let hints = session.execute("return document.querySelectorAll('.previous-answer').length;", vec![])?;
        assert!(hints.as_u64().unwrap_or(0) >= 16, "the earlier answers are shown for reference: {hints}");
        // All by keyboard this time, each a step better.
        let cards = session.execute("return [...document.querySelectorAll('.question')].map((c) => [c.dataset.question, c.dataset.type]);", vec![])?;
        let cards: Vec<(String, String)> = serde_json::from_value(cards).map_err(|e| e.to_string())?;
        for (index, (question, kind)) in cards.iter().enumerate() {
            if index > 0 {
                session.press_keys(&[keys::ARROW_DOWN])?;
            }
            match kind.as_str() {
                "single" => session.press_keys(&["4"])?,
                "multi" => session.press_keys(&["1", "2", "3"])?,
                "grid" => session.press_keys(&["5", "5", "4", "4", "5"])?,
                "numeric" => session.press_keys(&[keys::ENTER, "6", "5", keys::ENTER, keys::ESCAPE])?,
                _ => continue,
            }
            wait_saved(session, question)?;
        }
        let organization = session.execute("return location.hash;", vec![])?;
        println!("re-assessment at {organization}");
        session.execute("window.scrollTo(0, 0);", vec![])?;
        session.click_css("#to-results-top")?;
        session.click_css("#to-history")?;
        session.wait_for_element("#comparison-table", DEFAULT_WAIT)?;
        let rows = session.execute("return document.querySelectorAll('#comparison-table tbody tr').length;", vec![])?;
        assert_eq!(rows, Value::from(8), "every dimension is compared");
        session.wait_for_text("#overall-change", "a rise", |text| text.contains('+'))?;
        let series = session.execute("return document.querySelectorAll('#history-radar .radar-area').length;", vec![])?;
        assert_eq!(series, Value::from(2), "T1 over T0 on the radar");
        shot(session, "history")?;

        // English everywhere, questionnaire texts included.
        session.click_css("#lang-en")?;
        session.wait_for_text("#comparison", "English", |text| text.contains("Change"))?;
        shot(session, "history-en")?;
        go(session, &format!("#/answer/{assessment_id}"), ".question")?;
        session.wait_for_script(
            "return document.getElementById('q-qs-dx-plan-text').textContent;",
            "the English question",
            |text| text.as_str().is_some_and(|text| text.contains("digital and AI transformation")),
        )?;
        shot(session, "answering-en")?;
        Ok(())
    })
}
fn command_errors_show_in_the_banner() -> Result<(), Failed> {
    let app = RunningApp::start("errors")?;
    app.check("errors", |session| {
        session.wait_for_exact_text("#nav-home", "기업과 평가")?;
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

/// N/A where the questionnaire allows it (the full questionnaire; the quick scan has none), and
/// skip logic applied as answers change.
fn not_applicable_and_live_skip_logic() -> Result<(), Failed> {
    let app = RunningApp::start("not-applicable")?;
    app.check("not-applicable", |session| {
        let (_, assessment) = firm_with_assessment(session, "대성사출(주)", "kr-mfg-ai-readiness", "self")?;
        go(session, &format!("#/answer/{assessment}"), "#q-sys-mes")?;
        session.click_css(".dimension-link[data-dimension='systems']")?;
        let hidden = "document.getElementById('q-sys-mes-erp').hidden";
        wait_until(session, hidden, "the MES–ERP question hidden while MES is unanswered")?;
        session.click_css("#q-sys-mes .option[data-option='mes'][data-rater='self']")?;
        wait_until(session, &format!("!{hidden}"), "the MES–ERP question to appear")?;
        shot(session, "skip-logic-shown")?;
        session.click_css("#q-sys-mes .option[data-rater='self']:nth-child(1)")?;
        wait_until(session, hidden, "the MES–ERP question to go again")?;

        // N/A by key on a question that allows it.
        session.execute("document.getElementById('q-sys-plm').focus();", vec![])?;
        session.press_keys(&["0"])?;
        wait_saved(session, "sys-plm")?;
        assert_eq!(saved_value(session, "sys-plm", "self")?, Value::from("n/a"));
        let pressed = session.execute("return document.querySelector(\"#q-sys-plm .option[data-option='n/a']\").getAttribute('aria-checked');", vec![])?;
        assert_eq!(pressed, Value::from("true"));
        session.execute("document.getElementById('q-sys-plm').scrollIntoView({ block: 'center' });", vec![])?;
        shot(session, "not-applicable")?;
        // Arrows: up to the previous question on show, right and left across dimensions.
        session.press_keys(&[keys::ARROW_UP])?;
        let previous = session.execute(
            "const cards = [...document.querySelectorAll('.question')].filter((c) => !c.hidden);
             return cards[cards.findIndex((c) => c.id === 'q-sys-plm') - 1].dataset.question;",
            vec![],
        )?;
        session.wait_for_script("return document.activeElement?.dataset?.question ?? null;", "the previous question", |q| q == &previous)?;
        session.press_keys(&[keys::ARROW_RIGHT])?;
        session.wait_for_script("return document.activeElement?.dataset?.dimension ?? null;", "the next dimension", |d| d == &Value::from("data"))?;
        session.press_keys(&[keys::ARROW_LEFT])?;
        session.wait_for_script("return document.activeElement?.dataset?.dimension ?? null;", "back to systems", |d| d == &Value::from("systems"))?;
        // A question without N/A ignores the key.
        session.execute("document.getElementById('q-sys-mes').focus();", vec![])?;
        session.press_keys(&["n"])?;
        std::thread::sleep(Duration::from_millis(300));
        assert_ne!(saved_value(session, "sys-mes", "self")?, Value::from("n/a"));

        // N/A leaves the denominator: the results say so without a penalty.
        go(session, &format!("#/results/{assessment}"), "#overall-card")?;
        session.wait_for_text(".dimension-card[data-dimension='systems'] .dimension-meta", "one N/A", |text| text.contains("해당 없음 1"))?;
        Ok(())
    })
}

/// In consultant mode the firm's answer and the consultant's rating sit side by side; Shift with
/// a number key rates for the consultant, and a wide gap shows on the results.
fn consultant_rates_beside_the_firm() -> Result<(), Failed> {
    let app = RunningApp::start("consultant")?;
    app.check("consultant", |session| {
        let (_, assessment) = firm_with_assessment(session, "미래모빌리티부품(주)", "kr-mfg-quick-scan", "consultant")?;
        go(session, &format!("#/answer/{assessment}"), "#q-qs-dx-plan")?;
        let raters = session.execute("return document.querySelectorAll('#q-qs-dx-plan .rater').length;", vec![])?;
        assert_eq!(raters, Value::from(2), "two ratings side by side");
        session.execute("document.getElementById('q-qs-dx-plan').focus();", vec![])?;
        session.press_keys(&["6"])?;
        wait_saved(session, "qs-dx-plan")?;
        session.press_keys(&[keys::SHIFT, "2"])?;
        session.wait_for_script(
            "return document.getElementById('q-qs-dx-plan').dataset.savedConsultant;",
            "the consultant's rating saved",
            |value| value != &Value::from("null"),
        )?;
        assert_eq!(saved_value(session, "qs-dx-plan", "self")?, Value::from("strategic"));
        assert_eq!(saved_value(session, "qs-dx-plan", "consultant")?, Value::from("talk"));
        session.type_into("#q-qs-dx-plan .note-input", "전략 문서 없음, 대표 면담으로 확인")?;
        session.press_keys(&[keys::TAB])?;
        wait_saved(session, "qs-dx-plan")?;
        session.execute("window.scrollTo(0, 0);", vec![])?;
        shot(session, "answering-consultant")?;
        go(session, &format!("#/results/{assessment}"), "#overall-card")?;
        session.wait_for_element("#disagreements", DEFAULT_WAIT)?;
        Ok(())
    })
}

/// Answers are clicked in quick succession, the app is killed (SIGKILL) in the middle, and a new
/// start on the same workspace shows every answer that was shown as saved, and resumes after the
/// last one.
fn killed_while_answering_keeps_every_saved_answer() -> Result<(), Failed> {
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    let database = folder.path().join("jindan.db");
    let (assessment, snapshot) = {
        let app = RunningApp::start_in("crash-before", folder.path(), &database)?;
        let mut outcome = None;
        app.check("crash-before", |session| {
            let (_, assessment) = firm_with_assessment(session, "동해금속", "kr-mfg-ai-readiness", "self")?;
            go(session, &format!("#/answer/{assessment}"), ".question")?;
            let pid = api(session, "api.appInfo().then((info) => info.process_id)")?.as_u64().ok_or("no process id")?;
            // One answer per single-choice question, every 15 ms, in questionnaire order.
            session.execute(
                "const cards = [...document.querySelectorAll(\".question[data-type='single']\")];
                 cards.forEach((card, i) => setTimeout(() => card.querySelector(\".option[data-rater='self']:nth-child(2)\").click(), i * 15));",
                vec![],
            )?;
            std::thread::sleep(Duration::from_millis(450));
            let snapshot = session.execute(
                "return [...document.querySelectorAll('.question')].map((c) => [c.dataset.question, c.dataset.savedSelf, c.dataset.saveState ?? '']);",
                vec![],
            )?;
            let killed = std::process::Command::new("kill").args(["-KILL", &pid.to_string()]).status().map_err(|e| e.to_string())?;
            assert!(killed.success(), "kill -KILL {pid}");
            outcome = Some((assessment, snapshot));
            Ok(())
        })?;
        outcome.ok_or("no snapshot")?
    };
    let snapshot: Vec<(String, String, String)> = serde_json::from_value(snapshot).map_err(|e| e.to_string())?;
    let shown_saved: Vec<&(String, String, String)> = snapshot.iter().filter(|(_, value, _)| value != "null").collect();
    let in_flight = snapshot.iter().filter(|(_, _, state)| state == "saving").count();
    println!("before the kill: {} answers shown as saved, {in_flight} being saved", shown_saved.len());
    assert!(!shown_saved.is_empty(), "some answers were saved before the kill");

    let app = RunningApp::start_in("crash-after", folder.path(), &database)?;
    app.check("crash-after", |session| {
        go(session, &format!("#/answer/{assessment}"), ".question")?;
        for (question, value, _) in &shown_saved {
            let now = session.execute(&format!("return document.getElementById('q-{question}').dataset.savedSelf;"), vec![])?;
            assert_eq!(now.as_str(), Some(value.as_str()), "{question} was shown as saved before the kill");
        }
        // It resumes after the last saved answer (answers were saved in questionnaire order): at
        // the first question on show and not answered after it.
        let resume = session.execute(
            "const cards = [...document.querySelectorAll('.question')];
             const last = cards.map((c) => c.dataset.answered === 'true').lastIndexOf(true);
             return cards.slice(last + 1).find((c) => !c.hidden && c.dataset.answered !== 'true')?.dataset.question ?? null;",
            vec![],
        )?;
        let focused = focused_question(session)?;
        assert_eq!(focused, resume, "resumes where the user left off");
        shot(session, "resumed-after-kill")?;
        Ok(())
    })
}

/// The demo workspace: every main screen draws with realistic data (these are the screenshots in
/// docs/), at 1280×800 and at 1920×1080.
fn demo_workspace_screens() -> Result<(), Failed> {
    let app = RunningApp::start("demo")?;
    app.check("demo", |session| {
        session.click_css("#load-demo")?;
        session.wait_for_script("return document.querySelectorAll('.firm-card').length;", "the five demo firms", |n| n == &Value::from(5))?;
        shot(session, "home")?;
        // Search narrows the list.
        session.type_into("#firm-search", "성서")?;
        session.wait_for_script("return document.querySelectorAll('.firm-card').length;", "one firm found", |n| n == &Value::from(1))?;
        let firm = session.execute("return Number(document.querySelector('.firm-card').dataset.organization);", vec![])?;
        let latest = session.execute("return Number(document.querySelector('.firm-card tbody tr').dataset.assessment);", vec![])?;
        let search = session.find("#firm-search")?;
        session.clear(&search)?;
        session.wait_for_script("return document.querySelectorAll('.firm-card').length;", "all firms again", |n| n == &Value::from(5))?;

        go(session, &format!("#/results/{latest}"), "#radar-chart")?;
        let series = session.execute("return document.querySelectorAll('#radar-chart .radar-area').length;", vec![])?;
        assert_eq!(series, Value::from(2), "a re-assessment shows the earlier shape too");
        shot(session, "results-demo")?;
        session.execute("const top = document.getElementById('dimension-cards').getBoundingClientRect().top; window.scrollBy(0, top - 90);", vec![])?;
        shot(session, "results-demo-dimensions")?;
        go(session, &format!("#/history/{firm}"), "#comparison-table")?;
        shot(session, "history-demo")?;
        session.execute("const top = document.getElementById('comparison').getBoundingClientRect().top; window.scrollBy(0, top - 76);", vec![])?;
        shot(session, "history-demo-comparison")?;
        go(session, &format!("#/firm/{firm}"), "#firm-form")?;
        shot(session, "firm-edit")?;

        // The draft of the smallest firm resumes where it stopped.
        go(session, "#/home", ".firm-card")?;
        session.click_css("tr[data-status='draft'] [data-action='resume']")?;
        session.wait_for_element(".question.active", DEFAULT_WAIT)?;
        shot(session, "answering-demo")?;

        // The smallest window the screens are made for, and a large one.
        if session.set_window_size(1280, 720).is_ok() {
            std::thread::sleep(Duration::from_millis(400));
            shot(session, "answering-1280x720")?;
            go(session, &format!("#/results/{latest}"), "#radar-chart")?;
            shot(session, "results-1280x720")?;
        }
        if session.set_window_size(1920, 1080).is_ok() {
            std::thread::sleep(Duration::from_millis(400));
            go(session, "#/home", ".firm-card")?;
            shot(session, "home-1920")?;
            go(session, &format!("#/results/{latest}"), "#radar-chart")?;
            shot(session, "results-1920")?;
            session.click_css("#back-to-answers")?;
            session.wait_for_element(".question", DEFAULT_WAIT)?;
            shot(session, "answering-1920")?;
        }
        Ok(())
    })
}

/// A file that is not a workspace: the app starts anyway, says so in plain words, leaves the file
/// alone and makes a new workspace on request.
fn damaged_workspace_is_explained_and_another_can_be_made() -> Result<(), Failed> {
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    let damaged = folder.path().join("damaged.db");
    let garbage = "this is a spreadsheet export, not a Jindan workspace\n".repeat(200);
    std::fs::write(&damaged, &garbage).map_err(|error| error.to_string())?;
    let app = RunningApp::start_in("damaged", folder.path(), &damaged)?;
    app.check("damaged", |session| {
        session.wait_for_text("#workspace-problem", "the plain explanation", |text| text.contains("Jindan 작업 공간이 아니거나 손상"))?;
        session.wait_for_element("#problem-open", DEFAULT_WAIT)?;
        session.wait_for_element("#problem-create", DEFAULT_WAIT)?;
        shot(session, "workspace-problem")?;
        // The dialog is the system's; the command behind it is called as the dialog would.
        let fresh = folder.path().join("fresh.db");
        let refused = api(session, &format!("api.createWorkspace({})", Value::from(damaged.display().to_string())));
        assert!(refused.is_err(), "an existing file is not overwritten by 'create'");
        api(session, &format!("api.createWorkspace({})", Value::from(fresh.display().to_string())))?;
        go(session, "#/home", "#assessments-empty")?;
        Ok(())
    })?;
    assert_eq!(std::fs::read_to_string(&damaged).map_err(|error| error.to_string())?, garbage, "the damaged file is untouched");
    Ok(())
}

/// A workspace protected by a passphrase opens to a passphrase field; a wrong passphrase is said
/// plainly and the right one opens it.
fn protected_workspace_asks_for_its_passphrase() -> Result<(), Failed> {
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    let protected = folder.path().join("protected.db");
    {
        let store = jindan::store::Store::open_with_passphrase(&protected, Some("공장-2026")).map_err(|e| e.to_string())?;
        let firm = jindan::store::OrganizationInput { name: "암호로 보호된 기업".into(), ..Default::default() };
        store.add_organization(&firm, chrono_now()).map_err(|e| e.to_string())?;
    }
    let app = RunningApp::start_in("protected", folder.path(), &protected)?;
    app.check("protected", |session| {
        session.wait_for_text("#workspace-problem", "the passphrase request", |text| text.contains("암호로 보호"))?;
        session.type_into("#unlock-passphrase", "wrong")?;
        session.click_css("#unlock-open")?;
        session.wait_for_text("#unlock-problem", "the wrong-passphrase message", |text| text.contains("암호가 맞지 않습니다"))?;
        shot(session, "workspace-passphrase")?;
        session.type_into("#unlock-passphrase", "공장-2026")?;
        session.click_css("#unlock-open")?;
        session.wait_for_text(".firm-card .firm-name", "the firm inside", |text| text.contains("암호로 보호된 기업"))?;
        Ok(())
    })
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// A backup is a full copy; restoring it replaces the workspace and keeps the replaced contents.
fn backup_and_restore_keep_every_firm() -> Result<(), Failed> {
    let app = RunningApp::start("backup")?;
    app.check("backup", |session| {
        let folder = app.database_path.parent().ok_or("no folder")?.to_path_buf();
        let backup = folder.join("backup.db");
        api(session, "api.saveOrganization({ name: '백업 전 기업' }, null)")?;
        api(session, &format!("api.backupWorkspace({})", Value::from(backup.display().to_string())))?;
        assert!(backup.is_file(), "the backup file exists");
        api(session, "api.saveOrganization({ name: '백업 후 기업' }, null)")?;
        let outcome = api(session, &format!("api.restoreWorkspace({})", Value::from(backup.display().to_string())))?;
        assert_eq!(outcome["organizations"], Value::from(1));
        let kept = PathBuf::from(outcome["kept_copy"].as_str().ok_or("no kept copy")?);
        assert!(kept.is_file(), "the replaced contents are kept at {}", kept.display());
        go(session, "#/home", ".firm-card")?;
        let names = session.execute("return [...document.querySelectorAll('.firm-name')].map((n) => n.textContent);", vec![])?;
        assert_eq!(names, serde_json::json!(["백업 전 기업"]));
        // The kept copy opens as a workspace of its own, with both firms.
        api(session, &format!("api.openWorkspace({})", Value::from(kept.display().to_string())))?;
        go(session, "#/settings", "#settings-db-path")?;
        session.wait_for_exact_text("#settings-db-path", &kept.display().to_string())?;
        go(session, "#/home", ".firm-card")?;
        session.wait_for_script("return document.querySelectorAll('.firm-card').length;", "both firms in the kept copy", |n| n == &Value::from(2))?;
        // A file that is not a workspace is refused and changes nothing.
        let text = folder.join("notes.txt");
        std::fs::write(&text, "not a workspace").map_err(|e| e.to_string())?;
        assert!(api(session, &format!("api.restoreWorkspace({})", Value::from(text.display().to_string()))).is_err());
        assert!(api(session, &format!("api.openWorkspace({})", Value::from(text.display().to_string()))).is_err());
        go(session, "#/home", ".firm-card")?;
        session.wait_for_script("return document.querySelectorAll('.firm-card').length;", "still both firms", |n| n == &Value::from(2))?;
        Ok(())
    })
}

/// Time from a click on an answer to the "saved" state on screen, measured in the page with
/// performance.now(); printed and written to target/e2e-bench/answer-click-to-saved.txt.
fn bench_answer_click_to_saved() -> Result<(), Failed> {
    let app = RunningApp::start("bench")?;
    app.check("bench", |session| {
        let (_, assessment) = firm_with_assessment(session, "측정용 기업", "kr-mfg-ai-readiness", "self")?;
        go(session, &format!("#/answer/{assessment}"), ".question")?;
        session.set_script_timeout(Duration::from_secs(180))?;
        let samples = session.execute_async(
            "const done = arguments[arguments.length - 1];
             const status = document.getElementById('save-status');
             const card = document.querySelector(\".question[data-type='single']\");
             const options = card.querySelectorAll(\".option[data-rater='self']\");
             const times = [];
             const once = (i) => new Promise((resolve) => {
               const before = Number(status.dataset.savedCount);
               const observer = new MutationObserver(() => {
                 if (Number(status.dataset.savedCount) > before && status.dataset.state === 'saved') {
                   observer.disconnect();
                   resolve(performance.now() - started);
                 }
               });
               observer.observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
               const started = performance.now();
               options[i % 2 + 1].click();
             });
             (async () => {
               for (let i = 0; i < 40; i += 1) {
                 times.push(await once(i));
                 await new Promise((r) => requestAnimationFrame(() => r()));
               }
               done(times);
             })();",
            vec![],
        )?;
        let mut times: Vec<f64> = serde_json::from_value(samples).map_err(|e| e.to_string())?;
        times.sort_by(f64::total_cmp);
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        let line = format!(
            "answer click to saved state: n={} median={:.1} ms p95={:.1} ms max={:.1} ms (app {})",
            times.len(),
            at(0.5),
            at(0.95),
            times[times.len() - 1],
            application_path()?.display()
        );
        println!("{line}");
        let folder = target_directory().join("e2e-bench");
        std::fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
        std::fs::write(folder.join("answer-click-to-saved.txt"), format!("{line}\n")).map_err(|e| e.to_string())?;
        assert!(at(0.5) < 500.0, "{line}");
        Ok(())
    })
}

// ---- plan, report, peers and the regional centre ----

/// The id of the demo's first completed assessment.
fn first_completed_assessment(session: &Session) -> Result<i64, Failed> {
    let id = api(session, "api.workspaceOverview('').then((firms) => firms.flatMap((f) => f.assessments).find((a) => a.status === 'completed').id)")?;
    Ok(id.as_i64().ok_or("no completed assessment in the demo")?)
}

/// Replaces the system's save dialog with one that answers `path`, and the opener with one that
/// records what it was asked to open: the native dialogs cannot be driven through WebDriver.
fn answer_save_dialog_with(session: &Session, path: &Path) -> Result<(), Failed> {
    session.execute(
        "const path = arguments[0];
         window.__TAURI__.dialog.save = async () => path;
         window.__TAURI__.opener.openPath = async (opened) => { window.__openedByTest = opened; };",
        vec![Value::from(path.display().to_string())],
    )?;
    Ok(())
}

/// The plan of a demo assessment: ticking what-if steps moves a level, actions are made from the
/// plan and their status saves; the report screen writes a PDF where the "dialog" says.
fn plan_what_if_actions_and_report() -> Result<(), Failed> {
    let app = RunningApp::start("plan")?;
    app.check("plan", |session| {
        session.click_css("#load-demo")?;
        session.wait_for_script("return document.querySelectorAll('.firm-card').length;", "the five demo firms", |n| n == &Value::from(5))?;
        let id = first_completed_assessment(session)?;

        go(session, &format!("#/plan/{id}"), "#roadmap .step-card")?;
        session.wait_for_element("#investment-total", DEFAULT_WAIT)?;
        session.wait_for_element("#whatif-empty", DEFAULT_WAIT)?;
        // Expired programmes are marked where a step lists them.
        let steps = session.execute("return Array.from(document.querySelectorAll('.step-card'), (c) => c.dataset.step);", vec![])?;
        let steps: Vec<String> = steps.as_array().ok_or("no steps")?.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect();
        assert!(!steps.is_empty(), "the demo assessment has a plan");
        shot(session, "plan")?;

        // Tick steps in roadmap order until a level moves.
        let mut moved = false;
        for (count, step) in steps.iter().enumerate() {
            session.click_css(&format!("#whatif-{step}"))?;
            wait_until(
                session,
                &format!("document.getElementById('whatif').dataset.busy === 'false' && document.getElementById('whatif').dataset.steps === '{}'", count + 1),
                "the what-if result",
            )?;
            let levels = session.execute("return document.querySelectorAll(\"#whatif-table tr[data-level-moved='true']\").length;", vec![])?;
            if levels.as_u64().unwrap_or(0) > 0 {
                moved = true;
                break;
            }
        }
        assert!(moved, "ticking the plan's steps moves at least one level");
        session.execute("document.getElementById('whatif').scrollIntoView({ block: 'center' });", vec![])?;
        shot(session, "plan-what-if")?;

        // Actions from the plan; a status change saves at once, a bad date is refused in Rust.
        session.click_css("#create-actions")?;
        session.wait_for_element("#actions-table tbody tr", DEFAULT_WAIT)?;
        let action = session.execute("return Number(document.querySelector('#actions-table tbody tr').dataset.action);", vec![])?;
        let action = action.as_i64().ok_or("no action id")?;
        session.execute(
            &format!("const s = document.getElementById('action-{action}-status'); s.value = 'doing'; s.dispatchEvent(new Event('change'));"),
            vec![],
        )?;
        wait_until(session, &format!("document.getElementById('action-{action}').dataset.status === 'doing' && document.getElementById('action-{action}').dataset.saveState === 'saved'"), "the status to be saved")?;
        session.type_into(&format!("#action-{action}-owner"), "김과장")?;
        wait_until(session, &format!("document.getElementById('action-{action}').dataset.saveState === 'saved' && document.querySelector('#action-{action} .save-status').textContent.length > 0"), "the owner to be saved")?;
        session.type_into(&format!("#action-{action}-due_date"), "2026-02-30")?;
        wait_until(session, &format!("document.getElementById('action-{action}').dataset.saveState === 'error'"), "the bad date to be refused")?;
        let stored = api(session, &format!("api.planView({id}, {{}}).then((v) => v.actions.find((a) => a.id === {action}))"))?;
        assert_eq!(stored["status"], Value::from("doing"));
        assert_eq!(stored["owner"], Value::from("김과장"));
        assert!(stored["due_date"] != "2026-02-30", "an impossible date is not stored");
        session.type_into(&format!("#action-{action}-due_date"), "2026-12-31")?;
        wait_until(session, &format!("document.getElementById('action-{action}').dataset.saveState === 'saved'"), "the good date to be saved")?;
        session.execute("document.getElementById('actions').scrollIntoView();", vec![])?;
        shot(session, "plan-actions")?;

        // The report: English, saved where the dialog says, opened, fingerprint and pages shown.
        let folder = app.database_path.parent().ok_or("no folder")?.to_path_buf();
        let pdf = folder.join("report-en.pdf");
        go(session, &format!("#/report/{id}"), "#report-generate")?;
        answer_save_dialog_with(session, &pdf)?;
        session.click_css("#report-lang-en")?;
        session.click_css("#report-generate")?;
        session.wait_for_element("#report-outcome:not([hidden]) #report-fingerprint", Duration::from_secs(60))?;
        let bytes = std::fs::read(&pdf).map_err(|error| format!("{}: {error}", pdf.display()))?;
        assert!(bytes.starts_with(b"%PDF"), "the saved file is a PDF");
        let pages = session.execute("return Number(document.getElementById('report-outcome').dataset.pages);", vec![])?;
        assert!(pages.as_u64().unwrap_or(0) >= 3, "the report has its pages: {pages}");
        let fingerprint = session.text_of("#report-fingerprint")?;
        assert_eq!(fingerprint.len(), 12, "the short fingerprint is shown");
        let opened = session.execute("return window.__openedByTest ?? null;", vec![])?;
        assert_eq!(opened, Value::from(pdf.display().to_string()), "the saved report is opened");
        shot(session, "report")?;

        // A path the dialog could not give is refused in Rust and nothing is written.
        let refused = api(session, &format!("api.writeReport({id}, 'ko', 'relative.pdf', {{}})"));
        assert!(refused.is_err(), "a relative path is refused");
        Ok(())
    })
}

/// Runs the `jindan` command line (built beside the app) and fails with its output if it fails.
fn jindan_cli(arguments: &[&str]) -> Result<String, Failed> {
    let binary = target_directory().join("debug").join(format!("jindan{}", std::env::consts::EXE_SUFFIX));
    let output = std::process::Command::new(&binary).args(arguments).output().map_err(|error| format!("{}: {error}", binary.display()))?;
    if !output.status.success() {
        return Err(format!("jindan {}: {}", arguments.join(" "), String::from_utf8_lossy(&output.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A bundle made by `jindan export --anonymized` from the demo firms is imported on the centre
/// screen (through the same command the open dialog leads to) and the dashboard shows it.
fn centre_imports_a_cli_bundle_and_shows_the_dashboard() -> Result<(), Failed> {
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    let firm_db = folder.path().join("firms.db");
    let firm_db = firm_db.display().to_string();
    jindan_cli(&["--db", &firm_db, "demo"])?;
    for id in 1..=5 {
        jindan_cli(&["--db", &firm_db, "org", "consent", &id.to_string(), "--yes"])?;
    }
    // Three firms first; the fourth arrives after the first publication.
    let bundle = folder.path().join("bundle.json");
    jindan_cli(&["--db", &firm_db, "export", "--anonymized", "--org", "1", "--org", "2", "--org", "3", "--out", &bundle.display().to_string()])?;
    // The fourth comes sealed with a passphrase agreed with the centre.
    let fourth = folder.path().join("fourth.sealed");
    let pass = folder.path().join("pass.txt");
    std::fs::write(&pass, "센터와 정한 암호").map_err(|e| e.to_string())?;
    jindan_cli(&["--db", &firm_db, "export", "--anonymized", "--org", "4", "--bundle-passphrase-file", &pass.display().to_string(), "--out", &fourth.display().to_string()])?;
    let choose = |session: &Session, path: &Path| -> Result<(), Failed> {
        session.execute("const path = arguments[0]; window.__TAURI__.dialog.open = async () => [path];", vec![Value::from(path.display().to_string())])?;
        Ok(())
    };

    let app = RunningApp::start("centre")?;
    app.check("centre", |session| {
        go(session, "#/centre", "#centre-empty")?;
        choose(session, &bundle)?;
        session.click_css("#import-files")?;
        session.wait_for_element("#import-summary", Duration::from_secs(30))?;
        let imported = session.execute("return Number(document.getElementById('import-summary').dataset.imported);", vec![])?;
        assert!(imported.as_u64().unwrap_or(0) > 0, "the bundle's assessments are imported: {imported}");
        // The same file again is all duplicates.
        session.click_css("#import-files")?;
        wait_until(session, "document.getElementById('import-summary').dataset.imported === '0'", "the second import to find only duplicates")?;
        session.click_css("#import-refresh")?;
        session.wait_for_element("#centre-dashboard #centre-levels", DEFAULT_WAIT)?;
        session.wait_for_element("#centre-reassessed", DEFAULT_WAIT)?;

        // Publish with k = 2, import the fourth firm, publish again: the cells it changed by one
        // firm keep their first figures, and the centre is told so.
        let publish = |session: &Session, name: &str| -> Result<(), Failed> {
            answer_save_dialog_with(session, &folder.path().join(name))?;
            session.execute("const k = document.getElementById('publish-k'); k.value = '2';", vec![])?;
            session.execute("document.getElementById('publish-outcome').replaceChildren();", vec![])?;
            session.click_css("#publish")?;
            session.wait_for_element("#publish-outcome .centre-files", Duration::from_secs(30))?;
            Ok(())
        };
        publish(session, "first.json")?;
        let held = session.execute("return document.getElementById('publish-held-back') !== null;", vec![])?;
        assert_eq!(held, Value::from(false), "a first publication holds nothing back");
        // Without the passphrase the sealed file is refused with the reason; with it, imported.
        choose(session, &fourth)?;
        session.execute("document.getElementById('import-outcome').replaceChildren();", vec![])?;
        session.click_css("#import-files")?;
        session.wait_for_element("#import-summary", DEFAULT_WAIT)?;
        let refused = session.execute("return document.querySelector('#import-outcome [data-result]')?.dataset.result ?? null;", vec![])?;
        assert_eq!(refused, Value::from("rejected"), "a sealed file without its passphrase is refused");
        session.type_into("#import-passphrase", "센터와 정한 암호")?;
        session.click_css("#import-files")?;
        wait_until(session, "Number(document.getElementById('import-summary')?.dataset.imported) > 0", "the fourth firm to be imported")?;
        session.click_css("#import-refresh")?;
        session.wait_for_element("#centre-dashboard #centre-levels", DEFAULT_WAIT)?;
        publish(session, "second.json")?;
        session.wait_for_element("#publish-held-back", DEFAULT_WAIT)?;
        let second = std::fs::read_to_string(folder.path().join("second.json")).map_err(|e| e.to_string())?;
        assert!(second.contains("\"as_of\""), "the second file repeats earlier figures");
        shot(session, "centre")?;
        if session.set_window_size(1920, 1080).is_ok() {
            std::thread::sleep(Duration::from_millis(400));
            go(session, "#/centre", "#centre-dashboard")?;
            shot(session, "centre-1920")?;
        }
        Ok(())
    })
}

/// With a peer benchmark installed (made by the CLI from the demo firms), the plan's targets can
/// be raised to the level similar firms reach; the report uses the same targets.
fn plan_targets_can_aim_at_similar_firms() -> Result<(), Failed> {
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    let firm_db = folder.path().join("jindan.db");
    let (firm, centre) = (firm_db.display().to_string(), folder.path().join("centre.db").display().to_string());
    jindan_cli(&["--db", &firm, "demo"])?;
    for id in 1..=4 {
        jindan_cli(&["--db", &firm, "org", "consent", &id.to_string(), "--yes"])?;
    }
    let (bundle, benchmark) = (folder.path().join("bundle.json").display().to_string(), folder.path().join("benchmark.json").display().to_string());
    jindan_cli(&["--db", &firm, "export", "--anonymized", "--out", &bundle])?;
    jindan_cli(&["--db", &centre, "center", "import", &bundle])?;
    jindan_cli(&["--db", &centre, "center", "publish", "--k", "2", "--out", &benchmark])?;
    jindan_cli(&["--db", &firm, "benchmark", "install", &benchmark])?;
    // The demo's weakest completed assessment: the one with the most dimensions below the peers.
    let expected = jindan_cli(&["--db", &firm, "plan", "4", "--peers", "median", "--json"])?;
    let expected: Value = serde_json::from_str(&expected).map_err(|e| e.to_string())?;

    let app = RunningApp::start_in("peer-targets", folder.path(), &firm_db)?;
    app.check("peer-targets", |session| {
        go(session, "#/plan/4", "#targets-peers")?;
        session.click_css("#targets-peers-median")?;
        wait_until(session, "document.getElementById('targets-peers-median')?.getAttribute('aria-pressed') === 'true'", "the peer targets")?;
        for d in expected["dimensions"].as_array().ok_or("no dimensions")? {
            let (id, level) = (d["id"].as_str().ok_or("no id")?, d["target_level"].as_u64().ok_or("no target")?);
            let shown = session.execute(&format!("return Number(document.getElementById('target-{id}').value);"), vec![])?;
            assert_eq!(shown.as_u64(), Some(level), "{id}: the screen and `jindan plan --peers median` agree");
        }
        let tags = session.execute("return document.querySelectorAll('#targets .tag-peers').length;", vec![])?;
        assert!(tags.as_u64().unwrap_or(0) > 0, "targets from the peers are marked");
        shot(session, "plan-peers")?;
        // A hand-set target wins over the preset; resetting clears both.
        session.execute("const s = document.getElementById('target-strategy'); s.value = '5'; s.dispatchEvent(new Event('change'));", vec![])?;
        wait_until(session, "document.getElementById('target-strategy')?.value === '5' && document.getElementById('targets-peers-median')?.getAttribute('aria-pressed') === 'true'", "the hand-set target")?;
        session.click_css("#targets-reset")?;
        wait_until(session, "document.getElementById('targets-peers-median')?.getAttribute('aria-pressed') === 'false'", "the reset")?;
        Ok(())
    })
}
