//! Builds a three-page Korean and English report with every drawing element and checks the PDF
//! as a reader would: with poppler's pdfinfo, pdffonts and pdftotext when they are installed
//! (`scripts/setup.sh` installs them). The PDF is left in Cargo's test scratch folder so that a
//! person can look at it.

use std::path::{Path, PathBuf};
use std::process::Command;

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

fn level_color(level: u8) -> ReportColor {
    match level {
        0 | 1 => ReportColor::from_rgb(0x9A, 0xA3, 0xAF),
        2 => ReportColor::from_rgb(0x4A, 0x7B, 0xC0),
        3 => ReportColor::from_rgb(0x2D, 0x5D, 0xA6),
        _ => ReportColor::PRIMARY,
    }
}

fn build_sample_report() -> ReportDocument {
    let creation_date = chrono::DateTime::parse_from_rfc3339("2026-03-14T10:30:00+09:00").unwrap();
    let mut document = ReportDocument::new(
        PageSetup::a4_portrait(),
        ReportMetadata {
            title: "디지털·AI 성숙도 진단 보고서 — 한빛정밀(주)".to_owned(),
            author: "대구 지역 디지털전환센터".to_owned(),
            subject: "Digital and AI maturity diagnosis".to_owned(),
            keywords: vec!["진단".to_owned(), "maturity".to_owned()],
            creation_date,
        },
        ReportFooter {
            left_text: "Jindan · 한빛정밀(주) · 데이터 지문 3f9a·c21e·77b0".to_owned(),
            page_number_format: "{page} / {pages}".to_owned(),
        },
    )
    .unwrap();

    // Page 1: summary.
    document
        .heading(HeadingLevel::One, "디지털·AI 성숙도 진단 보고서")
        .unwrap();
    document
        .key_value_line("기업명", "한빛정밀(주) — Hanbit Precision Co., Ltd.", 32.0)
        .unwrap();
    document
        .key_value_line("업종 · 규모", "자동차 부품 (금속 가공) · 종업원 84명", 32.0)
        .unwrap();
    document
        .key_value_line(
            "진단일",
            "2026년 3월 14일 (2차 진단, 1차: 2025년 3월 10일)",
            32.0,
        )
        .unwrap();
    document
        .key_value_line("진단 방식", "자가진단 후 지역센터 컨설턴트 현장 확인 (Self-assessment confirmed on site by a consultant)", 32.0)
        .unwrap();
    document.horizontal_rule();
    document.heading(HeadingLevel::Two, "종합 수준").unwrap();
    document
        .level_badge("레벨 2", level_color(2), "자동 수집·모니터링 — 주요 설비와 공정의 데이터가 자동으로 모이고, 가동 상태와 실적을 거의 실시간으로 봅니다.")
        .unwrap();
    document
        .paragraph(
            "한빛정밀은 1년 전보다 설비 데이터 자동 수집과 정보시스템 통합에서 크게 나아졌습니다. \
             다만 데이터 품질 관리와 분석 역량은 아직 초기 단계여서, 모인 데이터가 의사결정으로 이어지지 못하고 있습니다. \
             The overall score rose from 38 to 47 points; the next step is to turn collected data into decisions.",
            &TextStyle::body(),
        )
        .unwrap();
    document
        .heading(HeadingLevel::Three, "영역별 점수 (0–100)")
        .unwrap();
    let scores = [62.0, 55.0, 58.0, 41.0, 33.0, 12.0, 47.0, 68.0];
    for (name, score) in DIMENSION_NAMES.iter().zip(scores) {
        document
            .score_bar(name, score, &format!("{score:.0}점"), ReportColor::PRIMARY)
            .unwrap();
    }
    document
        .paragraph(
            "점수 변화는 1차 진단 대비 \u{2212}5점에서 +14점 사이입니다.",
            &TextStyle::secondary(),
        )
        .unwrap();

    // Page 2: radar chart and the dimension table.
    document.start_new_page();
    document
        .heading(HeadingLevel::One, "영역별 성숙도")
        .unwrap();
    document
        .radar_chart(&RadarChart {
            axis_labels: DIMENSION_NAMES
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
            series: vec![
                RadarSeries {
                    name: "2차 진단 (2026)".to_owned(),
                    role: RadarSeriesRole::Current,
                    values: vec![3.1, 2.8, 2.9, 2.1, 1.7, 0.6, 2.4, 3.4],
                },
                RadarSeries {
                    name: "1차 진단 (2025)".to_owned(),
                    role: RadarSeriesRole::Previous,
                    values: vec![2.6, 2.0, 1.9, 1.8, 1.2, 0.5, 2.0, 3.0],
                },
                RadarSeries {
                    name: "동종 업계 평균".to_owned(),
                    role: RadarSeriesRole::Benchmark,
                    values: vec![2.7, 2.6, 2.5, 2.3, 1.9, 1.0, 2.2, 2.6],
                },
            ],
            size_mm: 92.0,
        })
        .unwrap();
    let table = ReportTable {
        columns: vec![
            TableColumn { header: "영역".to_owned(), width_weight: 3.0, alignment: TextAlignment::Left },
            TableColumn { header: "점수".to_owned(), width_weight: 1.0, alignment: TextAlignment::Right },
            TableColumn { header: "레벨".to_owned(), width_weight: 1.0, alignment: TextAlignment::Center },
            TableColumn { header: "주요 근거 (Evidence)".to_owned(), width_weight: 6.0, alignment: TextAlignment::Left },
        ],
        rows: DIMENSION_NAMES
            .iter()
            .zip(scores)
            .enumerate()
            .map(|(index, (name, score))| {
                vec![
                    (*name).to_owned(),
                    format!("{score:.0}"),
                    format!("{}", (score / 20.0) as u8),
                    format!(
                        "{}번째 영역의 근거: 현장 확인에서 담당자 면담과 시스템 화면으로 확인했습니다. \
                         MES 실적 화면, 설비 가동률 리포트(OEE)와 교육 이수 기록을 보았습니다.",
                        index + 1
                    ),
                ]
            })
            .collect(),
    };
    document.table(&table).unwrap();

    // Page 3: the rest of the table flows here with its header repeated, then the plan.
    document.heading(HeadingLevel::One, "개선 로드맵").unwrap();
    document
        .phase_timeline(&PhaseTimeline {
            phase_labels: vec![
                "1단계 · 0–3개월".to_owned(),
                "2단계 · 3–12개월".to_owned(),
                "3단계 · 12–36개월".to_owned(),
            ],
            items: vec![
                TimelineItem {
                    label: "기준정보(품목·BOM·라우팅) 정비".to_owned(),
                    first_phase: 0,
                    last_phase: 0,
                },
                TimelineItem {
                    label: "주요 설비 12대 가동 데이터 자동 수집".to_owned(),
                    first_phase: 0,
                    last_phase: 1,
                },
                TimelineItem {
                    label: "MES–ERP 실적 연동".to_owned(),
                    first_phase: 1,
                    last_phase: 1,
                },
                TimelineItem {
                    label: "불량 원인 분석 대시보드와 주간 개선 회의".to_owned(),
                    first_phase: 1,
                    last_phase: 2,
                },
                TimelineItem {
                    label: "예지보전 시범 적용 (Predictive maintenance pilot)".to_owned(),
                    first_phase: 2,
                    last_phase: 2,
                },
            ],
        })
        .unwrap();
    document
        .paragraph(
            "각 단계의 과제는 지역센터와 함께 분기마다 점검합니다.\n비용과 지원사업은 부록을 참고하십시오.",
            &TextStyle::body(),
        )
        .unwrap();
    document
}

fn poppler_tool(name: &str) -> Option<PathBuf> {
    let output = Command::new(name).arg("-v").output().ok()?;
    // poppler's tools print their version on stderr and exit 0 (or 99 on old versions).
    if output.status.success() || !output.stderr.is_empty() {
        Some(PathBuf::from(name))
    } else {
        None
    }
}

fn run(tool: &Path, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{} failed: {}",
        tool.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn three_page_korean_report_has_embedded_subset_fonts_and_extractable_text() {
    let document = build_sample_report();
    assert_eq!(document.page_count(), 3);
    let bytes = document.to_bytes().unwrap();
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    assert!(
        bytes.len() < 300_000,
        "{} bytes is too large for three pages",
        bytes.len()
    );

    let pdf_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pdf_layout_sample.pdf");
    std::fs::write(&pdf_path, &bytes).unwrap();
    println!("sample report written to {}", pdf_path.display());
    let pdf = pdf_path.to_str().unwrap();

    match poppler_tool("pdfinfo") {
        Some(pdfinfo) => {
            let info = run(&pdfinfo, &[pdf]);
            assert!(
                info.lines()
                    .any(|line| line.starts_with("Pages:") && line.trim_end().ends_with(" 3")),
                "{info}"
            );
            assert!(info.contains("Producer:        Jindan"), "{info}");
            assert!(info.contains("디지털·AI 성숙도 진단 보고서"), "{info}");
            assert!(info.contains("대구 지역 디지털전환센터"), "{info}");
            assert!(info.contains("2026"), "creation date missing: {info}");
            assert!(
                info.contains("Page size:       595.276 x 841.89 pts (A4)"),
                "{info}"
            );
        }
        None => {
            println!("pdfinfo is not installed; page count and metadata not checked by poppler")
        }
    }

    match poppler_tool("pdffonts") {
        Some(pdffonts) => {
            let fonts = run(&pdffonts, &[pdf]);
            let font_lines: Vec<&str> = fonts.lines().skip(2).collect();
            assert_eq!(
                font_lines.len(),
                2,
                "expected the regular and bold faces: {fonts}"
            );
            for line in &font_lines {
                let columns: Vec<&str> = line.split_whitespace().collect();
                // name type... encoding emb sub uni object ID: "emb" and "sub" are the 5th and
                // 4th columns from the end.
                let emb = columns[columns.len() - 5];
                let sub = columns[columns.len() - 4];
                assert_eq!(
                    (emb, sub),
                    ("yes", "yes"),
                    "font not embedded as a subset: {line}"
                );
                assert!(line.contains("NanumGothic"), "{line}");
            }
            assert!(
                font_lines
                    .iter()
                    .any(|line| line.contains("NanumGothicBold")),
                "{fonts}"
            );
        }
        None => println!("pdffonts is not installed; font embedding not checked"),
    }

    match poppler_tool("pdftotext") {
        Some(pdftotext) => {
            let text = run(&pdftotext, &["-layout", pdf, "-"]);
            for expected in [
                "디지털·AI 성숙도 진단 보고서",
                "한빛정밀(주) — Hanbit Precision Co., Ltd.",
                "자동 수집·모니터링",
                "데이터 수집·품질·거버넌스",
                "2차 진단 (2026)",
                "동종 업계 평균",
                "주요 근거 (Evidence)",
                "개선 로드맵",
                "1단계 · 0–3개월",
                "예지보전 시범 적용",
                "-5점에서 +14점",
                "데이터 지문 3f9a·c21e·77b0",
            ] {
                assert!(
                    text.contains(expected),
                    "pdftotext output lacks {expected:?}:\n{text}"
                );
            }
            // pdftotext drops the narrow spaces around the slash of "1 / 3", so the page
            // numbers are looked for without spaces.
            let text_without_spaces: String = text.chars().filter(|ch| *ch != ' ').collect();
            for expected in ["1/3", "2/3", "3/3"] {
                assert!(
                    text_without_spaces.contains(expected),
                    "page number {expected} missing:\n{text}"
                );
            }
            let pages: Vec<&str> = text.split('\u{c}').collect();
            // The table breaks from page 2 onto page 3 and repeats its header there.
            assert!(
                pages[1].contains("주요 근거 (Evidence)")
                    && pages[2].contains("주요 근거 (Evidence)"),
                "{text}"
            );
        }
        None => println!("pdftotext is not installed; text extraction not checked"),
    }
}
