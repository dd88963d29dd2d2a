//! Explaining a result: which answers carried each dimension's score, which cost it the most,
//! and the radar chart of the dimension levels, laid out once here for the desktop UI and the
//! PDF report alike.
//!
//! Pure: the figures come from `scoring::score`; this module only picks and orders them.

use crate::i18n::Text;
use crate::questionnaire::Questionnaire;
use crate::report::chart::{radar_geometry, ChartError, RadarGeometry};
use crate::report::{report_font, wrap_text, FontWeight};
use crate::scoring::{ItemScore, ItemStatus, Scores};
use serde::Serialize;

/// How much one question adds to its dimension score, and how much more it could add.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub question: String,
    pub status: ItemStatus,
    /// The item score in [0, 1] (0 for a question skip logic hid).
    pub score: f64,
    /// Points added to the dimension score (0–100 scale).
    pub points: f64,
    /// Points the question could add at its best answer.
    pub max_points: f64,
}

impl Contribution {
    fn of(item: &ItemScore) -> Contribution {
        Contribution {
            question: item.question.clone(),
            status: item.status,
            score: item.score.unwrap_or(0.0),
            points: item.points,
            max_points: item.max_points,
        }
    }

    /// Points the question leaves on the table.
    pub fn shortfall(&self) -> f64 {
        self.max_points - self.points
    }
}

/// What made one dimension's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionExplanation {
    pub dimension: String,
    /// The answers that added the most points, most first.
    pub strongest: Vec<Contribution>,
    /// The answers (or questions hidden by skip logic) that cost the most points, most first;
    /// none of them is among `strongest`.
    pub weakest: Vec<Contribution>,
}

/// The `count` answers that added most to a dimension and the `count` that cost it most.
pub fn explain_dimension(scores: &Scores, dimension: &str, count: usize) -> DimensionExplanation {
    let counted: Vec<&ItemScore> = scores
        .items
        .iter()
        .filter(|i| i.dimension == dimension && matches!(i.status, ItemStatus::Answered | ItemStatus::Skipped) && i.max_points > 0.0)
        .collect();
    let mut strongest: Vec<Contribution> = counted.iter().filter(|i| i.points > 1e-9).map(|i| Contribution::of(i)).collect();
    strongest.sort_by(|a, b| b.points.total_cmp(&a.points));
    strongest.truncate(count);
    let mut weakest: Vec<Contribution> = counted
        .iter()
        .map(|i| Contribution::of(i))
        .filter(|c| c.shortfall() > 1e-9 && !strongest.iter().any(|s| s.question == c.question))
        .collect();
    weakest.sort_by(|a, b| b.shortfall().total_cmp(&a.shortfall()));
    weakest.truncate(count);
    DimensionExplanation { dimension: dimension.to_string(), strongest, weakest }
}

/// The value a result puts on the radar for each dimension of `q`, in its order: the
/// dimension's level (0–5), or 0 when the dimension has no result (not scored yet, or absent from
/// an earlier questionnaire).
pub fn radar_levels(q: &Questionnaire, scores: &Scores) -> Vec<f64> {
    q.dimensions.iter().map(|d| scores.dimension(&d.id).and_then(|s| s.level).map_or(0.0, f64::from)).collect()
}

/// An axis label broken into lines, in both languages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarLabel {
    pub ko: Vec<String>,
    pub en: Vec<String>,
}

/// A radar chart ready to draw: the shared geometry and the axis labels broken into lines with
/// the same font metrics (NanumGothic) as the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RadarChartView {
    pub geometry: RadarGeometry,
    /// One per axis, in axis order.
    pub labels: Vec<RadarLabel>,
    /// The label font size the lines were broken for, in the geometry's unit.
    pub label_size: f64,
}

/// The radar of the dimension levels of `series` (e.g. the current result, then an earlier one)
/// on the axes of `q`, laid out in a `size` square with labels set at `label_size`.
pub fn radar_chart(q: &Questionnaire, series: &[&Scores], size: f64, label_size: f64) -> Result<RadarChartView, ChartError> {
    let values: Vec<Vec<f64>> = series.iter().map(|s| radar_levels(q, s)).collect();
    let geometry = radar_geometry(q.dimensions.len(), &values, size)?;
    let font = report_font(FontWeight::Regular).ok();
    let wrap = |text: &str| match font {
        Some(font) => wrap_text(text, font, label_size as f32, geometry.label_max_width as f32),
        None => vec![text.to_string()],
    };
    let labels = q.dimensions.iter().map(|d| label(&d.name, &wrap)).collect();
    Ok(RadarChartView { geometry, labels, label_size })
}

fn label(name: &Text, wrap: &dyn Fn(&str) -> Vec<String>) -> RadarLabel {
    RadarLabel { ko: wrap(&name.ko), en: wrap(&name.en) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{AnswerValue, Answers, Rater};
    use crate::questionnaire::{Catalog, QuestionKind};
    use crate::scoring::score;

    fn quick_scan() -> Questionnaire {
        Catalog::builtin().unwrap().find("kr-mfg-quick-scan").unwrap().clone()
    }

    /// Every single-choice question answered with its `pick`-th option.
    fn answered(q: &Questionnaire, pick: impl Fn(usize) -> usize) -> Answers {
        let mut answers = Answers::new(q);
        for question in &q.questions {
            if let QuestionKind::Single { options } = &question.kind {
                let i = pick(options.len()).min(options.len() - 1);
                answers.set(&question.id, Rater::Firm, AnswerValue::Choice(options[i].id.clone()));
            }
        }
        answers
    }

    #[test]
    fn strongest_and_weakest_answers_of_a_dimension() {
        let q = quick_scan();
        let mut answers = answered(&q, |_| 0);
        answers.set("qs-dx-plan", Rater::Firm, AnswerValue::Choice("kpi".into()));
        let scores = score(&q, &answers);
        let explanation = explain_dimension(&scores, "strategy", 3);
        assert_eq!(explanation.strongest.len(), 1);
        assert_eq!(explanation.strongest[0].question, "qs-dx-plan");
        assert!(explanation.strongest[0].points > 0.0);
        assert_eq!(explanation.weakest.len(), 1);
        assert_eq!(explanation.weakest[0].question, "qs-dx-budget");
        assert!((explanation.weakest[0].shortfall() - explanation.weakest[0].max_points).abs() < 1e-9);
        let total: f64 = scores.items.iter().filter(|i| i.dimension == "strategy").map(|i| i.points).sum();
        assert!((total - scores.dimension("strategy").unwrap().score.unwrap()).abs() < 1e-9, "points add up to the score");
    }

    #[test]
    fn an_unanswered_dimension_has_nothing_to_explain() {
        let q = quick_scan();
        let scores = score(&q, &Answers::new(&q));
        let explanation = explain_dimension(&scores, "data", 3);
        assert!(explanation.strongest.is_empty() && explanation.weakest.is_empty());
    }

    #[test]
    fn radar_has_one_axis_per_dimension_and_wrapped_labels() {
        let q = quick_scan();
        let best = score(&q, &answered(&q, |n| n - 1));
        let worst = score(&q, &answered(&q, |_| 0));
        let chart = radar_chart(&q, &[&best, &worst], 400.0, 13.0).unwrap();
        assert_eq!(chart.geometry.axes.len(), q.dimensions.len());
        assert_eq!(chart.labels.len(), q.dimensions.len());
        assert_eq!(chart.geometry.series.len(), 2);
        assert_eq!(chart.geometry.series[0].values, radar_levels(&q, &best));
        assert!(chart.geometry.series[1].values.iter().all(|&v| v == 0.0));
        for (label, dimension) in chart.labels.iter().zip(&q.dimensions) {
            assert_eq!(label.ko.join(" "), dimension.name.ko.split_whitespace().collect::<Vec<_>>().join(" "));
            assert!(!label.en.is_empty());
        }
    }
}
