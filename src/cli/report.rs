//! `jindan report ASSESSMENT --out FILE.pdf` and `jindan report verify FILE.pdf`: each gathers
//! its inputs, calls one function of `jindan::report`, and writes or prints the result.

use super::plan::PlanData;
use super::{Failure, Outcome, Workspace, bad_input, now, runtime};
use anyhow::{Context, anyhow};
use chrono::{DateTime, FixedOffset, Utc};
use clap::{Args, Subcommand};
use jindan::plan::{self, Targets};
use jindan::report::{self, ReportError, ReportOptions};
use std::path::PathBuf;

impl From<ReportError> for Failure {
    fn from(e: ReportError) -> Failure {
        if e.is_bad_input() { bad_input(e) } else { runtime(e) }
    }
}

/// `jindan report`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ReportArgs {
    #[command(subcommand)]
    command: Option<ReportCommand>,
    /// The assessment to report on.
    #[arg(required = true)]
    assessment: Option<i64>,
    /// The PDF file to write.
    #[arg(long, required = true)]
    out: Option<PathBuf>,
    /// A target level as DIMENSION=LEVEL for the plan (repeatable); other dimensions aim one level up.
    #[arg(long = "target")]
    targets: Vec<String>,
    #[command(flatten)]
    data: PlanData,
}

#[derive(Subcommand)]
enum ReportCommand {
    /// Check that a report still matches the answers stored in the workspace. Exit 0 when it
    /// matches; 2 when the answers changed, the assessment is not in this workspace, or the file
    /// is not a Jindan report.
    Verify {
        /// The report PDF.
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// The moment in Korean time: a report's dates are the days its readers see on their calendars.
fn korean_time(moment: DateTime<Utc>) -> DateTime<FixedOffset> {
    let korea = FixedOffset::east_opt(9 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC is a valid offset"));
    moment.with_timezone(&korea)
}

/// `jindan report …`.
pub fn report(ctx: &Workspace, args: ReportArgs) -> Outcome {
    if let Some(ReportCommand::Verify { file, json }) = args.command {
        return verify(ctx, file, json);
    }
    let (Some(assessment), Some(out)) = (args.assessment, args.out) else {
        return Err(bad_input(anyhow!("name the assessment and the file: jindan report ASSESSMENT --out FILE.pdf")));
    };
    let options = ReportOptions {
        targets: Targets::parse_assignments(&args.targets)?,
        recommendations: args.data.recommendations.as_deref().map(plan::load_recommendations_file).transpose()?,
        programmes: args.data.programmes.as_deref().map(plan::load_programmes_file).transpose()?,
        plan_day: args.data.day()?,
        peers: args.data.peer_mark()?,
    };
    let created = korean_time(now()?);
    let mut store = ctx.store()?;
    let bytes = report::build_report_for_assessment(&mut store, assessment, ctx.lang, created, &options)?;
    std::fs::write(&out, &bytes).with_context(|| format!("cannot write {}", out.display())).map_err(runtime)?;
    eprintln!("wrote {} ({} KB)", out.display(), bytes.len().div_ceil(1024));
    Ok(())
}

fn verify(ctx: &Workspace, file: PathBuf, json: bool) -> Outcome {
    let bytes = std::fs::read(&file).map_err(|e| bad_input(anyhow!("{}: cannot read the file: {e}", file.display())))?;
    let mut store = ctx.store()?;
    let verification = report::verify_report(&mut store, &bytes)?;
    if json {
        super::write_out(None, &super::output::pretty(&verification))?;
    } else if verification.matches() {
        super::write_out(None, &verification.message())?;
    }
    if verification.matches() { Ok(()) } else { Err(bad_input(anyhow!("{}: {}", file.display(), verification.message()))) }
}
