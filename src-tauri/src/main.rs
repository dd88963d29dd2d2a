//! The Jindan desktop shell: a window that serves `ui/` and a few thin commands over the core.
//!
//! Every command takes its state, calls one core function and returns; the rules live in the
//! `jindan` crate so that the CLI and the app behave the same.

// Without this a console window opens beside the app in Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod database_path;
mod error;
mod state;

use state::AppState;

fn main() {
    let database_path = match database_path::database_path() {
        Ok(path) => path,
        Err(error) => {
            eprintln!("jindan-app: {}", error.message);
            std::process::exit(1);
        }
    };

    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState { database_path })
        .invoke_handler(tauri::generate_handler![commands::app_info])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
