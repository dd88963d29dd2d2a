//! The executive summary's sentences, built from the figures of one report: which dimensions
//! lead and lag, which gates hold levels back, where the firm's and the consultant's ratings
//! differ, what the plan asks for, how the firm moved since last time and where it stands
//! among its peers. A sentence whose figures are absent is left out rather than filled in.

use crate::i18n::Lang;
use crate::report::assessment_report::ReportInput;
use crate::report::texts::{cost_range_text, day_text, level_label, percent_text, signed_change_text, won_text};
use crate::scoring::{DimensionScore, ItemStatus};
use crate::store::Mode;
use crate::store::actions::assessment_moment;

/// Whether the last sounding syllable of a word ends in a consonant (받침), which picks the
/// Korean particle after it (은/는, 이/가, 과/와). Digits and Latin letters are read the way
/// Koreans say them; anything in brackets at the end is skipped, as the reader skips it.
pub fn ends_in_consonant(word: &str) -> bool {
    let mut depth = 0usize;
    for ch in word.chars().rev() {
        match ch {
            ')' | ']' => depth += 1,
            '(' | '[' => depth = depth.saturating_sub(1),
            _ if depth > 0 || !ch.is_alphanumeric() => {}
            '가'..='힣' => return (u32::from(ch) - 0xAC00) % 28 != 0,
            // 영, 일, 삼, 육, 칠, 팔 end in a consonant; 이, 사, 오, 구 do not.
            '0' | '1' | '3' | '6' | '7' | '8' => return true,
            '2' | '4' | '5' | '9' => return false,
            // 엘, 엠, 엔, 알 end in a consonant.
            'l' | 'L' | 'm' | 'M' | 'n' | 'N' | 'r' | 'R' => return true,
            _ => return false,
        }
    }
    false
}

/// The word followed by the right one of two particles: `with_particle("영역", "은", "는")`.
pub fn with_particle(word: &str, after_consonant: &str, after_vowel: &str) -> String {
    format!("{word}{}", if ends_in_consonant(word) { after_consonant } else { after_vowel })
}

/// The scored dimensions from the highest score down; ties keep the questionnaire's order.
pub fn dimensions_by_score(input: &ReportInput) -> Vec<&DimensionScore> {
    let mut scored: Vec<&DimensionScore> = input.scores.dimensions.iter().filter(|d| d.score.is_some()).collect();
    scored.sort_by(|a, b| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)));
    scored
}

fn dimension_name<'a>(input: &'a ReportInput, id: &'a str, lang: Lang) -> &'a str {
    input.questionnaire.dimension(id).map_or(id, |d| d.name.get(lang))
}

fn question_text<'a>(input: &'a ReportInput, id: &'a str, lang: Lang) -> &'a str {
    input.questionnaire.question(id).map_or(id, |q| q.text.get(lang))
}

fn score_number(score: f64) -> String {
    format!("{score:.1}")
}

/// The summary's paragraphs in the report's language.
pub fn summary_paragraphs(input: &ReportInput, lang: Lang) -> Vec<String> {
    [overall_paragraph(input, lang), gates_paragraph(input, lang), disagreements_paragraph(input, lang), plan_paragraph(input, lang), progress_paragraph(input, lang), benchmark_paragraph(input, lang)]
        .into_iter()
        .flatten()
        .collect()
}

fn overall_paragraph(input: &ReportInput, lang: Lang) -> Option<String> {
    let overall = &input.scores.overall;
    let firm = &input.organization.name;
    let mut out = match (overall.score, overall.level) {
        (Some(score), Some(level)) => {
            let name = input.questionnaire.level_name(level, lang);
            match lang {
                Lang::Ko => format!("{firm}의 종합 수준은 {}({name})이며, 종합 점수는 100점 만점에 {}점입니다.", level_label(level, lang), score_number(score)),
                Lang::En => format!("{firm} stands at level {level} overall ({name}), with an overall score of {} out of 100.", score_number(score)),
            }
        }
        _ => match lang {
            Lang::Ko => format!("{firm}의 진단에는 아직 점수를 낼 만큼 답한 문항이 없습니다."),
            Lang::En => format!("The assessment of {firm} does not yet have enough answers for a score."),
        },
    };
    if overall.coverage < 1.0 - 1e-9 {
        out.push(' ');
        out.push_str(&match lang {
            Lang::Ko => format!("점수를 매기는 문항 가운데 {}에 답했으므로, 나머지 문항에 답하면 결과가 달라질 수 있습니다.", percent_text(overall.coverage)),
            Lang::En => format!("{} of the scored questions are answered, so the result may change as the rest are answered.", percent_text(overall.coverage)),
        });
    }
    let ranked = dimensions_by_score(input);
    if ranked.len() >= 2 {
        let (top, bottom) = (ranked[0], ranked[ranked.len() - 1]);
        let (top_score, bottom_score) = (top.score.unwrap_or(0.0), bottom.score.unwrap_or(0.0));
        let top_name = dimension_name(input, &top.id, lang);
        let bottom_name = dimension_name(input, &bottom.id, lang);
        out.push(' ');
        out.push_str(&match lang {
            Lang::Ko => format!(
                "가장 앞선 {} 가장 뒤처진 {bottom_name}의 점수 차이는 {}점입니다.",
                with_particle(top_name, "과", "와"),
                score_number(top_score - bottom_score)
            ),
            Lang::En => format!("{top_name} leads {bottom_name} by {} points.", score_number(top_score - bottom_score)),
        });
        let at_level_zero: Vec<&str> = ranked.iter().filter(|d| d.level == Some(0)).map(|d| dimension_name(input, &d.id, lang)).collect();
        if !at_level_zero.is_empty() {
            out.push(' ');
            out.push_str(&match lang {
                Lang::Ko => format!("{}개 영역({})은 아직 수준 0입니다.", at_level_zero.len(), at_level_zero.join(", ")),
                Lang::En if at_level_zero.len() == 1 => format!("{} is still at level 0.", at_level_zero[0]),
                Lang::En => format!("{} dimensions are still at level 0: {}.", at_level_zero.len(), at_level_zero.join(", ")),
            });
        }
    }
    Some(out)
}

fn gates_paragraph(input: &ReportInput, lang: Lang) -> Option<String> {
    // Without an overall score nothing is scored yet, and no gate can hold anything back.
    input.scores.overall.score?;
    let capped: Vec<&DimensionScore> = input.scores.dimensions.iter().filter(|d| d.capped_by.is_some()).collect();
    if capped.is_empty() {
        return Some(match lang {
            Lang::Ko => "어느 영역도 관문 조건에 묶여 있지 않아, 각 영역의 수준은 점수가 정한 그대로입니다.".to_string(),
            Lang::En => "No dimension is held back by a gate: every level is the one its score reaches.".to_string(),
        });
    }
    let mut sentences = vec![match lang {
        Lang::Ko => format!("관문 조건 때문에 {}개 영역의 수준이 점수보다 낮습니다.", capped.len()),
        Lang::En if capped.len() == 1 => "A gate holds one dimension below the level its score reaches.".to_string(),
        Lang::En => format!("Gates hold {} dimensions below the level their scores reach.", capped.len()),
    }];
    for d in capped {
        let Some(cap) = &d.capped_by else { continue };
        let name = dimension_name(input, &d.id, lang);
        let question = question_text(input, &cap.question, lang);
        let quoted_ko = format!("‘{question}’");
        let (by_score, held) = (level_label(cap.level_by_score, lang), level_label(cap.capped_at, lang));
        sentences.push(match (cap.status, cap.actual, lang) {
            (ItemStatus::Answered, Some(actual), Lang::Ko) => format!(
                "{name}: 점수로는 {by_score}이지만 관문 문항 {quoted_ko}의 점수가 {}로 기준 {}에 못 미쳐 {held}에 머뭅니다.",
                percent_text(actual),
                percent_text(cap.min_score)
            ),
            (ItemStatus::Skipped, _, Lang::Ko) => format!(
                "{name}: 점수로는 {by_score}이지만 관문 문항 {} 앞 문항의 답에 따라 건너뛰어져 {held}에 머뭅니다.",
                with_particle(&quoted_ko, "이", "가")
            ),
            (_, _, Lang::Ko) => format!("{name}: 점수로는 {by_score}이지만 관문 문항 {quoted_ko}에 아직 답하지 않아 {held}에 머뭅니다."),
            (status, actual, Lang::En) => {
                let shortfall = match (status, actual) {
                    (ItemStatus::Answered, Some(actual)) => format!("scores {}, below the {} required", percent_text(actual), percent_text(cap.min_score)),
                    (ItemStatus::Skipped, _) => "is skipped after an earlier answer".to_string(),
                    _ => "is not answered yet".to_string(),
                };
                format!(
                    "{name} stays at level {} (level {} by score): its gate question \u{2018}{question}\u{2019} {shortfall}.",
                    cap.capped_at, cap.level_by_score
                )
            }
        });
    }
    Some(sentences.join(" "))
}

fn disagreements_paragraph(input: &ReportInput, lang: Lang) -> Option<String> {
    if input.assessment.mode != Mode::Consultant {
        return None;
    }
    let disagreements = &input.scores.disagreements;
    let threshold = percent_text(input.questionnaire.disagreement_threshold).trim_end_matches('%').to_string();
    if disagreements.is_empty() {
        return Some(match lang {
            Lang::Ko => format!("컨설턴트 평가가 기업 자체 평가와 {threshold}%p 이상 다른 문항은 없습니다."),
            Lang::En => format!("The consultant's ratings nowhere differ from the firm's own by {threshold} percentage points or more."),
        });
    }
    // Dimensions in questionnaire order, with how many of their questions differ.
    let mut per_dimension: Vec<(&str, usize)> = Vec::new();
    for d in &input.questionnaire.dimensions {
        let count = disagreements.iter().filter(|x| x.dimension == d.id).count();
        if count > 0 {
            per_dimension.push((d.name.get(lang), count));
        }
    }
    let listed: Vec<String> = per_dimension
        .iter()
        .map(|(name, count)| match lang {
            Lang::Ko => format!("{name} {count}개"),
            Lang::En => format!("{name} {count}"),
        })
        .collect();
    let lower = disagreements.iter().filter(|x| x.consultant_score < x.firm_score).count();
    Some(match lang {
        Lang::Ko => format!(
            "기업 자체 평가와 컨설턴트 평가가 {threshold}%p 이상 다른 문항이 {}개 있습니다({}). 이 중 {}개는 컨설턴트가 더 낮게 평가했습니다.",
            disagreements.len(),
            listed.join(", "),
            lower
        ),
        Lang::En => format!(
            "On {} question{} the firm's own rating and the consultant's differ by {threshold} percentage points or more ({}); on {} of them the consultant rated lower.",
            disagreements.len(),
            if disagreements.len() == 1 { "" } else { "s" },
            listed.join(", "),
            lower
        ),
    })
}

fn plan_paragraph(input: &ReportInput, lang: Lang) -> Option<String> {
    let plan = input.plan.as_ref()?;
    if plan.steps.is_empty() {
        return None;
    }
    let n = plan.steps.len();
    let quick = plan.steps.iter().filter(|s| s.phase == crate::plan::Phase::QuickWin).count();
    let first = &plan.steps[0];
    let cost = cost_range_text(plan.investment.total_won, lang);
    let planned_dimensions = plan.dimensions.iter().filter(|d| d.steps > 0).count();
    let mut out = match lang {
        Lang::Ko => format!(
            "개선 계획은 {planned_dimensions}개 영역을 한 수준씩 올리는 {n}단계로, 모두 마치는 데 약 {}개월이 걸립니다. 이 중 {quick}단계는 3개월 안에 끝나는 빠른 성과이며, 첫 단계는 ‘{}’입니다. 예상 비용은 {cost}입니다.",
            plan.horizon_months,
            first.title.get(lang)
        ),
        Lang::En => format!(
            "The improvement plan has {n} steps across {planned_dimensions} dimensions and takes about {} months in all. {quick} of them are quick wins finished within 3 months, starting with \u{2018}{}\u{2019}. The likely cost is {cost}.",
            plan.horizon_months,
            first.title.get(lang)
        ),
    };
    if plan.investment.support_estimate_won.max > 0 {
        out.push(' ');
        out.push_str(&match lang {
            Lang::Ko => format!("현재 신청할 수 있는 지원사업을 모두 활용하면 최대 {}까지 지원받을 수 있습니다(상한 추정).", won_text(plan.investment.support_estimate_won.max, lang)),
            Lang::En => format!("Open support programmes could cover up to {} of it (an upper bound).", won_text(plan.investment.support_estimate_won.max, lang)),
        });
    }
    Some(out)
}

fn progress_paragraph(input: &ReportInput, lang: Lang) -> Option<String> {
    let previous = input.previous.as_ref()?;
    let progress = &previous.progress;
    let date = day_text(assessment_moment(&previous.assessment));
    let mut sentences = Vec::new();
    let overall = &progress.overall;
    if let (Some(before), Some(after), Some(change)) = (overall.before_score, overall.after_score, overall.score_change) {
        sentences.push(match lang {
            Lang::Ko => format!(
                "{date}의 이전 진단(#{})과 비교하면 종합 점수는 {}점에서 {}점이 되었습니다({}점).",
                previous.assessment.id,
                score_number(before),
                score_number(after),
                signed_change_text(change)
            ),
            Lang::En => format!(
                "Since the previous assessment (#{}, {date}) the overall score went from {} to {} ({}).",
                previous.assessment.id,
                score_number(before),
                score_number(after),
                signed_change_text(change)
            ),
        });
    }
    if let (Some(before), Some(after)) = (overall.before_level, overall.after_level) {
        sentences.push(match (lang, before == after) {
            (Lang::Ko, true) => format!("종합 수준은 이전과 같은 {}입니다.", level_label(after, lang)),
            (Lang::Ko, false) => {
                format!("종합 수준은 {}에서 {} 되었습니다.", level_label(before, lang), with_particle(&level_label(after, lang), "이", "가"))
            }
            (Lang::En, true) => format!("The overall level is unchanged at {after}."),
            (Lang::En, false) => format!("The overall level moved from {before} to {after}."),
        });
    }
    let mut changes: Vec<(&str, f64)> =
        progress.dimensions.iter().filter_map(|d| d.delta.score_change.map(|c| (d.name.get(lang), c))).collect();
    changes.sort_by(|a, b| b.1.total_cmp(&a.1));
    if let Some(&(name, change)) = changes.first().filter(|c| c.1 >= 0.05) {
        sentences.push(match lang {
            Lang::Ko => format!("가장 많이 오른 영역은 {name}({}점)입니다.", signed_change_text(change)),
            Lang::En => format!("{name} rose most ({}).", signed_change_text(change)),
        });
    }
    let fallen: Vec<String> = changes.iter().filter(|c| c.1 <= -0.05).map(|(name, change)| format!("{name}({})", signed_change_text(*change))).collect();
    if !fallen.is_empty() {
        sentences.push(match lang {
            Lang::Ko => format!("점수가 내려간 영역은 {}입니다.", fallen.join(", ")),
            Lang::En => format!("Scores fell in {}.", fallen.join(", ").replace('(', " (")),
        });
    }
    let done = previous.actions_done_between.len();
    sentences.push(match (lang, done) {
        (Lang::Ko, 0) => "두 진단 사이에 완료로 기록된 조치는 없습니다.".to_string(),
        (Lang::Ko, n) => format!("두 진단 사이에 조치 {n}건을 완료했습니다."),
        (Lang::En, 0) => "No action was recorded as completed in between.".to_string(),
        (Lang::En, 1) => "One action was completed in between.".to_string(),
        (Lang::En, n) => format!("{n} actions were completed in between."),
    });
    Some(sentences.join(" "))
}

fn benchmark_paragraph(input: &ReportInput, lang: Lang) -> Option<String> {
    let benchmark = input.benchmark.as_ref()?;
    let overall = &benchmark.overall;
    let (you, peers) = (overall.you?, overall.peers?);
    let difference = you - peers.median;
    let peers_text = benchmark.peers.get(lang);
    let position = overall.position.map(|p| p.text().get(lang).to_string()).unwrap_or_default();
    Some(match lang {
        Lang::Ko => format!(
            "{} 비교하면 종합 점수가 그룹 중앙값 {}점보다 {}점 {}({position}).",
            with_particle(peers_text, "과", "와"),
            score_number(peers.median),
            score_number(difference.abs()),
            if difference >= 0.0 { "높습니다" } else { "낮습니다" }
        ),
        Lang::En => format!(
            "Compared with {peers_text}, the overall score is {} points {} the group median of {} ({position}).",
            score_number(difference.abs()),
            if difference >= 0.0 { "above" } else { "below" },
            score_number(peers.median)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_follow_the_last_sound() {
        assert_eq!(with_particle("인력·역량·조직", "은", "는"), "인력·역량·조직은");
        assert_eq!(with_particle("보안·인프라", "은", "는"), "보안·인프라는");
        assert_eq!(with_particle("수준 1", "이", "가"), "수준 1이");
        assert_eq!(with_particle("수준 2", "이", "가"), "수준 2가");
        assert_eq!(with_particle("대구·기타 기계(29)·50–99명 기업 12곳", "과", "와"), "대구·기타 기계(29)·50–99명 기업 12곳과");
        assert_eq!(with_particle("분석·AI", "은", "는"), "분석·AI는");
        assert_eq!(with_particle("MES(제조실행시스템)", "은", "는"), "MES(제조실행시스템)는");
    }
}
