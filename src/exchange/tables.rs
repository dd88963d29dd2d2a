//! The benchmark as a table for the centre's own reports: CSV (UTF-8 with a BOM, so that Excel
//! reads Korean correctly) and XLSX. One row per published cell and measure (a dimension or the
//! overall score), which suits pivot tables and filters.

use super::benchmark::{employee_band_name, BenchmarkFile, Statistics};
use super::ExchangeError;
use crate::firm;
use rust_xlsxwriter::{Format, Workbook};

/// The column headings, Korean with English in brackets.
const HEADINGS: [&str; 14] = [
    "설문 (questionnaire)",
    "버전 (version)",
    "KSIC",
    "업종 (industry)",
    "규모 (employees)",
    "시·도 (region)",
    "기업 수 (firms)",
    "항목 ID (measure)",
    "항목 (measure name)",
    "평균 (mean)",
    "중앙값 (median)",
    "25백분위 (p25)",
    "75백분위 (p75)",
    "수치 기준일 (figures as of)",
];

/// What "all" reads as in a table.
const ALL: &str = "전체";

/// One table row: text cells, then the firm count, then the four statistics, then the day of the
/// figures (the publication's, or an earlier one's for a cell that repeats earlier figures).
struct Row {
    text: [String; 6],
    firms: u32,
    measure: [String; 2],
    statistics: Statistics,
    as_of: String,
}

fn rows(file: &BenchmarkFile) -> Vec<Row> {
    let mut out = Vec::new();
    for cell in &file.content.cells {
        let Some(q) = file.content.questionnaires.iter().find(|q| q.content_hash == cell.questionnaire_hash) else { continue };
        let text = [
            q.id.clone(),
            q.version.clone(),
            cell.ksic_division.map_or_else(|| ALL.to_string(), |d| d.to_string()),
            cell.ksic_division.and_then(firm::ksic_division).map_or_else(|| ALL.to_string(), |d| d.name.ko),
            cell.employee_band.as_deref().map_or_else(|| ALL.to_string(), |b| employee_band_name(b).ko),
            cell.sido.clone().unwrap_or_else(|| ALL.to_string()),
        ];
        let as_of = cell.as_of.clone().unwrap_or_else(|| file.content.published_on.clone());
        out.push(Row { text: text.clone(), firms: cell.firms, measure: ["overall".into(), "종합".into()], statistics: cell.overall, as_of: as_of.clone() });
        for d in &q.dimensions {
            if let Some(s) = cell.dimensions.get(&d.id) {
                out.push(Row { text: text.clone(), firms: cell.firms, measure: [d.id.clone(), d.name.ko.clone()], statistics: *s, as_of: as_of.clone() });
            }
        }
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The benchmark as CSV text: a UTF-8 byte-order mark, a heading row, CRLF line ends.
pub fn benchmark_csv(file: &BenchmarkFile) -> String {
    let mut out = String::from("\u{FEFF}");
    out.push_str(&HEADINGS.iter().map(|h| csv_field(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for row in rows(file) {
        let mut fields: Vec<String> = row.text.iter().map(|t| csv_field(t)).collect();
        fields.push(row.firms.to_string());
        fields.extend(row.measure.iter().map(|m| csv_field(m)));
        let s = row.statistics;
        fields.extend([s.mean, s.median, s.p25, s.p75].iter().map(|v| format!("{v:.1}")));
        fields.push(row.as_of.clone());
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The benchmark as an XLSX workbook: the table on one sheet (headings bold, frozen, filtered)
/// and what it is on a second.
pub fn benchmark_xlsx(file: &BenchmarkFile) -> Result<Vec<u8>, ExchangeError> {
    let failed = |e: rust_xlsxwriter::XlsxError| ExchangeError::Spreadsheet(e.to_string());
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let one_decimal = Format::new().set_num_format("0.0");
    let table = rows(file);
    {
        let sheet = workbook.add_worksheet();
        sheet.set_name("benchmarks").map_err(failed)?;
        for (c, h) in HEADINGS.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold).map_err(failed)?;
        }
        for (i, row) in table.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, t) in row.text.iter().enumerate() {
                sheet.write_string(r, c as u16, t).map_err(failed)?;
            }
            sheet.write_number(r, 6, f64::from(row.firms)).map_err(failed)?;
            sheet.write_string(r, 7, &row.measure[0]).map_err(failed)?;
            sheet.write_string(r, 8, &row.measure[1]).map_err(failed)?;
            let s = row.statistics;
            for (c, v) in [s.mean, s.median, s.p25, s.p75].into_iter().enumerate() {
                sheet.write_number_with_format(r, 9 + c as u16, v, &one_decimal).map_err(failed)?;
            }
            sheet.write_string(r, 13, &row.as_of).map_err(failed)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(failed)?;
        sheet.autofilter(0, 0, table.len() as u32, HEADINGS.len() as u16 - 1).map_err(failed)?;
        sheet.autofit();
    }
    {
        let c = &file.content;
        let about = workbook.add_worksheet();
        about.set_name("about").map_err(failed)?;
        let lines = [
            ("형식 (format)", format!("{} {}", file.format, file.format_version)),
            ("발행일 (published on)", c.published_on.clone()),
            ("발행 기관 (published by)", c.published_by.clone().unwrap_or_default()),
            ("최소 기업 수 k (minimum firms per cell)", c.k.to_string()),
            ("백분위 계산 (percentile method)", c.percentile_method.clone()),
            ("체크섬 (checksum)", file.checksum.clone()),
        ];
        for (i, (label, value)) in lines.iter().enumerate() {
            about.write_string_with_format(i as u32, 0, *label, &bold).map_err(failed)?;
            about.write_string(i as u32, 1, value).map_err(failed)?;
        }
        about.autofit();
    }
    workbook.save_to_buffer().map_err(failed)
}

/// Writes a benchmark as `json_path` (JSON) and, beside it with the same base name, `.csv` and
/// `.xlsx`. Returns the three paths written.
pub fn write_benchmark_files(file: &BenchmarkFile, json_path: &std::path::Path) -> Result<[std::path::PathBuf; 3], ExchangeError> {
    let csv_path = json_path.with_extension("csv");
    let xlsx_path = json_path.with_extension("xlsx");
    let xlsx = benchmark_xlsx(file)?;
    let write = |path: &std::path::Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| ExchangeError::BadInput(format!("cannot write {}: {e}", path.display())))
    };
    write(json_path, super::benchmark::benchmark_json(file).as_bytes())?;
    write(&csv_path, benchmark_csv(file).as_bytes())?;
    write(&xlsx_path, &xlsx)?;
    Ok([json_path.to_path_buf(), csv_path, xlsx_path])
}
