//! The Jindan desktop shell: a window that serves `ui/` and a few thin commands over the core.
//!
//! Every command takes its state, calls one core function and returns; the rules live in the
//! `jindan` crate so that the CLI and the app behave the same.

// Without this a console window opens beside the app in Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod state;
mod transport;
mod workspace;

use state::AppState;

fn main() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(AppState {
            // A missing data folder is reported by the commands that need it, in the window.
            database_path: workspace::database_path(),
            questionnaire_folder: workspace::questionnaire_folder(),
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_questionnaires
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}
