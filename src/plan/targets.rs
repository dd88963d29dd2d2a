//! Target levels a firm sets for its dimensions. A dimension without a set target aims one level
//! above where it stands.

use super::PlanError;
use crate::questionnaire::{MAX_LEVEL, Questionnaire};
use crate::scoring::Scores;
use serde::Serialize;
use std::collections::BTreeMap;

/// Target levels set by the user, by dimension id. Dimensions not listed use the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Targets {
    pub levels: BTreeMap<String, u8>,
    /// The dimensions whose target was taken from the peer benchmark rather than typed.
    pub from_peers: std::collections::BTreeSet<String>,
}

impl Targets {
    /// No targets set: every scored dimension aims one level up.
    pub fn defaults() -> Targets {
        Targets::default()
    }

    /// Sets one dimension's target.
    pub fn set(&mut self, dimension: &str, level: u8) {
        self.levels.insert(dimension.to_string(), level);
    }

    /// The target set for a dimension, if any.
    pub fn get(&self, dimension: &str) -> Option<u8> {
        self.levels.get(dimension).copied()
    }

    /// Targets that bring each dimension up to its peers: the level a peer score (e.g. the median
    /// of firms like this one, by dimension id) reaches on the questionnaire's thresholds, where
    /// that lies above the level already reached; a dimension already there keeps its level
    /// (no steps). Dimensions without a peer score keep the default.
    pub fn toward_peers(q: &Questionnaire, scores: &Scores, peer_scores: &BTreeMap<String, f64>) -> Targets {
        let mut targets = Targets::default();
        for d in &q.dimensions {
            let Some(&peer) = peer_scores.get(&d.id) else { continue };
            let current = scores.dimension(&d.id).and_then(|s| s.level).unwrap_or(0);
            targets.set(&d.id, q.level_for_score(peer).min(MAX_LEVEL).max(current));
            targets.from_peers.insert(d.id.clone());
        }
        targets
    }

    /// Sets every target of `other` over these (the user's own choices win over a preset).
    pub fn overridden_by(mut self, other: &Targets) -> Targets {
        for (dimension, level) in &other.levels {
            self.set(dimension, *level);
            if !other.from_peers.contains(dimension) {
                self.from_peers.remove(dimension);
            }
        }
        self
    }

    /// Reads assignments written `DIMENSION=LEVEL`, as typed on a command line.
    pub fn parse_assignments<S: AsRef<str>>(assignments: &[S]) -> Result<Targets, PlanError> {
        let mut targets = Targets::default();
        for raw in assignments {
            let raw = raw.as_ref().trim();
            let Some((dimension, level)) = raw.split_once('=') else {
                return Err(PlanError::BadTarget { dimension: raw.to_string(), reason: "write it as DIMENSION=LEVEL, e.g. data=3".into() });
            };
            let dimension = dimension.trim();
            let level = level.trim().parse::<u8>().map_err(|_| PlanError::BadTarget {
                dimension: dimension.to_string(),
                reason: format!("'{}' is not a level; levels run from 0 to {MAX_LEVEL}", level.trim()),
            })?;
            if targets.levels.contains_key(dimension) {
                return Err(PlanError::BadTarget { dimension: dimension.to_string(), reason: "the target is given twice".into() });
            }
            targets.set(dimension, level);
        }
        Ok(targets)
    }

    /// Checks every target against the questionnaire and the current scores: the dimension must
    /// exist, the level must lie in 0–5, and it may not lie below the level already reached (a
    /// target equal to it is allowed and simply asks for no steps).
    pub fn check(&self, q: &Questionnaire, scores: &Scores) -> Result<(), PlanError> {
        for (dimension, &level) in &self.levels {
            let bad = |reason: String| PlanError::BadTarget { dimension: dimension.clone(), reason };
            if q.dimension(dimension).is_none() {
                let known: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
                return Err(bad(format!("{} has no such dimension; its dimensions are {}", q.reference(), known.join(", "))));
            }
            if level > MAX_LEVEL {
                return Err(bad(format!("level {level} is out of range; levels run from 0 to {MAX_LEVEL}")));
            }
            if let Some(current) = scores.dimension(dimension).and_then(|d| d.level)
                && level < current
            {
                return Err(bad(format!("level {level} lies below the level already reached ({current}); choose {current} or higher")));
            }
        }
        Ok(())
    }
}
