//! A small W3C WebDriver client over plain HTTP and JSON: just what the Jindan tests use.
//!
//! Every call returns `Result<_, WebDriverError>` with the command and the driver's own error
//! message, so that a failing test says what it was doing.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long `wait_for_*` keep trying before they give up.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(15);

/// WebDriver codes of keys that have no character.
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const SHIFT: &str = "\u{E008}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const ARROW_LEFT: &str = "\u{E012}";
    pub const ARROW_UP: &str = "\u{E013}";
    pub const ARROW_RIGHT: &str = "\u{E014}";
    pub const ARROW_DOWN: &str = "\u{E015}";
}

/// A failed WebDriver command.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl fmt::Display for WebDriverError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for WebDriverError {}

pub type WebDriverResult<T> = Result<T, WebDriverError>;

/// A reference to an element on the page.
#[derive(Debug, Clone)]
pub struct Element(String);

/// An open WebDriver session, i.e. a running app. Dropping it ends the session, which closes the app.
pub struct Session {
    agent: ureq::Agent,
    base_url: String,
    session_id: String,
    screenshot_directory: PathBuf,
}

fn http_agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        // WebDriver reports errors as JSON bodies with 4xx/5xx codes; read them instead of failing.
        .http_status_as_error(false)
        // The driver is on localhost; a proxy from the environment must not get in the way.
        .proxy(None)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

/// Sends one request and returns the `value` of the answer, or the driver's error.
fn request(
    agent: &ureq::Agent,
    method: &str,
    url: &str,
    body: Option<&Value>,
) -> WebDriverResult<Value> {
    let what = format!("{method} {url}");
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        ("POST", Some(body)) => agent.post(url).send_json(body),
        ("POST", None) => agent.post(url).send_json(json!({})),
        _ => return Err(WebDriverError(format!("{what}: unsupported method"))),
    };
    let mut response = response.map_err(|error| WebDriverError(format!("{what}: {error}")))?;
    let status = response.status().as_u16();
    let answer: Value = response
        .body_mut()
        .read_json()
        .map_err(|error| WebDriverError(format!("{what}: answer is not JSON ({error})")))?;
    let value = answer.get("value").cloned().unwrap_or(Value::Null);
    if status >= 400 || value.get("error").is_some_and(|error| error.is_string()) {
        let error = value
            .get("error")
            .and_then(Value::as_str)
            .unwrap_or("unknown error");
        let message = value.get("message").and_then(Value::as_str).unwrap_or("");
        return Err(WebDriverError(format!(
            "{what}: {status} {error}: {message}"
        )));
    }
    Ok(value)
}

/// Asks the driver at `base_url` whether it is ready for a new session.
pub fn driver_is_ready(base_url: &str) -> bool {
    request(&http_agent(), "GET", &format!("{base_url}/status"), None)
        .map(|value| value.get("ready").and_then(Value::as_bool).unwrap_or(true))
        .unwrap_or(false)
}

impl Session {
    /// Starts the application at `application` (an absolute path) through the driver at `base_url`.
    pub fn start(
        base_url: &str,
        application: &Path,
        screenshot_directory: PathBuf,
    ) -> WebDriverResult<Session> {
        let agent = http_agent();
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": { "application": application }
                }
            }
        });
        let value = request(
            &agent,
            "POST",
            &format!("{base_url}/session"),
            Some(&capabilities),
        )?;
        let session_id = value
            .get("sessionId")
            .and_then(Value::as_str)
            .ok_or_else(|| WebDriverError(format!("new session: no sessionId in {value}")))?
            .to_owned();
        Ok(Session {
            agent,
            base_url: base_url.to_owned(),
            session_id,
            screenshot_directory,
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{}", self.base_url, self.session_id, path)
    }

    fn get(&self, path: &str) -> WebDriverResult<Value> {
        request(&self.agent, "GET", &self.url(path), None)
    }

    fn post(&self, path: &str, body: Value) -> WebDriverResult<Value> {
        request(&self.agent, "POST", &self.url(path), Some(&body))
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> WebDriverResult<Element> {
        let value = self
            .post("/element", json!({ "using": "css selector", "value": css }))
            .map_err(|error| WebDriverError(format!("find {css:?}: {error}")))?;
        value
            .get(ELEMENT_KEY)
            .and_then(Value::as_str)
            .map(|id| Element(id.to_owned()))
            .ok_or_else(|| WebDriverError(format!("find {css:?}: no element reference in {value}")))
    }

    /// Clicks an element, after scrolling it to the middle of the window so that the fixed top
    /// bar cannot cover it.
    pub fn click(&self, element: &Element) -> WebDriverResult<()> {
        self.execute(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
            vec![json!({ ELEMENT_KEY: element.0 })],
        )?;
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .map(drop)
    }

    /// Finds an element and clicks it.
    pub fn click_css(&self, css: &str) -> WebDriverResult<()> {
        let element = self.wait_for_element(css, DEFAULT_WAIT)?;
        self.click(&element)
    }

    /// Types text into an element.
    pub fn send_keys(&self, element: &Element, text: &str) -> WebDriverResult<()> {
        self.post(
            &format!("/element/{}/value", element.0),
            json!({ "text": text }),
        )
        .map(drop)
    }

    /// Empties an input or text area.
    pub fn clear(&self, element: &Element) -> WebDriverResult<()> {
        self.post(&format!("/element/{}/clear", element.0), json!({})).map(drop)
    }

    /// Waits for the element matching `css`, empties it and types `text` into it.
    pub fn type_into(&self, css: &str, text: &str) -> WebDriverResult<()> {
        let element = self.wait_for_element(css, DEFAULT_WAIT)?;
        self.clear(&element)?;
        self.send_keys(&element, text)
    }

    /// Presses keys one after another on whatever has the focus, as a person would. Each entry
    /// is one key: a character, or a WebDriver key code such as `keys::ARROW_DOWN`. An entry
    /// `keys::SHIFT` followed by a key presses that key with Shift held.
    pub fn press_keys(&self, sequence: &[&str]) -> WebDriverResult<()> {
        let mut actions = Vec::new();
        let mut shift = false;
        for key in sequence {
            if *key == keys::SHIFT {
                shift = true;
                actions.push(json!({ "type": "keyDown", "value": keys::SHIFT }));
                continue;
            }
            actions.push(json!({ "type": "keyDown", "value": key }));
            actions.push(json!({ "type": "keyUp", "value": key }));
            if shift {
                actions.push(json!({ "type": "keyUp", "value": keys::SHIFT }));
                shift = false;
            }
        }
        self.post(
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        )?;
        // Released keys must not stay "pressed" in the driver's input state.
        let _ = request(&self.agent, "DELETE", &self.url("/actions"), None);
        Ok(())
    }

    /// How long `execute_async` scripts may run before the driver gives up.
    pub fn set_script_timeout(&self, timeout: Duration) -> WebDriverResult<()> {
        self.post("/timeouts", json!({ "script": timeout.as_millis() as u64 })).map(drop)
    }

    /// Resizes the window (e.g. to check a screen at 1920×1080).
    pub fn set_window_size(&self, width: u32, height: u32) -> WebDriverResult<()> {
        self.post("/window/rect", json!({ "width": width, "height": height })).map(drop)
    }

    /// The rendered text of an element.
    pub fn text(&self, element: &Element) -> WebDriverResult<String> {
        let value = self.get(&format!("/element/{}/text", element.0))?;
        Ok(value.as_str().unwrap_or_default().to_owned())
    }

    /// Finds an element and returns its rendered text.
    pub fn text_of(&self, css: &str) -> WebDriverResult<String> {
        let element = self.find(css)?;
        self.text(&element)
    }

    /// Runs a script in the page (`return ...;` gives the result).
    pub fn execute(&self, script: &str, arguments: Vec<Value>) -> WebDriverResult<Value> {
        self.post(
            "/execute/sync",
            json!({ "script": script, "args": arguments }),
        )
    }

    /// Runs a script that calls `arguments[arguments.length - 1](result)` when it is done.
    pub fn execute_async(&self, script: &str, arguments: Vec<Value>) -> WebDriverResult<Value> {
        self.post(
            "/execute/async",
            json!({ "script": script, "args": arguments }),
        )
    }

    /// Saves a PNG of the window as `NAME.png` in the screenshot directory and returns its path.
    pub fn screenshot(&self, name: &str) -> WebDriverResult<PathBuf> {
        // A change made just before (a click) is only visible once the page has painted it.
        self.execute_async(
            "const done = arguments[arguments.length - 1];
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
            vec![],
        )?;
        let value = self.get("/screenshot")?;
        let encoded = value
            .as_str()
            .ok_or_else(|| WebDriverError("screenshot: no data".into()))?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded)
            .map_err(|error| WebDriverError(format!("screenshot: bad base64 ({error})")))?;
        std::fs::create_dir_all(&self.screenshot_directory)
            .map_err(|error| WebDriverError(format!("screenshot: {error}")))?;
        let path = self.screenshot_directory.join(format!("{name}.png"));
        std::fs::write(&path, png)
            .map_err(|error| WebDriverError(format!("screenshot {}: {error}", path.display())))?;
        Ok(path)
    }

    /// Waits until an element matching `css` exists.
    pub fn wait_for_element(&self, css: &str, timeout: Duration) -> WebDriverResult<Element> {
        let started = Instant::now();
        loop {
            match self.find(css) {
                Ok(element) => return Ok(element),
                Err(error) if started.elapsed() > timeout => {
                    return Err(WebDriverError(format!(
                        "waited {timeout:?} for {css:?}: {error}"
                    )));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Waits until the text of the element matching `css` satisfies `accept`, and returns it.
    pub fn wait_for_text(
        &self,
        css: &str,
        description: &str,
        accept: impl Fn(&str) -> bool,
    ) -> WebDriverResult<String> {
        let started = Instant::now();
        let mut last = String::from("(no element)");
        loop {
            if let Ok(text) = self.text_of(css) {
                if accept(&text) {
                    return Ok(text);
                }
                last = text;
            }
            if started.elapsed() > DEFAULT_WAIT {
                return Err(WebDriverError(format!(
                    "waited {DEFAULT_WAIT:?} for the text of {css:?} to be {description}; it is {last:?}"
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until `script` (run with `execute`) returns a value that satisfies `accept`.
    pub fn wait_for_script(
        &self,
        script: &str,
        description: &str,
        accept: impl Fn(&Value) -> bool,
    ) -> WebDriverResult<Value> {
        let started = Instant::now();
        let mut last = Value::Null;
        loop {
            if let Ok(value) = self.execute(script, vec![]) {
                if accept(&value) {
                    return Ok(value);
                }
                last = value;
            }
            if started.elapsed() > DEFAULT_WAIT {
                return Err(WebDriverError(format!(
                    "waited {DEFAULT_WAIT:?} for {description}; the page gives {last}"
                )));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the element matching `css` has exactly the text `expected`.
    pub fn wait_for_exact_text(&self, css: &str, expected: &str) -> WebDriverResult<String> {
        self.wait_for_text(css, &format!("{expected:?}"), |text| {
            text.trim() == expected
        })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Ending the session closes the app; failing to do so is not worth a second panic.
        let _ = request(&self.agent, "DELETE", &self.url(""), None);
    }
}
