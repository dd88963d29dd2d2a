//! `jindan org consent`, `jindan export --anonymized`, `jindan center …` and `jindan benchmark …`:
//! the exchange commands, each a call into `jindan::exchange` and a printout.

use super::{bad_input, now, runtime, write_out, Failure, Outcome, Workspace};
use anyhow::anyhow;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use jindan::exchange::benchmark::{BenchmarkComparison, MeasureComparison, DEFAULT_K};
use jindan::exchange::center::FileResult;
use jindan::exchange::dashboard::{Dashboard, GroupAverage};
use jindan::exchange::{self, ExchangeError, ExportRequest, PublishOptions};
use jindan::i18n::Lang;
use jindan::questionnaire::Catalog;
use std::path::PathBuf;

impl From<ExchangeError> for Failure {
    fn from(e: ExchangeError) -> Failure {
        if e.is_bad_input() { bad_input(e) } else { runtime(e) }
    }
}

/// `jindan org consent`.
#[derive(Args)]
pub struct ConsentArgs {
    /// The firm.
    pub id: i64,
    /// Record the firm's consent to share anonymized results with a regional centre.
    #[arg(long, conflicts_with = "withdraw")]
    pub yes: bool,
    /// Withdraw consent: nothing of the firm is exported from now on.
    #[arg(long)]
    pub withdraw: bool,
    #[arg(long)]
    pub json: bool,
}

/// `jindan export`.
#[derive(Args)]
pub struct ExportArgs {
    /// Write an anonymized bundle for a regional centre (`assess export` writes one answers file).
    #[arg(long, required = true)]
    pub anonymized: bool,
    /// The bundle file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Only this firm (repeatable); all consenting firms when left out.
    #[arg(long = "org")]
    pub organizations: Vec<i64>,
    /// Only assessments completed on or after this day (YYYY-MM-DD).
    #[arg(long, value_parser = parse_day)]
    pub since: Option<NaiveDate>,
    /// Seal the bundle with the passphrase in this file (`-` for standard input), agreed with the
    /// centre; or set JINDAN_BUNDLE_PASSPHRASE. Name the file *.sealed.
    #[arg(long, value_name = "FILE")]
    pub bundle_passphrase_file: Option<PathBuf>,
}

/// The environment variable that can hold a bundle's passphrase.
pub const BUNDLE_PASSPHRASE_VARIABLE: &str = "JINDAN_BUNDLE_PASSPHRASE";

/// `jindan center …`: the regional centre's workspace.
#[derive(Subcommand)]
pub enum CenterCommand {
    /// Import anonymized bundles: files, or folders of *.json files. Each file is imported whole or
    /// rejected with a reason; assessments already held are skipped.
    Import {
        /// Bundle files, or folders of *.json and *.sealed files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The passphrase for sealed bundles, in this file (`-` for standard input); or set
        /// JINDAN_BUNDLE_PASSPHRASE.
        #[arg(long, value_name = "FILE")]
        bundle_passphrase_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Firms diagnosed per year, level distribution, averages by group, re-assessments.
    Dashboard {
        #[arg(long)]
        json: bool,
    },
    /// Publish benchmark cells to FILE (JSON), with FILE's .csv and .xlsx beside it. The
    /// publication is recorded in this workspace, and cells that changed by fewer than k firms
    /// since an earlier one repeat their earlier figures (marked as_of).
    Publish {
        #[arg(long)]
        out: PathBuf,
        /// The smallest number of firms a published cell may have.
        #[arg(long, default_value_t = DEFAULT_K)]
        k: u32,
        /// The publishing centre's name, written into the file.
        #[arg(long)]
        by: Option<String>,
    },
}

/// `jindan benchmark …`: peer benchmarks in a firm's workspace.
#[derive(Subcommand)]
pub enum BenchmarkCommand {
    /// Check a benchmark file from a centre and keep it in the workspace.
    Install { file: PathBuf },
    /// List installed benchmarks.
    List {
        #[arg(long)]
        json: bool,
    },
    /// An assessment next to firms like it, per dimension and overall.
    Show {
        assessment: i64,
        #[arg(long)]
        json: bool,
    },
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| format!("'{s}' is not a day like 2026-01-31"))
}

fn pick(lang: Lang, ko: &str, en: &str) -> String {
    match lang {
        Lang::Ko => ko.to_string(),
        Lang::En => en.to_string(),
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    super::output::pretty(value)
}

/// `jindan org consent ID [--yes | --withdraw]`.
pub fn consent(ctx: &Workspace, args: ConsentArgs) -> Outcome {
    let store = ctx.store()?;
    let organization = store.organization(args.id)?;
    let state = if args.yes {
        exchange::give_consent(&store, args.id, now()?)?
    } else if args.withdraw {
        store.withdraw_consent(args.id, now()?)?
    } else {
        store.organization_consent(args.id)?
    };
    if args.json {
        return write_out(None, &to_json(&state));
    }
    let lang = ctx.lang;
    let line = match &state.consent_at {
        Some(at) => pick(
            lang,
            &format!("기업 {} ({}): 익명 결과 공유에 동의함 ({})", args.id, organization.name, at.get(..10).unwrap_or(at)),
            &format!("firm {} ({}): consents to sharing anonymized results (since {})", args.id, organization.name, at.get(..10).unwrap_or(at)),
        ),
        None => pick(
            lang,
            &format!("기업 {} ({}): 익명 결과 공유에 동의하지 않음", args.id, organization.name),
            &format!("firm {} ({}): does not consent to sharing anonymized results", args.id, organization.name),
        ),
    };
    write_out(None, &line)
}

/// `jindan export --anonymized --out FILE [--org ID …] [--since DAY]`.
pub fn export(ctx: &Workspace, args: ExportArgs) -> Outcome {
    let mut store = ctx.store()?;
    let request = ExportRequest {
        organizations: (!args.organizations.is_empty()).then_some(args.organizations),
        since: args.since,
    };
    let outcome = exchange::export_anonymized_bundle(&mut store, &request, &mut exchange::random_id)?;
    for firm in &outcome.skipped_without_consent {
        eprintln!("skipped firm {} ({}): no consent to share results (jindan org consent {} --yes)", firm.organization_id, firm.name, firm.organization_id);
    }
    if outcome.drafts_left_out > 0 {
        eprintln!("left out {} draft assessment(s): only completed assessments are shared", outcome.drafts_left_out);
    }
    let count = outcome.bundle.content.assessments.len();
    if count == 0 {
        return Err(bad_input(anyhow!("nothing to export: no completed assessment of a consenting firm; {} was not written", args.out.display())));
    }
    match super::workspace::passphrase_from(args.bundle_passphrase_file.as_deref(), BUNDLE_PASSPHRASE_VARIABLE)? {
        Some(passphrase) => exchange::write_sealed_bundle_file(&outcome.bundle, &args.out, &passphrase)?,
        None => exchange::write_bundle_file(&outcome.bundle, &args.out)?,
    }
    println!("{}", args.out.display());
    eprintln!("exported {count} assessment(s) of {} firm(s), anonymized, {}", outcome.firms_exported, outcome.bundle.checksum);
    Ok(())
}

/// `jindan center …`.
pub fn center(ctx: &Workspace, cmd: CenterCommand) -> Outcome {
    let store = ctx.store()?;
    match cmd {
        CenterCommand::Import { paths, bundle_passphrase_file, json } => {
            let passphrase = super::workspace::passphrase_from(bundle_passphrase_file.as_deref(), BUNDLE_PASSPHRASE_VARIABLE)?;
            let catalog = ctx.catalog()?;
            let files = exchange::bundle_paths(&paths)?;
            if files.is_empty() {
                return Err(bad_input(anyhow!("no bundle files (*.json, *.sealed) found in {}", paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "))));
            }
            // A line per 10,000 records, and every rejection as it happens, on stderr.
            const EVERY: usize = 10_000;
            let mut next_report = EVERY;
            let summary = exchange::import_bundle_files(&store, &catalog, &files, passphrase.as_deref(), now()?, &mut |p| {
                if let FileResult::Rejected { reason } = &p.latest.result {
                    eprintln!("rejected {}: {reason}", p.latest.file);
                }
                if p.records_done >= next_report {
                    eprintln!("… {} records from {} of {} files", p.records_done, p.files_done, p.files_total);
                    next_report = (p.records_done / EVERY + 1) * EVERY;
                }
            })?;
            if json {
                write_out(None, &to_json(&summary))?;
            } else {
                println!(
                    "{} file(s): {} imported, {} duplicate(s) skipped, {} file(s) rejected",
                    summary.files.len(),
                    summary.imported,
                    summary.duplicates,
                    summary.rejected
                );
            }
            if summary.rejected > 0 { Err(bad_input(anyhow!("{} of {} file(s) were rejected; nothing of them was imported", summary.rejected, summary.files.len()))) } else { Ok(()) }
        }
        CenterCommand::Dashboard { json } => {
            let dashboard = exchange::center_dashboard(&exchange::center_records(&store)?);
            if json { write_out(None, &to_json(&dashboard)) } else { write_out(None, &dashboard_text(&dashboard, &ctx.catalog()?, ctx.lang)) }
        }
        CenterCommand::Publish { out, k, by } => {
            let catalog = ctx.catalog()?;
            let options = PublishOptions { k, published_on: now()?.date_naive(), published_by: by };
            let (written, report) = exchange::publish_center_benchmarks(&store, &catalog, &options, &out, now()?)?;
            for path in &written {
                println!("{}", path.display());
            }
            eprintln!(
                "{} firm(s); {} of {} cells published (k = {k}); {} below k, {} more suppressed against differencing; {} firm(s) left out for missing scores",
                report.firms,
                report.cells_published,
                report.cells,
                report.cells_too_small,
                report.cells_suppressed_against_differencing,
                report.firms_left_out
            );
            if report.cells_held_back_since_earlier > 0 {
                eprintln!(
                    "{} cell(s) changed by fewer than k firms since an earlier publication: no new figures for them; {} repeat their earlier figures",
                    report.cells_held_back_since_earlier, report.cells_repeated_from_earlier
                );
            }
            Ok(())
        }
    }
}

/// `jindan benchmark …`.
pub fn benchmark(ctx: &Workspace, cmd: BenchmarkCommand) -> Outcome {
    let mut store = ctx.store()?;
    match cmd {
        BenchmarkCommand::Install { file } => {
            let name = file.display().to_string();
            let size = std::fs::metadata(&file).map_err(|e| bad_input(anyhow!("{name}: cannot read the file: {e}")))?.len();
            if size > exchange::MAX_FILE_BYTES {
                return Err(bad_input(anyhow!("{name}: the file is {size} bytes, more than a benchmark may have")));
            }
            let bytes = std::fs::read(&file).map_err(|e| bad_input(anyhow!("{name}: cannot read the file: {e}")))?;
            let outcome = exchange::install_benchmark(&store, &name, &bytes, now()?)?;
            if outcome.newly_installed {
                println!("installed benchmark {} ({} cells, published {})", outcome.id, outcome.cells, outcome.published_on);
            } else {
                println!("benchmark {} is already installed ({} cells, published {})", outcome.id, outcome.cells, outcome.published_on);
            }
            Ok(())
        }
        BenchmarkCommand::List { json } => {
            let list = exchange::installed_benchmarks(&store)?;
            if json {
                return write_out(None, &to_json(&list));
            }
            let lines: Vec<String> = list
                .iter()
                .map(|b| {
                    let c = &b.file.content;
                    let versions: Vec<String> = c.questionnaires.iter().map(|q| format!("{}@{}", q.id, q.version)).collect();
                    format!("{:>3}  {}  {:<20} {:>5} cells  k={}  {}", b.id, c.published_on, c.published_by.as_deref().unwrap_or("-"), c.cells.len(), c.k, versions.join(", "))
                })
                .collect();
            write_out(None, &lines.join("\n"))
        }
        BenchmarkCommand::Show { assessment, json } => {
            let comparison = exchange::compare_assessment_with_installed_benchmark(&mut store, assessment)?;
            if json { write_out(None, &to_json(&comparison)) } else { write_out(None, &comparison_text(assessment, &comparison, ctx.lang)) }
        }
    }
}

/// Pads to a column width the way a terminal shows it: Hangul takes two columns.
fn pad_to(s: &str, width: usize) -> String {
    let shown: usize = s
        .chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(shown)))
}

fn one(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.1}"))
}

fn comparison_text(assessment: i64, c: &BenchmarkComparison, lang: Lang) -> String {
    let mut out = pick(
        lang,
        &format!("평가 {assessment} ({}) — 비교 집단: {} (발행 {})\n", c.questionnaire, c.peers.ko, c.published_on),
        &format!("assessment {assessment} ({}) — compared with {} (published {})\n", c.questionnaire, c.peers.en, c.published_on),
    );
    out.push_str(&pick(
        lang,
        "항목                               나    평균  중앙값   25%–75%      위치\n",
        "measure                           you    mean  median   p25–p75      where\n",
    ));
    let line = |m: &MeasureComparison| {
        let name = m.name.get(lang);
        let spread = m.peers.map_or_else(|| "-".to_string(), |p| format!("{:.1}–{:.1}", p.p25, p.p75));
        format!(
            "{}{:>6} {:>7} {:>7} {:>11}   {}\n",
            pad_to(name, 30),
            one(m.you),
            one(m.peers.map(|p| p.mean)),
            one(m.peers.map(|p| p.median)),
            spread,
            m.position.map(|p| p.text().get(lang).to_string()).unwrap_or_default()
        )
    };
    out.push_str(&line(&c.overall));
    for d in &c.dimensions {
        out.push_str(&line(d));
    }
    out.trim_end().to_string()
}

fn dimension_name(catalog: &Catalog, questionnaire_id: &str, dimension: &str, lang: Lang) -> String {
    if dimension == "overall" {
        return pick(lang, "종합", "overall");
    }
    catalog
        .iter()
        .filter(|q| q.id == questionnaire_id)
        .find_map(|q| q.dimension(dimension))
        .map_or_else(|| dimension.to_string(), |d| d.name.get(lang).to_string())
}

fn dashboard_text(d: &Dashboard, catalog: &Catalog, lang: Lang) -> String {
    let mut out = pick(
        lang,
        &format!("센터 현황: 진단 {}건, 기업 {}곳\n", d.assessments, d.firms),
        &format!("Centre dashboard: {} assessments of {} firms\n", d.assessments, d.firms),
    );
    out.push_str(&pick(lang, "\n연도별 진단 기업\n", "\nFirms diagnosed per year\n"));
    for y in &d.by_year {
        out.push_str(&format!("  {}  {:>6} {}  {:>6} {}\n", y.year, y.firms, pick(lang, "곳", "firms"), y.assessments, pick(lang, "건", "assessments")));
    }
    for q in &d.questionnaires {
        out.push_str(&format!(
            "\n== {} ({}) — {} {}, {} {} ==\n",
            q.questionnaire_id,
            q.versions.join(", "),
            q.firms,
            pick(lang, "곳", "firms"),
            q.assessments,
            pick(lang, "건", "assessments")
        ));
        out.push_str(&pick(lang, "수준 분포 (기업 수, 최근 진단 기준)\n", "Level distribution (firms, latest assessment)\n"));
        out.push_str(&format!("  {}    L0    L1    L2    L3    L4    L5   -\n", pad_to("", 28)));
        // Dimensions in the questionnaire's own order, the overall level last.
        let order = |id: &str| {
            catalog
                .iter()
                .find(|x| x.id == q.questionnaire_id)
                .and_then(|x| x.dimensions.iter().position(|d| d.id == id))
                .unwrap_or(if id == "overall" { usize::MAX } else { usize::MAX - 1 })
        };
        let mut levels: Vec<_> = q.level_distribution.iter().collect();
        levels.sort_by_key(|l| order(&l.dimension));
        for l in levels {
            let counts: String = l.firms_at_level.iter().map(|c| format!("{c:>6}")).collect();
            out.push_str(&format!("  {}{counts}{:>4}\n", pad_to(&dimension_name(catalog, &q.questionnaire_id, &l.dimension, lang), 28), l.not_scored));
        }
        let groups = |title: String, list: &[GroupAverage], label: &dyn Fn(&str) -> String| {
            let mut s = title;
            for g in list {
                s.push_str(&format!("  {}{:>6} {}  {:>6}\n", pad_to(&label(&g.group), 36), g.firms, pick(lang, "곳", "firms"), one(g.mean_overall)));
            }
            s
        };
        let ksic_label = |g: &str| match g.parse::<u8>().ok().and_then(jindan::firm::ksic_division) {
            Some(k) => exchange::benchmark::ksic_short_name(k.code).get(lang).to_string(),
            None => pick(lang, "미상", "unknown"),
        };
        let band_label = |g: &str| if g == "unknown" { pick(lang, "미상", "unknown") } else { exchange::benchmark::employee_band_name(g).get(lang).to_string() };
        let sido_label = |g: &str| match jindan::firm::SIDO.iter().find(|s| s.0 == g) {
            Some((ko, en)) => pick(lang, ko, en),
            None => pick(lang, "미상", "unknown"),
        };
        out.push_str(&groups(pick(lang, "업종별 종합 점수 평균\n", "Mean overall score by KSIC division\n"), &q.by_ksic_division, &ksic_label));
        out.push_str(&groups(pick(lang, "규모별 종합 점수 평균\n", "Mean overall score by employee band\n"), &q.by_employee_band, &band_label));
        out.push_str(&groups(pick(lang, "시·도별 종합 점수 평균\n", "Mean overall score by 시·도\n"), &q.by_sido, &sido_label));
        let r = &q.reassessed;
        out.push_str(&pick(
            lang,
            &format!("재진단 기업: {}곳, 종합 점수 평균 변화 {}\n", r.firms, r.mean_overall_change.map_or("-".into(), |c| format!("{c:+.1}"))),
            &format!("Re-assessed firms: {}, mean overall change {}\n", r.firms, r.mean_overall_change.map_or("-".into(), |c| format!("{c:+.1}"))),
        ));
        const SHOWN: usize = 20;
        for c in r.changes.iter().take(SHOWN) {
            out.push_str(&format!(
                "  {}  {}→{}  {} → {} ({})\n",
                c.firm.get(..8).unwrap_or(&c.firm),
                c.from_year,
                c.to_year,
                one(c.overall_before),
                one(c.overall_after),
                c.overall_change.map_or("-".into(), |x| format!("{x:+.1}"))
            ));
        }
        if r.changes.len() > SHOWN {
            out.push_str(&pick(lang, &format!("  … 외 {}곳 (--json으로 전체)\n", r.changes.len() - SHOWN), &format!("  … and {} more (all with --json)\n", r.changes.len() - SHOWN)));
        }
        let w = &q.without_follow_up;
        let years: Vec<String> = w.by_year.iter().map(|y| format!("{}: {}", y.year, y.firms)).collect();
        let years = if years.is_empty() { String::new() } else { format!(" ({})", years.join(", ")) };
        out.push_str(&pick(
            lang,
            &format!("후속 진단이 아직 없는 기업: {}곳{years}\n", w.firms),
            &format!("Firms with no follow-up yet: {}{years}\n", w.firms),
        ));
    }
    out.trim_end().to_string()
}
