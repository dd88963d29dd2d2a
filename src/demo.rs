//! A realistic demo workspace: several firms of different maturity, some re-assessed a year later.
//!
//! The answers are drawn from a fixed-seed generator around a maturity profile per firm, so the
//! demo is the same on every machine and on every run.

use crate::answers::{AnswerValue, Answers, Rater};
use crate::questionnaire::{Catalog, Question, QuestionKind, Questionnaire};
use crate::store::{Mode, NewAssessment, OrganizationInput, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

/// A small deterministic generator (xorshift64*), enough for demo data.
struct DemoRandom(u64);

impl DemoRandom {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Roughly normal noise with the given spread.
    fn noise(&mut self, spread: f64) -> f64 {
        (self.next_f64() + self.next_f64() + self.next_f64() - 1.5) * spread
    }
}

struct DemoFirm {
    input: OrganizationInput,
    /// Target item score per dimension id prefix; the default applies elsewhere.
    maturity: f64,
    strong: &'static [&'static str],
    weak: &'static [&'static str],
    questionnaire: &'static str,
    mode: Mode,
    assessor: Option<&'static str>,
    /// Improvement between the assessment a year ago and now; None when assessed only once.
    progress: Option<f64>,
}

fn demo_firms() -> Vec<DemoFirm> {
    let firm = |name: &str, number: &str, ksic: u8, employees: u32, sido: &str, complex: &str, site: &str| OrganizationInput {
        name: name.into(),
        business_number: Some(number.into()),
        ksic_division: Some(ksic),
        employees: Some(employees),
        sido: Some(sido.into()),
        industrial_complex: Some(complex.into()),
        site: Some(site.into()),
    };
    vec![
        DemoFirm {
            input: firm("(주)한빛정밀", "220-81-62517", 29, 84, "대구", "성서산업단지", "대구 달서구 본사공장"),
            maturity: 0.42,
            strong: &["automation", "systems"],
            weak: &["ai", "twin"],
            questionnaire: "kr-mfg-ai-readiness",
            mode: Mode::Consultant,
            assessor: Some("김지현 컨설턴트"),
            progress: Some(0.14),
        },
        DemoFirm {
            input: firm("대성사출(주)", "124-81-00998", 22, 46, "경기", "반월국가산업단지", "안산 제1공장"),
            maturity: 0.28,
            strong: &["automation"],
            weak: &["data", "ai", "security"],
            questionnaire: "kr-mfg-ai-readiness",
            mode: Mode::Consultant,
            assessor: Some("박민수 컨설턴트"),
            progress: Some(0.10),
        },
        DemoFirm {
            input: firm("청정식품 주식회사", "314-86-12340", 10, 130, "충북", "오송생명과학단지", "오송 HACCP 공장"),
            maturity: 0.55,
            strong: &["systems", "data", "security"],
            weak: &["twin"],
            questionnaire: "kr-mfg-ai-readiness",
            mode: Mode::SelfAssessment,
            assessor: Some("생산관리팀 이수진"),
            progress: None,
        },
        DemoFirm {
            input: firm("미래모빌리티부품(주)", "609-81-33331", 30, 260, "경남", "창원국가산업단지", "창원 2공장"),
            maturity: 0.68,
            strong: &["systems", "data", "ai"],
            weak: &["people"],
            questionnaire: "kr-mfg-ai-readiness",
            mode: Mode::Consultant,
            assessor: Some("김지현 컨설턴트"),
            progress: Some(0.09),
        },
        DemoFirm {
            input: firm("동해금속", "503-12-45678", 25, 18, "경북", "구미국가산업단지", "구미 공장"),
            maturity: 0.18,
            strong: &[],
            weak: &["strategy", "ai", "twin"],
            questionnaire: "kr-mfg-quick-scan",
            mode: Mode::SelfAssessment,
            assessor: None,
            progress: None,
        },
    ]
}

/// Picks an answer for a question whose item score lands near `target`.
fn answer_near(question: &Question, target: f64, random: &mut DemoRandom) -> Option<AnswerValue> {
    let t = (target + random.noise(0.25)).clamp(0.0, 1.0);
    let nearest = |scores: &mut dyn Iterator<Item = (String, f64)>| {
        scores.min_by(|a, b| (a.1 - t).abs().total_cmp(&(b.1 - t).abs())).map(|(id, _)| id)
    };
    match &question.kind {
        QuestionKind::Single { options } => nearest(&mut options.iter().map(|o| (o.id.clone(), o.score))).map(AnswerValue::Choice),
        QuestionKind::Multi { options, none_option, .. } => {
            let chosen: Vec<String> = options.iter().filter(|o| !o.exclusive && random.next_f64() < t).map(|o| o.id.clone()).collect();
            if chosen.is_empty() {
                Some(AnswerValue::Choices(none_option.iter().cloned().collect()))
            } else {
                Some(AnswerValue::Choices(chosen))
            }
        }
        QuestionKind::Grid { rows, scale } => {
            let mut grid = BTreeMap::new();
            for row in rows {
                let row_target = (t + random.noise(0.2)).clamp(0.0, 1.0);
                let step = scale.iter().min_by(|a, b| (a.score - row_target).abs().total_cmp(&(b.score - row_target).abs()))?;
                grid.insert(row.id.clone(), step.id.clone());
            }
            Some(AnswerValue::Grid(grid))
        }
        QuestionKind::Numeric { min, max, bands, .. } => {
            let band = bands.iter().min_by(|a, b| (a.score - t).abs().total_cmp(&(b.score - t).abs()))?;
            let i = bands.iter().position(|b| std::ptr::eq(b, band))?;
            let upper = bands.get(i + 1).map_or(*max, |next| next.from);
            let value = (band.from + (upper - band.from) * 0.4).clamp(*min, *max);
            Some(AnswerValue::Number((value * 10.0).round() / 10.0))
        }
        QuestionKind::Text => None,
    }
}

fn demo_answers(q: &Questionnaire, firm: &DemoFirm, shift: f64, seed: u64) -> Answers {
    let mut random = DemoRandom(seed.max(1));
    let mut answers = Answers::new(q);
    for question in &q.questions {
        let base = if firm.strong.contains(&question.dimension.as_str()) {
            firm.maturity + 0.2
        } else if firm.weak.contains(&question.dimension.as_str()) {
            firm.maturity - 0.2
        } else {
            firm.maturity
        };
        if question.allow_na && random.next_f64() < 0.08 {
            answers.set(&question.id, Rater::Firm, AnswerValue::NotApplicable);
            continue;
        }
        if let QuestionKind::Text = question.kind {
            let text = match question.id.len() % 2 {
                0 => "설비 데이터가 자동으로 모이지 않아 월말 집계에 이틀이 걸립니다.",
                _ => "내년에 MES 고도화와 설비 모니터링 도입을 검토하고 있습니다.",
            };
            answers.set(&question.id, Rater::Firm, AnswerValue::Text(text.into()));
            continue;
        }
        if let Some(v) = answer_near(question, base + shift, &mut random) {
            answers.set(&question.id, Rater::Firm, v);
        }
        if firm.mode == Mode::Consultant
            && random.next_f64() < 0.3
            && let Some(v) = answer_near(question, base + shift - 0.1, &mut random)
        {
            answers.set(&question.id, Rater::Consultant, v);
        }
        if random.next_f64() < 0.12 {
            let entry = answers.answers.entry(question.id.clone()).or_default();
            entry.note = Some("현장 확인: 담당자 면담 및 화면 확인".into());
            entry.evidence = Some("작업일보 사본, 시스템 화면 캡처".into());
        }
    }
    answers
}

/// What `load_demo` created.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DemoSummary {
    pub organizations: Vec<i64>,
    pub assessments: Vec<i64>,
}

/// Fills a workspace with the demo firms and their assessments, dated relative to `now`.
pub fn load_demo(store: &mut Store, catalog: &Catalog, now: DateTime<Utc>) -> Result<DemoSummary, StoreError> {
    let mut summary = DemoSummary { organizations: Vec::new(), assessments: Vec::new() };
    for (i, firm) in demo_firms().iter().enumerate() {
        let q = catalog.find(firm.questionnaire)?;
        let org = store.add_organization(&firm.input, now - Duration::days(400))?;
        summary.organizations.push(org);
        let mut previous = None;
        if let Some(progress) = firm.progress {
            let started = now - Duration::days(372);
            let id = store.create_assessment(
                &NewAssessment { organization_id: org, questionnaire: q, mode: firm.mode, assessor: firm.assessor.map(String::from), previous_id: None },
                started,
            )?;
            store.import_answers(id, &demo_answers(q, firm, -progress, 1000 + i as u64), started + Duration::days(2))?;
            store.complete_assessment(id, started + Duration::days(7))?;
            summary.assessments.push(id);
            previous = Some(id);
        }
        let started = now - Duration::days(9);
        let id = store.create_assessment(
            &NewAssessment { organization_id: org, questionnaire: q, mode: firm.mode, assessor: firm.assessor.map(String::from), previous_id: previous },
            started,
        )?;
        store.import_answers(id, &demo_answers(q, firm, 0.0, 2000 + i as u64), started + Duration::days(1))?;
        // The smallest firm is still answering: the demo shows a draft too.
        if firm.questionnaire != "kr-mfg-quick-scan" {
            store.complete_assessment(id, started + Duration::days(5))?;
        }
        summary.assessments.push(id);
    }
    Ok(summary)
}
