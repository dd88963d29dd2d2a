//! Command-line parsing and dispatch. Each command calls the core and prints its result.

mod exchange;
mod output;
mod plan;
mod report;
mod workspace;

use anyhow::{Context, anyhow};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};
use jindan::answers::{self, AnswersError, Rater};
use jindan::i18n::Lang;
use jindan::questionnaire::{self, Catalog, QuestionnaireError};
use jindan::store::{AnswerChange, Mode, NewAssessment, OrganizationInput, Store, StoreError};
use jindan::{demo, scoring};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Digital and AI maturity diagnosis for manufacturers (진단).
#[derive(Parser)]
#[command(name = "jindan", version, about)]
struct Cli {
    /// The workspace database (default: the OS user-data folder).
    #[arg(long, global = true, env = "JINDAN_DB")]
    db: Option<PathBuf>,
    /// An extra folder of questionnaire files, beside the built-in ones.
    #[arg(long, global = true, env = "JINDAN_QUESTIONNAIRES")]
    questionnaires: Option<PathBuf>,
    /// Language of texts: ko (default) or en.
    #[arg(long, global = true, default_value = "ko", value_parser = parse_lang)]
    lang: Lang,
    /// A file holding the workspace's passphrase (`-` for standard input); or set JINDAN_PASSPHRASE.
    #[arg(long, global = true, value_name = "FILE")]
    passphrase_file: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the available questionnaires.
    Questionnaires {
        #[arg(long)]
        json: bool,
    },
    /// Show one questionnaire.
    #[command(subcommand)]
    Questionnaire(QuestionnaireCommand),
    /// Check questionnaire files and list every problem.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Write a blank answers file for a questionnaire.
    Template {
        /// Questionnaire id (newest version) or id@version.
        id: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Score an answers file without storing anything.
    Score {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Print a JSON Schema: `questionnaire`, `answers`, `recommendations` or `programmes`.
    Schema { which: String },
    /// Firms in the workspace.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Assessments in the workspace.
    #[command(subcommand)]
    Assess(AssessCommand),
    /// Write an anonymized bundle of consenting firms' results for a regional centre.
    Export(exchange::ExportArgs),
    /// The regional centre's workspace: import bundles, dashboard, publish benchmarks.
    #[command(subcommand)]
    Center(exchange::CenterCommand),
    /// Peer benchmarks: install a centre's file, compare an assessment with firms like it.
    #[command(subcommand)]
    Benchmark(exchange::BenchmarkCommand),
    /// An improvement plan for an assessment: steps, order, phases, costs and support programmes.
    Plan(plan::PlanArgs),
    /// The scores an assessment would reach once chosen plan steps are done.
    Whatif(plan::WhatIfArgs),
    /// Follow-up actions (추적관리) for an assessment's plan steps.
    #[command(subcommand)]
    Action(plan::ActionCommand),
    /// Progress between two assessments of a firm, and the actions completed in between.
    Compare(plan::CompareArgs),
    /// Write an assessment's PDF report, or check a report against the workspace (`report verify`).
    Report(report::ReportArgs),
    /// Protect the workspace with a passphrase, change it or remove it.
    #[command(subcommand)]
    Workspace(workspace::WorkspaceCommand),
    /// Fill the workspace with demo firms and assessments.
    Demo {
        /// Add the demo even if the workspace already holds firms.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum QuestionnaireCommand {
    /// The normalised questionnaire: dimensions, questions, options with their scores.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
struct OrgFields {
    /// Firm name.
    #[arg(long)]
    name: String,
    /// 사업자등록번호 (123-45-67890).
    #[arg(long)]
    business_number: Option<String>,
    /// KSIC manufacturing division, 10–34.
    #[arg(long)]
    ksic: Option<u8>,
    /// Number of employees.
    #[arg(long)]
    employees: Option<u32>,
    /// 시·도 (서울, 부산, … or Seoul, Busan, …).
    #[arg(long)]
    sido: Option<String>,
    /// Industrial complex name.
    #[arg(long)]
    complex: Option<String>,
    /// Site (plant) name.
    #[arg(long)]
    site: Option<String>,
}

#[derive(Subcommand)]
enum OrgCommand {
    /// Add a firm; prints its id.
    Add(OrgFields),
    /// List firms.
    List {
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show one firm and its assessments.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Give (--yes) or withdraw (--withdraw) consent to share anonymized results; no flag shows it.
    Consent(exchange::ConsentArgs),
}

#[derive(Subcommand)]
enum AssessCommand {
    /// Start an assessment; prints its id.
    New {
        #[arg(long)]
        org: i64,
        /// Questionnaire id (newest version) or id@version.
        #[arg(long)]
        questionnaire: String,
        /// self or consultant.
        #[arg(long, default_value = "self")]
        mode: String,
        #[arg(long)]
        assessor: Option<String>,
        /// The earlier assessment this one re-assesses.
        #[arg(long)]
        previous: Option<i64>,
    },
    /// Import an answers file into an assessment (all or nothing).
    Import {
        file: PathBuf,
        /// Import into this existing assessment.
        #[arg(long, conflicts_with = "org")]
        into: Option<i64>,
        /// Start a new assessment for this firm with the file's questionnaire.
        #[arg(long)]
        org: Option<i64>,
        #[arg(long, default_value = "self")]
        mode: String,
    },
    /// Save one answer; exits 0 only once it is on disk.
    Answer {
        assessment: i64,
        question: String,
        /// Option id; a,b,c for multi-select; row=step,… for grids; a number; text; or n/a.
        value: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long)]
        evidence: Option<String>,
        /// self or consultant.
        #[arg(long, default_value = "self")]
        rater: String,
    },
    /// Show an assessment's scores and answers.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// List assessments.
    List {
        #[arg(long)]
        org: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// Mark an assessment completed.
    Complete { id: i64 },
    /// Open a completed assessment for changes again.
    Reopen { id: i64 },
    /// Write an assessment's answers as an answers file.
    Export {
        id: i64,
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("'{s}' is not a language; use ko or en"))
}

/// A failure with its exit code: 2 for the user's input, 1 for everything else.
pub struct Failure {
    code: u8,
    error: anyhow::Error,
}

type Outcome = Result<(), Failure>;

fn bad_input(error: impl Into<anyhow::Error>) -> Failure {
    Failure { code: 2, error: error.into() }
}

fn runtime(error: impl Into<anyhow::Error>) -> Failure {
    Failure { code: 1, error: error.into() }
}

impl From<QuestionnaireError> for Failure {
    fn from(e: QuestionnaireError) -> Failure {
        bad_input(e)
    }
}

impl From<AnswersError> for Failure {
    fn from(e: AnswersError) -> Failure {
        bad_input(e)
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        match &e {
            StoreError::BadInput(_)
            | StoreError::NotFound { .. }
            | StoreError::Questionnaire(_)
            | StoreError::PassphraseRequired { .. }
            | StoreError::WrongPassphrase { .. } => bad_input(e),
            _ => runtime(e),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Failure {
        runtime(e)
    }
}

/// Parses the command line, runs the command and maps failures to exit codes.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {:#}", f.error);
            ExitCode::from(f.code)
        }
    }
}

/// The current time; `JINDAN_NOW` (RFC 3339) fixes it for reproducible output.
fn now() -> Result<DateTime<Utc>, Failure> {
    match std::env::var("JINDAN_NOW") {
        Ok(s) => DateTime::parse_from_rfc3339(&s).map(|t| t.with_timezone(&Utc)).map_err(|e| bad_input(anyhow!("JINDAN_NOW '{s}': {e}"))),
        Err(_) => Ok(Utc::now()),
    }
}

struct Workspace {
    db: Option<PathBuf>,
    questionnaires: Option<PathBuf>,
    lang: Lang,
    passphrase_file: Option<PathBuf>,
}

impl Workspace {
    fn catalog(&self) -> Result<Catalog, Failure> {
        Ok(match &self.questionnaires {
            Some(folder) => Catalog::with_folder(folder)?,
            None => Catalog::builtin()?,
        })
    }

    fn db_path(&self) -> Result<PathBuf, Failure> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => jindan::store::default_db_path().ok_or_else(|| runtime(anyhow!("no user-data folder on this system; pass --db PATH"))),
        }
    }

    /// The workspace's passphrase: from --passphrase-file, else JINDAN_PASSPHRASE, else none.
    fn passphrase(&self) -> Result<Option<String>, Failure> {
        workspace::passphrase_from(self.passphrase_file.as_deref(), workspace::PASSPHRASE_VARIABLE)
    }

    fn store(&self) -> Result<Store, Failure> {
        let path = self.db_path()?;
        Store::open_with_passphrase(&path, self.passphrase()?.as_deref()).map_err(|e| match e {
            StoreError::PassphraseRequired { .. } => bad_input(anyhow!("{e} (with --passphrase-file FILE or the environment variable {})", workspace::PASSPHRASE_VARIABLE)),
            e => e.into(),
        })
    }
}

fn write_out(out: Option<&Path>, text: &str) -> Outcome {
    match out {
        Some(path) => std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display())).map_err(runtime),
        None => {
            use std::io::Write;
            // A closed pipe (`jindan … | head`) is not an error worth a panic.
            match writeln!(std::io::stdout().lock(), "{text}") {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(runtime(anyhow!("cannot write to standard output: {e}"))),
                _ => Ok(()),
            }
        }
    }
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| bad_input(anyhow!("{}: cannot read the file: {e}", path.display())))
}

fn parse_mode(s: &str) -> Result<Mode, Failure> {
    Mode::parse(s).ok_or_else(|| bad_input(anyhow!("mode '{s}' is not known; use self or consultant")))
}

fn dispatch(cli: Cli) -> Outcome {
    let ctx = Workspace { db: cli.db, questionnaires: cli.questionnaires, lang: cli.lang, passphrase_file: cli.passphrase_file };
    let lang = ctx.lang;
    match cli.command {
        Command::Questionnaires { json } => {
            let catalog = ctx.catalog()?;
            if json {
                write_out(None, &output::questionnaire_list_json(&catalog))
            } else {
                write_out(None, &output::questionnaire_list_text(&catalog, lang))
            }
        }
        Command::Questionnaire(QuestionnaireCommand::Show { id, json }) => {
            let catalog = ctx.catalog()?;
            let q = catalog.find(&id)?;
            if json {
                write_out(None, &output::pretty(q))
            } else {
                write_out(None, &output::questionnaire_text(q, lang))
            }
        }
        Command::Validate { files } => {
            let mut failed = Vec::new();
            for file in &files {
                match questionnaire::load_questionnaire_file(file) {
                    Ok(q) => println!("{}: ok ({}, {} dimensions, {} questions)", file.display(), q.reference(), q.dimensions.len(), q.questions.len()),
                    Err(e) => {
                        eprintln!("{e}");
                        failed.push(file.display().to_string());
                    }
                }
            }
            if failed.is_empty() { Ok(()) } else { Err(bad_input(anyhow!("{} of {} file(s) have problems", failed.len(), files.len()))) }
        }
        Command::Template { id, out } => {
            let catalog = ctx.catalog()?;
            let q = catalog.find(&id)?;
            write_out(out.as_deref(), &output::template(q))
        }
        Command::Score { file, json } => {
            let catalog = ctx.catalog()?;
            let name = file.display().to_string();
            let parsed = answers::parse_answers_file(&name, &read_text(&file)?)?;
            let q = catalog.find(&parsed.questionnaire).map_err(|e| {
                bad_input(anyhow!("{name}: questionnaire: {e} (installed: {})", catalog.iter().map(|q| q.reference()).collect::<Vec<_>>().join(", ")))
            })?;
            let answers = answers::answers_from_file(&name, parsed, q)?;
            let scores = scoring::score(q, &answers);
            if json {
                write_out(None, &output::scores_json(&scores, lang))
            } else {
                write_out(None, &output::scores_text(q, &scores, lang))
            }
        }
        Command::Schema { which } => match which.as_str() {
            "questionnaire" => write_out(None, &output::pretty(&questionnaire::json_schema())),
            "answers" => write_out(None, &output::pretty(&answers::json_schema())),
            other => plan::schema(other),
        },
        Command::Org(cmd) => org(&ctx, cmd),
        Command::Assess(cmd) => assess(&ctx, cmd),
        Command::Export(args) => exchange::export(&ctx, args),
        Command::Center(cmd) => exchange::center(&ctx, cmd),
        Command::Benchmark(cmd) => exchange::benchmark(&ctx, cmd),
        Command::Plan(args) => plan::plan(&ctx, args),
        Command::Whatif(args) => plan::what_if(&ctx, args),
        Command::Action(cmd) => plan::action(&ctx, cmd),
        Command::Compare(args) => plan::compare(&ctx, args),
        Command::Report(args) => report::report(&ctx, args),
        Command::Workspace(cmd) => workspace::workspace(&ctx, cmd),
        Command::Demo { force } => {
            let catalog = ctx.catalog()?;
            let mut store = ctx.store()?;
            if !force && !store.organizations(None)?.is_empty() {
                return Err(bad_input(anyhow!("the workspace {} already holds firms; use --force to add the demo anyway", store.path())));
            }
            let summary = demo::load_demo(&mut store, &catalog, now()?)?;
            println!("demo: {} firms and {} assessments added to {}", summary.organizations.len(), summary.assessments.len(), store.path());
            Ok(())
        }
    }
}

fn org(ctx: &Workspace, cmd: OrgCommand) -> Outcome {
    let store = ctx.store()?;
    match cmd {
        OrgCommand::Add(f) => {
            let input = OrganizationInput {
                name: f.name,
                business_number: f.business_number,
                ksic_division: f.ksic,
                employees: f.employees,
                sido: f.sido,
                industrial_complex: f.complex,
                site: f.site,
            };
            let id = store.add_organization(&input, now()?)?;
            println!("{id}");
            Ok(())
        }
        OrgCommand::List { search, json } => {
            let orgs = store.organizations(search.as_deref())?;
            if json { write_out(None, &output::pretty(&orgs)) } else { write_out(None, &output::organizations_text(&orgs, ctx.lang)) }
        }
        OrgCommand::Consent(args) => exchange::consent(ctx, args),
        OrgCommand::Show { id, json } => {
            let o = store.organization(id)?;
            let assessments = store.assessments(Some(id))?;
            if json {
                write_out(None, &output::pretty(&serde_json::json!({ "organization": o, "assessments": assessments })))
            } else {
                write_out(None, &output::organization_text(&o, &assessments, ctx.lang))
            }
        }
    }
}

fn assess(ctx: &Workspace, cmd: AssessCommand) -> Outcome {
    let mut store = ctx.store()?;
    match cmd {
        AssessCommand::New { org, questionnaire, mode, assessor, previous } => {
            let catalog = ctx.catalog()?;
            let q = catalog.find(&questionnaire)?;
            let new = NewAssessment { organization_id: org, questionnaire: q, mode: parse_mode(&mode)?, assessor, previous_id: previous };
            let id = store.create_assessment(&new, now()?)?;
            println!("{id}");
            Ok(())
        }
        AssessCommand::Import { file, into, org, mode } => {
            let name = file.display().to_string();
            let parsed = answers::parse_answers_file(&name, &read_text(&file)?)?;
            let (id, q) = match (into, org) {
                (Some(id), _) => (id, store.questionnaire_of(id)?),
                (None, Some(org)) => {
                    let catalog = ctx.catalog()?;
                    let q = catalog.find(&parsed.questionnaire)?.clone();
                    store.organization(org)?;
                    let new = NewAssessment { organization_id: org, questionnaire: &q, mode: parse_mode(&mode)?, assessor: None, previous_id: None };
                    // Check the file before creating anything, so that a bad file changes nothing.
                    answers::answers_from_file(&name, answers::parse_answers_file(&name, &read_text(&file)?)?, &q)?;
                    (store.create_assessment(&new, now()?)?, std::sync::Arc::new(q))
                }
                (None, None) => return Err(bad_input(anyhow!("say where to import: --into ASSESSMENT or --org FIRM"))),
            };
            let answers = answers::answers_from_file(&name, parsed, &q)?;
            let count = store.import_answers(id, &answers, now()?)?;
            println!("{id}");
            eprintln!("imported {count} answer record(s) into assessment {id}");
            Ok(())
        }
        AssessCommand::Answer { assessment, question, value, note, evidence, rater } => {
            let rater = Rater::parse(&rater).ok_or_else(|| bad_input(anyhow!("rater '{rater}' is not known; use self or consultant")))?;
            let q = store.questionnaire_of(assessment)?;
            let Some(question_def) = q.question(&question) else {
                return Err(bad_input(anyhow!("question '{question}' is not in {}", q.reference())));
            };
            let value = match value {
                Some(raw) => Some(
                    answers::parse_typed_value(question_def, &raw)
                        .map_err(|reason| bad_input(anyhow!("question '{question}': {reason}")))?
                        .to_json(),
                ),
                None => None,
            };
            if value.is_none() && note.is_none() && evidence.is_none() {
                return Err(bad_input(anyhow!("nothing to save: give a value, --note or --evidence")));
            }
            store.save_answer(assessment, &question, rater, &AnswerChange { value, clear_value: false, note, evidence }, now()?)?;
            println!("saved {question} ({})", rater.as_str());
            Ok(())
        }
        AssessCommand::Show { id, json } => {
            let a = store.assessment(id)?;
            let q = store.questionnaire_of(id)?;
            let answers = store.answers(id)?;
            let scores = scoring::score(&q, &answers);
            if json {
                let mut value: serde_json::Value = serde_json::from_str(&output::scores_json(&scores, ctx.lang)).map_err(|e| runtime(anyhow!(e)))?;
                value["assessment"] = serde_json::to_value(&a).map_err(|e| runtime(anyhow!(e)))?;
                value["answers"] = serde_json::to_value(&answers.answers).map_err(|e| runtime(anyhow!(e)))?;
                write_out(None, &output::pretty(&value))
            } else {
                write_out(None, &format!("{}\n{}", output::assessment_header(&a, &q, ctx.lang), output::scores_text(&q, &scores, ctx.lang)))
            }
        }
        AssessCommand::List { org, json } => {
            let list = store.assessments(org)?;
            if json { write_out(None, &output::pretty(&list)) } else { write_out(None, &output::assessments_text(&list, ctx.lang)) }
        }
        AssessCommand::Complete { id } => {
            store.complete_assessment(id, now()?)?;
            println!("assessment {id} completed");
            Ok(())
        }
        AssessCommand::Reopen { id } => {
            store.reopen_assessment(id, now()?)?;
            println!("assessment {id} reopened");
            Ok(())
        }
        AssessCommand::Export { id, out } => {
            let answers = store.answers(id)?;
            write_out(out.as_deref(), &output::pretty(&answers::answers_to_file(&answers)))
        }
    }
}
