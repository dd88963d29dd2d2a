//! Follow-up actions (추적관리): the plan steps a firm commits to, with an owner, a due date and a
//! status, kept per assessment.
//!
//! An action copies the step's title when it is made, so that it still reads the same after the
//! recommendations file changes. At most one action exists per assessment and step, which makes
//! creating actions from a plan safe to repeat. Completing an action records the moment it was
//! done, so that progress between two assessments can list what was finished in between.

use super::{Result, Store, StoreError, sql, timestamp};
use crate::i18n::Text;
use crate::plan::{PlannedStep, parse_date};
use chrono::{DateTime, Months, NaiveDate, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Todo,
    Doing,
    Done,
    Dropped,
}

impl ActionStatus {
    /// All statuses in their usual order.
    pub const ALL: [ActionStatus; 4] = [ActionStatus::Todo, ActionStatus::Doing, ActionStatus::Done, ActionStatus::Dropped];

    /// "todo", "doing", "done" or "dropped".
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Todo => "todo",
            ActionStatus::Doing => "doing",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    /// Parses a status name.
    pub fn parse(s: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|status| status.as_str() == s.trim())
    }
}

/// One stored action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    pub id: i64,
    pub assessment_id: i64,
    pub step_id: String,
    /// The step's title when the action was made.
    pub title: Text,
    pub owner: Option<String>,
    /// YYYY-MM-DD.
    pub due_date: Option<String>,
    pub status: ActionStatus,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// When the status last became done (RFC 3339, UTC); None unless it is done.
    pub done_at: Option<String>,
}

/// An action to make from a plan step.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub step_id: String,
    pub title: Text,
    pub due_date: Option<NaiveDate>,
}

impl NewAction {
    /// An action for a plan step, due when the plan expects the step to finish, counted from the
    /// plan's day.
    pub fn from_planned_step(step: &PlannedStep, plan_day: NaiveDate) -> NewAction {
        NewAction { step_id: step.id.clone(), title: step.title.clone(), due_date: plan_day.checked_add_months(Months::new(step.finish_month)) }
    }
}

/// Changes to an action, each as typed by a user; None leaves a field alone and an empty text
/// clears it (status cannot be cleared).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionChange {
    pub owner: Option<String>,
    /// YYYY-MM-DD, or empty to clear.
    pub due_date: Option<String>,
    /// todo, doing, done or dropped.
    pub status: Option<String>,
    pub note: Option<String>,
}

/// What creating actions did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatedActions {
    /// How many actions were new; the others existed already and were left as they were.
    pub created: usize,
    /// The actions for the requested steps, in the order requested.
    pub actions: Vec<Action>,
}

const ACTION_COLUMNS: &str = "id, assessment_id, step_id, title_ko, title_en, owner, due_date, status, note, created_at, updated_at, done_at";

fn action_from_row(r: &rusqlite::Row) -> rusqlite::Result<Action> {
    let status: String = r.get(7)?;
    Ok(Action {
        id: r.get(0)?,
        assessment_id: r.get(1)?,
        step_id: r.get(2)?,
        title: Text { ko: r.get(3)?, en: r.get(4)? },
        owner: r.get(5)?,
        due_date: r.get(6)?,
        // The table's CHECK constraint allows only the four names.
        status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Todo),
        note: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        done_at: r.get(11)?,
    })
}

/// Trims a text; an empty one means "clear".
fn optional_text(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

impl Store {
    /// Makes one action per step for an assessment in one transaction. A step that already has an
    /// action for this assessment keeps it unchanged, so running this twice creates nothing new.
    pub fn create_actions(&mut self, assessment_id: i64, new: &[NewAction], now: DateTime<Utc>) -> Result<CreatedActions> {
        self.assessment(assessment_id)?;
        for n in new {
            if n.step_id.trim().is_empty() {
                return Err(StoreError::BadInput("step_id: an action needs the id of a plan step".into()));
            }
        }
        let t = timestamp(now);
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(sql(&path))?;
        let mut created = 0;
        for n in new {
            created += tx
                .execute(
                    "INSERT INTO actions (assessment_id, step_id, title_ko, title_en, due_date, status, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'todo', ?6, ?6) ON CONFLICT (assessment_id, step_id) DO NOTHING",
                    params![assessment_id, n.step_id, n.title.ko, n.title.en, n.due_date.map(|d| d.format("%Y-%m-%d").to_string()), t],
                )
                .map_err(sql(&path))?;
        }
        tx.commit().map_err(sql(&path))?;
        let mut actions = Vec::with_capacity(new.len());
        for n in new {
            let action = self
                .conn
                .query_row(&format!("SELECT {ACTION_COLUMNS} FROM actions WHERE assessment_id = ?1 AND step_id = ?2"), params![assessment_id, n.step_id], action_from_row)
                .map_err(sql(&self.path))?;
            actions.push(action);
        }
        Ok(CreatedActions { created, actions })
    }

    /// The actions of an assessment, in the order they were made.
    pub fn actions(&self, assessment_id: i64) -> Result<Vec<Action>> {
        self.assessment(assessment_id)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {ACTION_COLUMNS} FROM actions WHERE assessment_id = ?1 ORDER BY id"))
            .map_err(sql(&self.path))?;
        let rows = stmt.query_map(params![assessment_id], action_from_row).map_err(sql(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql(&self.path))
    }

    /// One action.
    pub fn action(&self, id: i64) -> Result<Action> {
        self.conn
            .query_row(&format!("SELECT {ACTION_COLUMNS} FROM actions WHERE id = ?1"), params![id], action_from_row)
            .optional()
            .map_err(sql(&self.path))?
            .ok_or(StoreError::NotFound { what: "action", id: id.to_string() })
    }

    /// Changes an action's owner, due date, status or note. Every field is checked before anything
    /// is written, and a bad one is refused naming the field, so a partly bad change changes nothing.
    pub fn update_action(&self, id: i64, change: &ActionChange, now: DateTime<Utc>) -> Result<Action> {
        let current = self.action(id)?;
        let status = match change.status.as_deref() {
            None => current.status,
            Some(s) => ActionStatus::parse(s).ok_or_else(|| {
                StoreError::BadInput(format!("status: '{}' is not a status; use todo, doing, done or dropped", s.trim()))
            })?,
        };
        let due_date = match change.due_date.as_deref().map(str::trim) {
            None => current.due_date.clone(),
            Some("") => None,
            Some(d) => Some(parse_date(d).map_err(|reason| StoreError::BadInput(format!("due_date: {reason}")))?.format("%Y-%m-%d").to_string()),
        };
        let owner = change.owner.as_deref().map_or(current.owner.clone(), optional_text);
        let note = change.note.as_deref().map_or(current.note.clone(), optional_text);
        let t = timestamp(now);
        // The moment of completion is kept while the action stays done, and cleared when it is reopened.
        let done_at = match (current.status, status) {
            (ActionStatus::Done, ActionStatus::Done) => current.done_at.clone(),
            (_, ActionStatus::Done) => Some(t.clone()),
            _ => None,
        };
        self.conn
            .execute(
                "UPDATE actions SET owner = ?2, due_date = ?3, status = ?4, note = ?5, updated_at = ?6, done_at = ?7 WHERE id = ?1",
                params![id, owner, due_date, status.as_str(), note, t, done_at],
            )
            .map_err(sql(&self.path))?;
        self.action(id)
    }

    /// Deletes an action.
    pub fn delete_action(&self, id: i64) -> Result<()> {
        let n = self.conn.execute("DELETE FROM actions WHERE id = ?1", params![id]).map_err(sql(&self.path))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "action", id: id.to_string() });
        }
        Ok(())
    }

    /// The actions of any of a firm's assessments that were completed after `after` and no later
    /// than `until` (both RFC 3339 timestamps as the store keeps them), oldest first.
    pub fn actions_done_between(&self, organization_id: i64, after: &str, until: &str) -> Result<Vec<Action>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {} FROM actions x JOIN assessments a ON a.id = x.assessment_id
                 WHERE a.organization_id = ?1 AND x.status = 'done' AND x.done_at > ?2 AND x.done_at <= ?3
                 ORDER BY x.done_at, x.id",
                ACTION_COLUMNS.split(", ").map(|c| format!("x.{c}")).collect::<Vec<_>>().join(", ")
            ))
            .map_err(sql(&self.path))?;
        let rows = stmt.query_map(params![organization_id, after, until], action_from_row).map_err(sql(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql(&self.path))
    }
}

/// The day an assessment's answers describe: when it was completed, or its last change while it
/// is still a draft. Progress between two assessments counts the actions done between these days.
pub fn assessment_moment(a: &super::Assessment) -> &str {
    a.completed_at.as_deref().unwrap_or(&a.updated_at)
}
