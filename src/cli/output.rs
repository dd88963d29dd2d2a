//! How the CLI prints results: plain text for people, JSON for scripts.

use jindan::firm;
use jindan::i18n::Lang;
use jindan::questionnaire::{Catalog, QuestionKind, Questionnaire};
use jindan::scoring::Scores;
use jindan::store::{Assessment, Organization, Status};
use serde::Serialize;
use serde_json::{Value, json};

/// Columns a string takes in a terminal: Hangul and other East Asian wide characters take two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// Pads to a column width the way a terminal shows it, so Korean names line up.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(display_width(s))))
}

/// Pretty JSON of anything serialisable.
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

pub fn questionnaire_list_json(catalog: &Catalog) -> String {
    let list: Vec<Value> = catalog
        .entries
        .iter()
        .map(|(q, origin)| {
            json!({
                "id": q.id, "version": q.version, "title": q.title, "dimensions": q.dimensions.len(),
                "questions": q.questions.len(), "content_hash": q.content_hash, "origin": origin.to_string(),
            })
        })
        .collect();
    pretty(&list)
}

pub fn questionnaire_list_text(catalog: &Catalog, lang: Lang) -> String {
    catalog
        .entries
        .iter()
        .map(|(q, origin)| format!("{:<24} {:<7} {:>3} questions  {}  [{}]", q.id, q.version, q.questions.len(), q.title.get(lang), origin))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn questionnaire_text(q: &Questionnaire, lang: Lang) -> String {
    let mut out = format!("{} {} — {}\n{}\n", q.id, q.version, q.title.get(lang), q.description.get(lang));
    for d in &q.dimensions {
        out.push_str(&format!("\n[{}] {} (weight {})\n", d.id, d.name.get(lang), d.weight));
        for g in &d.gates {
            out.push_str(&format!("  gate: level {} needs {} ≥ {}\n", g.level, g.question, g.min_score));
        }
        for question in q.questions_of(&d.id) {
            out.push_str(&format!("  {} [{}{}] {}\n", question.id, question.type_name(), if question.allow_na { ", n/a" } else { "" }, question.text.get(lang)));
            match &question.kind {
                QuestionKind::Single { options } => {
                    for o in options {
                        out.push_str(&format!("      {:<16} {:.2}  {}\n", o.id, o.score, o.label.get(lang)));
                    }
                }
                QuestionKind::Multi { options, .. } => {
                    for o in options {
                        out.push_str(&format!("      {:<16} {:.2}{} {}\n", o.id, o.score, if o.exclusive { " (none)" } else { "" }, o.label.get(lang)));
                    }
                }
                QuestionKind::Grid { rows, scale } => {
                    out.push_str(&format!("      rows: {}\n", rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")));
                    out.push_str(&format!("      scale: {}\n", scale.iter().map(|s| format!("{}={:.2}", s.id, s.score)).collect::<Vec<_>>().join(", ")));
                }
                QuestionKind::Numeric { min, max, bands, .. } => {
                    out.push_str(&format!("      {min}–{max}; bands: {}\n", bands.iter().map(|b| format!("≥{}→{:.2}", b.from, b.score)).collect::<Vec<_>>().join(", ")));
                }
                QuestionKind::Text => {}
            }
        }
    }
    out
}

/// A blank answers file: every question present with null, to be filled in.
pub fn template(q: &Questionnaire) -> String {
    let answers: serde_json::Map<String, Value> = q.questions.iter().map(|question| (question.id.clone(), Value::Null)).collect();
    pretty(&json!({ "questionnaire": q.reference(), "answers": answers, "notes": {} }))
}

/// The scores as JSON, with names and level names in the chosen language.
pub fn scores_json(scores: &Scores, lang: Lang) -> String {
    let dimensions: Vec<Value> = scores
        .dimensions
        .iter()
        .map(|d| {
            json!({
                "id": d.id, "name": d.name.get(lang), "score": d.score, "level": d.level,
                "level_name": d.level_name.as_ref().map(|n| n.get(lang)), "coverage": d.coverage,
                "answered": d.answered, "skipped": d.skipped, "not_applicable": d.not_applicable, "unanswered": d.unanswered,
                "capped_by": d.capped_by, "weight": d.weight,
            })
        })
        .collect();
    let warnings: Vec<Value> = scores
        .warnings
        .iter()
        .map(|w| json!({ "code": w.code, "question": w.question, "dimension": w.dimension, "message": w.message.get(lang) }))
        .collect();
    pretty(&json!({
        "questionnaire": scores.questionnaire,
        "content_hash": scores.content_hash,
        "overall": {
            "score": scores.overall.score, "level": scores.overall.level,
            "level_name": scores.overall.level_name.as_ref().map(|n| n.get(lang)), "coverage": scores.overall.coverage,
            "rule": scores.overall.rule,
        },
        "dimensions": dimensions,
        "items": scores.items,
        "disagreements": scores.disagreements,
        "warnings": warnings,
    }))
}

fn score_text(score: Option<f64>) -> String {
    score.map_or("—".to_string(), |s| format!("{s:.1}"))
}

pub fn scores_text(q: &Questionnaire, scores: &Scores, lang: Lang) -> String {
    let (overall, level, coverage, dim) = match lang {
        Lang::Ko => ("종합", "수준", "응답률", "영역"),
        Lang::En => ("Overall", "level", "coverage", "Dimension"),
    };
    let mut out = format!(
        "{overall}: {} / 100, {level} {} {} ({coverage} {:.0}%)\n\n",
        score_text(scores.overall.score),
        scores.overall.level.map_or("—".into(), |l| l.to_string()),
        scores.overall.level_name.as_ref().map_or("", |n| n.get(lang)),
        scores.overall.coverage * 100.0
    );
    let score_label = if lang == Lang::Ko { "점수" } else { "score" };
    out.push_str(&format!("{} {} {} {}\n", pad(dim, 30), pad(score_label, 6), pad(level, 5), coverage));
    for d in &scores.dimensions {
        let name = q.dimension(&d.id).map_or(d.id.as_str(), |x| x.name.get(lang));
        out.push_str(&format!(
            "{} {:>6} {:>5} {:>7.0}%  {}\n",
            pad(name, 30),
            score_text(d.score),
            d.level.map_or("—".into(), |l| l.to_string()),
            d.coverage * 100.0,
            d.level_name.as_ref().map_or("", |n| n.get(lang))
        ));
        if let Some(cap) = &d.capped_by {
            let line = match lang {
                Lang::Ko => format!("    ↳ 관문 미충족: '{}' {:.2} 필요 → 수준 {}에서 멈춤 (점수로는 {})\n", cap.question, cap.min_score, cap.capped_at, cap.level_by_score),
                Lang::En => format!("    ↳ gate not met: '{}' needs {:.2} → held at level {} (score alone gives {})\n", cap.question, cap.min_score, cap.capped_at, cap.level_by_score),
            };
            out.push_str(&line);
        }
    }
    if !scores.warnings.is_empty() {
        out.push('\n');
        for w in &scores.warnings {
            out.push_str(&format!("! {}\n", w.message.get(lang)));
        }
    }
    out
}

fn status_text(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Draft, Lang::Ko) => "작성 중",
        (Status::Completed, Lang::Ko) => "완료",
        (Status::Draft, Lang::En) => "draft",
        (Status::Completed, Lang::En) => "completed",
    }
}

pub fn assessment_header(a: &Assessment, q: &Questionnaire, lang: Lang) -> String {
    format!(
        "#{} {} — {} ({}) · {} · {}{}\n",
        a.id,
        a.organization_name,
        q.title.get(lang),
        q.reference(),
        status_text(a.status, lang),
        &a.started_at[..10.min(a.started_at.len())],
        a.assessor.as_ref().map(|s| format!(" · {s}")).unwrap_or_default()
    )
}

pub fn assessments_text(list: &[Assessment], lang: Lang) -> String {
    if list.is_empty() {
        return match lang {
            Lang::Ko => "평가가 없습니다.".into(),
            Lang::En => "No assessments.".into(),
        };
    }
    list.iter()
        .map(|a| {
            format!(
                "{:>5}  {:<10}  {} {:<28} {}",
                a.id,
                &a.started_at[..10.min(a.started_at.len())],
                pad(&a.organization_name, 26),
                format!("{}@{}", a.questionnaire_id, a.questionnaire_version),
                status_text(a.status, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn organizations_text(list: &[Organization], lang: Lang) -> String {
    if list.is_empty() {
        return match lang {
            Lang::Ko => "등록된 기업이 없습니다.".into(),
            Lang::En => "No firms.".into(),
        };
    }
    list.iter()
        .map(|o| {
            format!(
                "{:>5}  {} {:<12} {} {}",
                o.id,
                pad(&o.name, 26),
                o.business_number.as_deref().map(firm::format_business_number).unwrap_or_default(),
                pad(o.sido.as_deref().unwrap_or(""), 4),
                o.industrial_complex.as_deref().unwrap_or("")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn organization_text(o: &Organization, assessments: &[Assessment], lang: Lang) -> String {
    let ksic = o.ksic_division.and_then(firm::ksic_division).map(|d| format!("{} {}", d.code, d.name.get(lang))).unwrap_or_default();
    format!(
        "#{} {}\n  business number: {}\n  KSIC: {}\n  employees: {}\n  region: {}\n  industrial complex: {}\n  site: {}\n\n{}",
        o.id,
        o.name,
        o.business_number.as_deref().map(firm::format_business_number).unwrap_or_default(),
        ksic,
        o.employees.map(|e| e.to_string()).unwrap_or_default(),
        o.sido.as_deref().unwrap_or(""),
        o.industrial_complex.as_deref().unwrap_or(""),
        o.site.as_deref().unwrap_or(""),
        assessments_text(assessments, lang)
    )
}
