//! The Jindan desktop shell: a window that serves `ui/` and a few thin commands over the core.
//!
//! Every command takes its state, calls one core function and returns; the rules live in the
//! `jindan` crate so that the CLI and the app behave the same.

// Without this a console window opens beside the app in Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod commands_exchange;
mod commands_plan;
mod commands_report;
mod error;
mod plan_views;
mod state;
mod transport;
mod workspace;

use state::AppState;

fn main() {
    if std::env::var_os("JINDAN_BENCH_READY").is_some() {
        println!("jindan-main {}", chrono::Utc::now().timestamp_millis());
    }
    #[cfg(target_os = "linux")]
    avoid_dmabuf_renderer_without_gpu();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        // A workspace that cannot be opened does not stop the app: the window says why and
        // offers to open or make another one.
        .manage(AppState::start())
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::first_screen_ready,
            commands::workspace_status,
            commands::open_workspace,
            commands::unlock_workspace,
            commands::create_workspace,
            commands::backup_workspace,
            commands::restore_workspace,
            commands::load_demo_workspace,
            commands::list_questionnaires,
            commands::workspace_overview_list,
            commands::firm_reference_lists,
            commands::check_business_number,
            commands::get_organization,
            commands::check_organization,
            commands::save_organization,
            commands::delete_organization,
            commands::set_consent,
            commands::create_assessment,
            commands::create_reassessment,
            commands::delete_assessment,
            commands::answering_view,
            commands::save_answer,
            commands::results_view,
            commands::complete_assessment,
            commands::reopen_assessment,
            commands::firm_history,
            commands_plan::plan_view,
            commands_plan::what_if_view,
            commands_plan::create_plan_actions,
            commands_plan::update_action,
            commands_report::write_report,
            commands_exchange::peer_comparison,
            commands_exchange::export_choices,
            commands_exchange::export_anonymized,
            commands_exchange::centre_import,
            commands_exchange::centre_dashboard,
            commands_exchange::centre_publish,
            commands_exchange::install_benchmark_file,
        ])
        .run(tauri::generate_context!())
        .expect("the Tauri runtime failed to start");
}

/// WebKitGTK draws through DMA-BUF buffers shared with the GPU. On a machine with no GPU render
/// node (a virtual machine, a remote desktop, Xvfb) that path falls back to software slowly: the
/// first paint took about 1.3 s more than with the plain renderer (scripts/app-bench.sh). Where
/// there is no render node, and the user has not chosen otherwise, the plain renderer is used.
#[cfg(target_os = "linux")]
fn avoid_dmabuf_renderer_without_gpu() {
    const SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";
    if std::env::var_os(SWITCH).is_some() {
        return;
    }
    let has_render_node = std::fs::read_dir("/dev/dri")
        .map(|entries| entries.flatten().any(|entry| entry.file_name().to_string_lossy().starts_with("renderD")))
        .unwrap_or(false);
    if !has_render_node {
        // SAFETY: the first thing `main` does, before Tauri, GTK or any other thread starts, so
        // nothing can be reading the environment at the same time.
        unsafe { std::env::set_var(SWITCH, "1") };
    }
}
