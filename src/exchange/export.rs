//! Export from a firm's or consultant's workspace: consent, then anonymized bundles.

use super::bundle::{anonymized_assessment, bundle_of, AssessmentIdentity, BundleFile, FirmAttributes};
use super::{random_id, ExchangeError, MAX_ASSESSMENTS_PER_BUNDLE};
use crate::store::consent::OrganizationConsent;
use crate::store::{Assessment, Status, Store};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// Records a firm's consent, making its random pseudonym if it has none yet. This is the one
/// call the firm form's consent checkbox needs (`Store::withdraw_consent` undoes it).
pub fn give_consent(store: &Store, organization_id: i64, now: DateTime<Utc>) -> Result<OrganizationConsent, ExchangeError> {
    let pseudonym = random_id()?;
    Ok(store.give_consent(organization_id, now, &pseudonym)?)
}

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// Only these firms; all firms when None.
    pub organizations: Option<Vec<i64>>,
    /// Only assessments completed on or after this day.
    pub since: Option<NaiveDate>,
}

/// A firm left out of an export, named for the person exporting (never written to the bundle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SkippedFirm {
    pub organization_id: i64,
    pub name: String,
}

/// The bundle and what was left out of it.
#[derive(Debug, Clone)]
pub struct ExportOutcome {
    pub bundle: BundleFile,
    /// Firms with completed assessments in the selection that have not consented.
    pub skipped_without_consent: Vec<SkippedFirm>,
    /// Firms whose assessments are in the bundle.
    pub firms_exported: usize,
    /// Draft assessments of consenting firms, left out because only completed ones are shared.
    pub drafts_left_out: usize,
}

/// The year part of a stored RFC 3339 time.
fn year_of(stored: &str) -> Option<i32> {
    DateTime::parse_from_rfc3339(stored).ok().map(|t| t.year())
}

/// The day part of a stored RFC 3339 time.
fn day_of(stored: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(stored).ok().map(|t| t.date_naive())
}

/// Builds an anonymized bundle of the completed assessments of consenting firms. Firms without
/// consent are skipped and listed; assessments get their exchange ids here the first time they
/// are exported (from `new_id`, normally `random_id`), which is the only write this does.
/// An empty bundle is returned as such; the caller decides whether to write it.
pub fn export_anonymized_bundle(
    store: &mut Store,
    request: &ExportRequest,
    new_id: &mut dyn FnMut() -> Result<String, ExchangeError>,
) -> Result<ExportOutcome, ExchangeError> {
    let organizations = match &request.organizations {
        Some(ids) => ids.iter().map(|&id| store.organization(id)).collect::<Result<Vec<_>, _>>()?,
        None => store.organizations(None)?,
    };
    let mut skipped = Vec::new();
    let mut drafts_left_out = 0;
    // (firm, pseudonym, the assessment, its round) for everything that goes into the bundle.
    let mut chosen: Vec<(usize, String, Assessment, u32)> = Vec::new();
    for (index, organization) in organizations.iter().enumerate() {
        let mut assessments = store.assessments(Some(organization.id))?;
        let consent = store.organization_consent(organization.id)?;
        let (Some(pseudonym), true) = (consent.pseudonym.clone(), consent.has_consented()) else {
            if assessments.iter().any(|a| a.status == Status::Completed) {
                skipped.push(SkippedFirm { organization_id: organization.id, name: organization.name.clone() });
            }
            continue;
        };
        drafts_left_out += assessments.iter().filter(|a| a.status == Status::Draft).count();
        assessments.retain(|a| a.status == Status::Completed && a.completed_at.is_some());
        // Rounds count every completed assessment of the firm, also those before `since`, so
        // that a later export numbers the same assessment the same way.
        assessments.sort_by(|a, b| (&a.completed_at, a.id).cmp(&(&b.completed_at, b.id)));
        for (i, a) in assessments.into_iter().enumerate() {
            let day = a.completed_at.as_deref().and_then(day_of);
            if request.since.is_some_and(|since| day.is_none_or(|d| d < since)) {
                continue;
            }
            chosen.push((index, pseudonym.clone(), a, i as u32 + 1));
        }
    }
    if chosen.len() > MAX_ASSESSMENTS_PER_BUNDLE {
        return Err(ExchangeError::BadInput(format!(
            "{} assessments are more than one bundle may hold ({MAX_ASSESSMENTS_PER_BUNDLE}); export fewer firms or use --since",
            chosen.len()
        )));
    }
    let ids: Vec<i64> = chosen.iter().map(|c| c.2.id).collect();
    let mut exchange_ids: HashMap<i64, String> = store.assessment_exchange_ids(&ids)?;
    let mut new_ids = Vec::new();
    for id in &ids {
        if !exchange_ids.contains_key(id) {
            new_ids.push((*id, new_id()?));
        }
    }
    if !new_ids.is_empty() {
        store.assign_assessment_exchange_ids(&new_ids)?;
        exchange_ids = store.assessment_exchange_ids(&ids)?;
    }
    let mut anonymized = Vec::with_capacity(chosen.len());
    let mut firms = std::collections::HashSet::new();
    for (index, pseudonym, a, round) in &chosen {
        let q = store.questionnaire_of(a.id)?;
        let answers = store.answers(a.id)?;
        let year = a
            .completed_at
            .as_deref()
            .and_then(year_of)
            .ok_or_else(|| ExchangeError::BadInput(format!("assessment {} has no readable completion date", a.id)))?;
        let exchange_id = exchange_ids
            .get(&a.id)
            .ok_or_else(|| ExchangeError::BadInput(format!("assessment {} has no exchange id", a.id)))?;
        let identity = AssessmentIdentity { firm_pseudonym: pseudonym, assessment_id: exchange_id, year, round: *round };
        anonymized.push(anonymized_assessment(&q, &answers, &identity, &FirmAttributes::generalized(&organizations[*index])));
        firms.insert(*index);
    }
    Ok(ExportOutcome { bundle: bundle_of(anonymized), skipped_without_consent: skipped, firms_exported: firms.len(), drafts_left_out })
}
