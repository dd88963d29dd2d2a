//! Benchmark files as a firm installs them: any bytes are refused with a reason or accepted,
//! never a panic; accepted files can be described, tabulated and searched for a firm's cell.
//! Like the bundle target, each input is also tried resealed with a correct checksum.

#![no_main]

use jindan::exchange::benchmark::{benchmark_checksum, benchmark_json, read_benchmark, BenchmarkFile};
use jindan::exchange::{benchmark_csv, describe_cell, nearest_benchmark_cell, InstalledBenchmark};
use libfuzzer_sys::fuzz_target;

fn check(bytes: &[u8]) {
    let Ok(file) = read_benchmark("fuzz.json", bytes) else { return };
    let _ = benchmark_csv(&file);
    for cell in &file.content.cells {
        let _ = describe_cell(cell);
    }
    let installed = InstalledBenchmark { id: 1, installed_at: "2026-11-21T09:00:00Z".into(), file: file.clone() };
    for cell in &file.content.cells {
        let found = nearest_benchmark_cell(&installed, &cell.questionnaire_hash, cell.ksic_division, cell.employee_band.as_deref(), cell.sido.as_deref());
        assert!(found.is_some(), "a published cell is not found for its own attributes");
    }
}

fuzz_target!(|data: &[u8]| {
    check(data);
    if let Ok(mut file) = serde_json::from_slice::<BenchmarkFile>(data) {
        file.checksum = benchmark_checksum(&file.content);
        check(benchmark_json(&file).as_bytes());
    }
});
