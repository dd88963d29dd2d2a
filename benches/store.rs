//! Store latencies that need percentiles, not means: saving one answer on disk (WAL, full sync)
//! and listing 10,000 stored assessments.
//! Run: cargo bench --bench store

use chrono::{Duration, TimeZone, Utc};
use jindan::answers::Rater;
use jindan::questionnaire::Catalog;
use jindan::store::{AnswerChange, Mode, NewAssessment, OrganizationInput, Store};
use std::time::Instant;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let catalog = Catalog::builtin().unwrap();
    let q = catalog.find("kr-mfg-ai-readiness").unwrap();
    let mut store = Store::open(&path).unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let org = store.add_organization(&OrganizationInput { name: "Bench".into(), ..Default::default() }, t0).unwrap();
    let id = store.create_assessment(&NewAssessment { organization_id: org, questionnaire: q, mode: Mode::SelfAssessment, assessor: None, previous_id: None }, t0).unwrap();

    // Saving one answer: alternate two options of a single-choice question, 1,000 times.
    let question = q.questions.iter().find(|x| x.type_name() == "single").unwrap();
    let options: Vec<String> = match &question.kind {
        jindan::questionnaire::QuestionKind::Single { options } => options.iter().map(|o| o.id.clone()).collect(),
        _ => unreachable!(),
    };
    let mut times = Vec::new();
    for i in 0..1000 {
        let change = AnswerChange { value: Some(serde_json::json!(options[i % 2])), ..Default::default() };
        let start = Instant::now();
        store.save_answer(id, &question.id, Rater::Firm, &change, t0).unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "save one answer (WAL, synchronous=FULL), 1000 saves: median {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );

    // Listing 10,000 assessments.
    {
        let conn = store.connection();
        conn.execute_batch("BEGIN").unwrap();
        for i in 0..10_000 {
            let t = jindan::store::timestamp(t0 + Duration::minutes(i));
            conn.execute(
                "INSERT INTO assessments (organization_id, questionnaire_id, questionnaire_version, questionnaire_hash, status, mode, started_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'draft', 'self', ?5, ?5)",
                rusqlite::params![org, q.id, q.version, q.content_hash, t],
            )
            .unwrap();
        }
        conn.execute_batch("COMMIT").unwrap();
    }
    let mut times = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let list = store.assessments(None).unwrap();
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(list.len() > 10_000);
    }
    times.sort_by(f64::total_cmp);
    println!("list 10,001 assessments, 30 runs: median {:.2} ms, max {:.2} ms", percentile(&times, 0.5), times[times.len() - 1]);
}
