//! Anonymized bundles as a centre receives them: any bytes are refused with a reason or accepted,
//! never a panic. Each input is tried twice: as it is, and "resealed" with a correct checksum so
//! that the fuzzer also reaches the checks behind the checksum (ids, attributes, answers,
//! re-scoring). What is accepted is then published as benchmarks, which must keep k.

#![no_main]

use chrono::NaiveDate;
use jindan::exchange::bundle::{bundle_checksum, bundle_json, read_bundle, BundleFile};
use jindan::exchange::center::CenterRecord;
use jindan::exchange::{publish_benchmarks, PublishOptions};
use jindan::questionnaire::Catalog;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("the shipped questionnaires load"))
}

fn check(bytes: &[u8]) {
    let Ok(bundle) = read_bundle("fuzz.json", bytes, catalog()) else { return };
    let records: Vec<CenterRecord> = bundle.content.assessments.iter().map(CenterRecord::of).collect();
    let Some(published_on) = NaiveDate::from_ymd_opt(2026, 11, 21) else { return };
    for k in [2, 5] {
        let options = PublishOptions { k, published_on, published_by: None };
        let (file, _) = publish_benchmarks(&records, catalog(), &options).expect("accepted records publish");
        assert!(file.content.cells.iter().all(|c| c.firms >= k), "a published cell is below k = {k}");
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Ok(mut bundle) = serde_json::from_slice::<BundleFile>(data) {
        for a in &mut bundle.content.assessments {
            for value in a.answers.values_mut() {
                value.sort_all_objects();
            }
        }
        bundle.checksum = bundle_checksum(&bundle.content);
        check(bundle_json(&bundle).as_bytes());
    }
});
