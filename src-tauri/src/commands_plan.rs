//! The plan screen's commands: the improvement plan, what-if and follow-up actions. Each gathers
//! its state and calls the core through `plan_views`.

use std::collections::BTreeMap;

use chrono::Utc;
use jindan::exchange::PeerMark;
use jindan::store::actions::Action;
use tauri::State;

use crate::error::AppError;
use crate::plan_views::{self, ActionChangeInput, PlanView, WhatIfView};
use crate::state::AppState;

/// The improvement plan of an assessment for the given targets (dimension id → level; the others
/// aim one level up), with its actions.
#[tauri::command]
pub fn plan_view(state: State<'_, AppState>, assessment_id: i64, targets: BTreeMap<String, u8>, peers: Option<PeerMark>) -> Result<PlanView, AppError> {
    state.with_store(|store| PlanView::build(store, assessment_id, &targets, peers, Utc::now()))
}

/// The scores of an assessment once the chosen steps are done (the answers are not changed).
#[tauri::command]
pub fn what_if_view(state: State<'_, AppState>, assessment_id: i64, steps: Vec<String>) -> Result<WhatIfView, AppError> {
    state.with_store(|store| WhatIfView::build(store, assessment_id, &steps))
}

/// Makes an action for every step of the plan; steps that already have one keep it.
#[tauri::command]
pub fn create_plan_actions(state: State<'_, AppState>, assessment_id: i64, targets: BTreeMap<String, u8>, peers: Option<PeerMark>) -> Result<Vec<Action>, AppError> {
    state.with_store(|store| plan_views::create_actions_from_plan(store, assessment_id, &targets, peers, Utc::now()))
}

/// Changes an action's owner, due date (YYYY-MM-DD, checked by the store), status or note.
#[tauri::command]
pub fn update_action(state: State<'_, AppState>, id: i64, change: ActionChangeInput) -> Result<Action, AppError> {
    state.with_store(|store| Ok(store.update_action(id, &change.into(), Utc::now())?))
}
