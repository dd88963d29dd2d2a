//! The desktop shell's security settings, read from the files Tauri builds them from: a content
//! security policy that allows no remote or inline code, and capabilities that are exactly the
//! expected list (no shell, no file-system plugin, no opening of URLs). A change to either has to
//! change this test too, which makes it a decision rather than an accident.

use serde_json::Value;
use std::path::PathBuf;

fn read_json(relative: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The directives of a policy: name → sources.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace().map(str::to_string);
            let name = words.next().unwrap_or_default();
            (name, words.collect())
        })
        .collect()
}

#[test]
fn the_content_security_policy_allows_no_remote_or_inline_code() {
    let conf = read_json("tauri.conf.json");
    let security = &conf["app"]["security"];
    let csp = security["csp"].as_str().expect("app.security.csp is set (a string)");
    let policy = directives(csp);
    let get = |name: &str| policy.iter().find(|(n, _)| n == name).map(|(_, s)| s.clone());

    for (name, sources) in &policy {
        for source in sources {
            let lower = source.to_ascii_lowercase();
            assert!(
                !["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "*", "blob:", "filesystem:"].contains(&lower.as_str()),
                "{name} allows {source}"
            );
            // The only host allowed anywhere is Tauri's own IPC endpoint (Windows and Android).
            let remote = lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("ws:") || lower.starts_with("wss:") || lower.contains("://");
            assert!(!remote || (name == "connect-src" && lower == "http://ipc.localhost"), "{name} allows the host {source}");
            assert!(!(lower == "data:" && name != "img-src"), "{name} allows data: URLs");
        }
    }
    assert_eq!(get("default-src"), Some(vec!["'self'".to_string()]), "everything not named is limited to the app itself");
    assert_eq!(get("script-src"), Some(vec!["'self'".to_string()]), "scripts come from the app's own files only");
    assert_eq!(get("object-src"), Some(vec!["'none'".to_string()]));
    assert_eq!(get("base-uri"), Some(vec!["'self'".to_string()]));
    assert_eq!(get("frame-ancestors"), Some(vec!["'none'".to_string()]));
    let connect = get("connect-src").expect("connect-src is set");
    assert!(connect.iter().all(|s| s == "ipc:" || s == "http://ipc.localhost"), "connect-src reaches only the IPC: {connect:?}");

    // Tauri must not be told to leave the policy alone or to let remote pages call commands.
    assert_ne!(security["freezePrototype"], Value::Bool(false));
    assert!(security.get("dangerousDisableAssetCspModification").is_none());
    assert!(security.get("dangerousRemoteDomainIpcAccess").is_none());
    // The UI is the app's own folder, never a remote or development server.
    assert_eq!(conf["build"]["frontendDist"], Value::String("../ui".into()));
    assert!(conf["build"].get("devUrl").is_none(), "a devUrl would let the window load a server");
    for window in conf["app"]["windows"].as_array().expect("windows") {
        assert!(window.get("url").is_none_or(|u| u.as_str().is_some_and(|u| !u.contains("://"))), "a window loads a remote page: {window}");
    }
}

#[test]
fn the_capabilities_are_exactly_the_expected_ones() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let mut files: Vec<String> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, ["default.json"], "one capability file; a new one needs a look at what it grants");

    let capability = read_json("capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(capability.get("remote").is_none(), "no remote URL may use the capability");
    assert!(capability.get("webviews").is_none() && capability.get("platforms").is_none());

    let permissions = capability["permissions"].as_array().expect("permissions");
    let names: Vec<String> = permissions
        .iter()
        .map(|p| p.as_str().map(str::to_string).or_else(|| p["identifier"].as_str().map(str::to_string)).expect("a permission names itself"))
        .collect();
    assert_eq!(names, ["core:event:default", "dialog:allow-open", "dialog:allow-save", "opener:allow-open-path"], "the capability list changed");
    for name in &names {
        for forbidden in ["shell:", "fs:", "http:", "process:", "opener:allow-open-url", "opener:default", "core:webview", "core:window:allow-create"] {
            assert!(!name.starts_with(forbidden), "{name} is granted");
        }
    }

    // Opening files is limited to the user's own folders, never the whole disk or a home folder.
    let open_path = permissions.iter().find(|p| p["identifier"] == "opener:allow-open-path").expect("opener:allow-open-path");
    assert!(open_path.get("deny").is_none_or(|d| d.is_array()));
    let allowed: Vec<&str> = open_path["allow"].as_array().expect("an explicit scope").iter().map(|a| a["path"].as_str().expect("a path")).collect();
    assert_eq!(allowed, ["$APPDATA/**", "$DOCUMENT/**", "$DOWNLOAD/**", "$DESKTOP/**", "$TEMP/**"]);
    for path in allowed {
        assert!(path.starts_with('$') && !path.starts_with("$HOME") && !path.starts_with("$RESOURCE"), "{path}");
    }
}
