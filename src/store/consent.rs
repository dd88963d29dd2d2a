//! A firm's consent to share anonymized results with a regional centre, its random pseudonym,
//! and the random ids its assessments carry once exported.
//!
//! The pseudonym is made once, when consent is first given, and kept when consent is withdrawn
//! and given again: a centre can then link a firm's first diagnosis (T0) with its follow-up (T1)
//! without ever learning who the firm is. Ids are made by the caller (see `exchange::random_id`)
//! so that the store itself stays free of randomness.

use super::{sql, timestamp, Result, Store, StoreError};
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

/// Whether a firm shares its anonymized results, and under which pseudonym.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganizationConsent {
    pub organization_id: i64,
    /// When consent was given (RFC 3339, UTC); None when the firm has not consented or withdrew.
    pub consent_at: Option<String>,
    /// The firm's random pseudonym, once it has consented at least once.
    pub pseudonym: Option<String>,
}

impl OrganizationConsent {
    /// Whether the firm's results may be exported now.
    pub fn has_consented(&self) -> bool {
        self.consent_at.is_some() && self.pseudonym.is_some()
    }
}

impl Store {
    /// The consent state of one firm.
    pub fn organization_consent(&self, organization_id: i64) -> Result<OrganizationConsent> {
        self.conn
            .query_row(
                "SELECT id, consent_at, pseudonym FROM organizations WHERE id = ?1",
                params![organization_id],
                |r| Ok(OrganizationConsent { organization_id: r.get(0)?, consent_at: r.get(1)?, pseudonym: r.get(2)? }),
            )
            .optional()
            .map_err(sql(&self.path))?
            .ok_or(StoreError::NotFound { what: "firm", id: organization_id.to_string() })
    }

    /// The consent state of every firm, by firm id.
    pub fn organization_consents(&self) -> Result<Vec<OrganizationConsent>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, consent_at, pseudonym FROM organizations ORDER BY id").map_err(sql(&self.path))?;
        let rows = stmt
            .query_map([], |r| Ok(OrganizationConsent { organization_id: r.get(0)?, consent_at: r.get(1)?, pseudonym: r.get(2)? }))
            .map_err(sql(&self.path))?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(sql(&self.path))
    }

    /// Records the firm's consent. A firm that already consented keeps its original date; a firm
    /// that never had a pseudonym gets `new_pseudonym`, one that had keeps its own.
    pub fn give_consent(&self, organization_id: i64, now: DateTime<Utc>, new_pseudonym: &str) -> Result<OrganizationConsent> {
        if new_pseudonym.trim().is_empty() {
            return Err(StoreError::BadInput("a pseudonym cannot be empty".into()));
        }
        let n = self
            .conn
            .execute(
                "UPDATE organizations SET consent_at = coalesce(consent_at, ?2), pseudonym = coalesce(pseudonym, ?3),
                 updated_at = ?2 WHERE id = ?1",
                params![organization_id, timestamp(now), new_pseudonym],
            )
            .map_err(sql(&self.path))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "firm", id: organization_id.to_string() });
        }
        self.organization_consent(organization_id)
    }

    /// Withdraws the firm's consent: nothing of it is exported from now on. Its pseudonym stays,
    /// so that consenting again links up with what the centre already holds.
    pub fn withdraw_consent(&self, organization_id: i64, now: DateTime<Utc>) -> Result<OrganizationConsent> {
        let n = self
            .conn
            .execute("UPDATE organizations SET consent_at = NULL, updated_at = ?2 WHERE id = ?1", params![organization_id, timestamp(now)])
            .map_err(sql(&self.path))?;
        if n == 0 {
            return Err(StoreError::NotFound { what: "firm", id: organization_id.to_string() });
        }
        self.organization_consent(organization_id)
    }

    /// The exchange ids already given to these assessments (those without one are absent).
    pub fn assessment_exchange_ids(&self, assessment_ids: &[i64]) -> Result<HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT exchange_id FROM assessment_exchange_ids WHERE assessment_id = ?1")
            .map_err(sql(&self.path))?;
        let mut out = HashMap::with_capacity(assessment_ids.len());
        for &id in assessment_ids {
            if let Some(x) = stmt.query_row(params![id], |r| r.get::<_, String>(0)).optional().map_err(sql(&self.path))? {
                out.insert(id, x);
            }
        }
        Ok(out)
    }

    /// Gives exchange ids to assessments in one transaction; an assessment that already has one
    /// keeps it, so that the same assessment exported twice carries the same id.
    pub fn assign_assessment_exchange_ids(&self, new_ids: &[(i64, String)]) -> Result<()> {
        let tx = self.conn.unchecked_transaction().map_err(sql(&self.path))?;
        {
            let mut stmt = tx
                .prepare_cached("INSERT OR IGNORE INTO assessment_exchange_ids (assessment_id, exchange_id) VALUES (?1, ?2)")
                .map_err(sql(&self.path))?;
            for (assessment_id, exchange_id) in new_ids {
                stmt.execute(params![assessment_id, exchange_id]).map_err(sql(&self.path))?;
            }
        }
        tx.commit().map_err(sql(&self.path))
    }
}
