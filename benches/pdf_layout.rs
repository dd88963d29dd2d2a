//! How long a ten-page report takes to lay out and write, and how big it is. The target is under
//! 200 ms for the whole process and under 400 KB for a full report with charts.
//!
//! The first build is timed separately before Criterion starts, because it includes parsing the
//! two embedded fonts, which happens once per process.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use jindan::report::pdf::{
    HeadingLevel, PageSetup, PhaseTimeline, RadarChart, RadarSeries, RadarSeriesRole, ReportColor,
    ReportDocument, ReportFooter, ReportMetadata, ReportTable, TableColumn, TextAlignment,
    TextStyle, TimelineItem,
};

const DIMENSION_NAMES: [&str; 8] = [
    "전략·리더십",
    "공정·설비 자동화와 연결",
    "정보시스템과 통합",
    "데이터 수집·품질·거버넌스",
    "분석·AI 활용",
    "디지털 트윈·시뮬레이션",
    "인력·역량·조직",
    "보안·인프라",
];

const FINDING: &str = "현장 확인에서 담당자 면담과 시스템 화면으로 확인했습니다. MES 실적 화면, \
    설비 가동률 리포트(OEE)와 교육 이수 기록을 보았고, 기준정보 관리 절차가 문서로 정해져 있지 않아 \
    품목 코드가 부서마다 다르게 쓰이는 점을 찾았습니다. The evidence was reviewed on site.";

fn build_ten_page_report() -> Vec<u8> {
    let creation_date = chrono::DateTime::parse_from_rfc3339("2026-03-14T10:30:00+09:00")
        .expect("the date literal is valid");
    let mut document = ReportDocument::new(
        PageSetup::a4_portrait(),
        ReportMetadata {
            title: "디지털·AI 성숙도 진단 보고서".to_owned(),
            author: "지역 디지털전환센터".to_owned(),
            subject: "Digital and AI maturity diagnosis".to_owned(),
            keywords: Vec::new(),
            creation_date,
        },
        ReportFooter {
            left_text: "Jindan · 한빛정밀(주) · 데이터 지문 3f9a·c21e·77b0".to_owned(),
            page_number_format: "{page} / {pages}".to_owned(),
        },
    )
    .expect("the footer text is covered by the font");
    let values = [3.1, 2.8, 2.9, 2.1, 1.7, 0.6, 2.4, 3.4];

    // Page 1: summary with score bars and a radar chart.
    document
        .heading(HeadingLevel::One, "디지털·AI 성숙도 진단 보고서")
        .expect("drawable");
    document
        .key_value_line("기업명", "한빛정밀(주) — Hanbit Precision Co., Ltd.", 32.0)
        .expect("drawable");
    document
        .key_value_line("진단일", "2026년 3월 14일", 32.0)
        .expect("drawable");
    document
        .level_badge("레벨 2", ReportColor::PRIMARY, "자동 수집·모니터링")
        .expect("drawable");
    for (name, value) in DIMENSION_NAMES.iter().zip(values) {
        let score = value * 20.0;
        document
            .score_bar(name, score, &format!("{score:.0}점"), ReportColor::PRIMARY)
            .expect("drawable");
    }
    document
        .radar_chart(&RadarChart {
            axis_labels: DIMENSION_NAMES
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
            series: vec![
                RadarSeries {
                    name: "2차 진단".to_owned(),
                    role: RadarSeriesRole::Current,
                    values: values.to_vec(),
                },
                RadarSeries {
                    name: "1차 진단".to_owned(),
                    role: RadarSeriesRole::Previous,
                    values: values.iter().map(|value| value * 0.8).collect(),
                },
                RadarSeries {
                    name: "동종 업계 평균".to_owned(),
                    role: RadarSeriesRole::Benchmark,
                    values: vec![2.5; 8],
                },
            ],
            size_mm: 80.0,
        })
        .expect("drawable");

    // Pages 2 to 9: one page per dimension with findings and a table of items.
    for (index, name) in DIMENSION_NAMES.iter().enumerate() {
        document.start_new_page();
        document
            .heading(HeadingLevel::One, &format!("{}. {name}", index + 1))
            .expect("drawable");
        document
            .level_badge(
                &format!("레벨 {}", index % 5),
                ReportColor::PRIMARY,
                "영역 수준",
            )
            .expect("drawable");
        document
            .heading(HeadingLevel::Two, "주요 발견 사항")
            .expect("drawable");
        document
            .paragraph(&format!("{FINDING} {FINDING}"), &TextStyle::body())
            .expect("drawable");
        let table = ReportTable {
            columns: vec![
                TableColumn {
                    header: "문항".to_owned(),
                    width_weight: 4.0,
                    alignment: TextAlignment::Left,
                },
                TableColumn {
                    header: "점수".to_owned(),
                    width_weight: 1.0,
                    alignment: TextAlignment::Right,
                },
                TableColumn {
                    header: "근거".to_owned(),
                    width_weight: 6.0,
                    alignment: TextAlignment::Left,
                },
            ],
            rows: (1..=6)
                .map(|item| {
                    vec![
                        format!("{name} 문항 {item}"),
                        format!("{}", item * 15),
                        FINDING.to_owned(),
                    ]
                })
                .collect(),
        };
        document.table(&table).expect("drawable");
    }

    // Page 10: the plan.
    document.start_new_page();
    document
        .heading(HeadingLevel::One, "개선 로드맵")
        .expect("drawable");
    document
        .phase_timeline(&PhaseTimeline {
            phase_labels: vec![
                "0–3개월".to_owned(),
                "3–12개월".to_owned(),
                "12–36개월".to_owned(),
            ],
            items: (0..10)
                .map(|item| TimelineItem {
                    label: format!("개선 과제 {}: 설비 데이터 자동 수집", item + 1),
                    first_phase: item % 3,
                    last_phase: (item % 3 + item % 2).min(2),
                })
                .collect(),
        })
        .expect("drawable");
    assert_eq!(
        document.page_count(),
        10,
        "the benchmark report must stay ten pages long"
    );
    document.to_bytes().expect("writable")
}

fn pdf_layout_benchmark(criterion: &mut Criterion) {
    let started = Instant::now();
    let first = build_ten_page_report();
    eprintln!(
        "first ten-page report, fonts parsed included: {:.1} ms, {} bytes ({:.0} KB)",
        started.elapsed().as_secs_f64() * 1000.0,
        first.len(),
        first.len() as f64 / 1024.0
    );
    criterion.bench_function("ten_page_report", |bencher| {
        bencher.iter(|| black_box(build_ten_page_report()))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = pdf_layout_benchmark
}
criterion_main!(benches);
