//! Exchange at a regional centre's scale: 100,000 synthetic assessments in 100 bundles of 1,000,
//! imported and published with the release `jindan` binary (wall time and peak memory from
//! `/usr/bin/time -v`), and beside it the same import and GROUP BY done with the `sqlite3` shell
//! on the same data exported as CSV.
//!
//! Run: cargo bench --bench exchange
//! Options (after `--`): --assessments N (default 100000), --per-file N (default 1000),
//! --keep DIR (write the data there and keep it).

use jindan::answers::{AnswerValue, Answers, Rater};
use jindan::exchange::bundle::{anonymized_assessment, bundle_json, bundle_of, AssessmentIdentity, FirmAttributes};
use jindan::firm;
use jindan::questionnaire::{Catalog, Question, QuestionKind, Questionnaire};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A fixed-seed generator (xorshift64*), so every run measures the same data.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn hex(&mut self) -> String {
        format!("{:016x}{:016x}", self.next(), self.next())
    }
    /// An index drawn with weight 1/(i+1): a few common values and a long tail of rare ones,
    /// which is what makes small cells (and so suppression) happen.
    fn skewed(&mut self, n: usize) -> usize {
        let total: f64 = (0..n).map(|i| 1.0 / (i as f64 + 1.0)).sum();
        let mut x = self.unit() * total;
        for i in 0..n {
            x -= 1.0 / (i as f64 + 1.0);
            if x <= 0.0 {
                return i;
            }
        }
        n - 1
    }
}

fn answer_near(question: &Question, target: f64, random: &mut Random) -> Option<AnswerValue> {
    let t = (target + (random.unit() - 0.5) * 0.5).clamp(0.0, 1.0);
    match &question.kind {
        QuestionKind::Single { options } => {
            options.iter().min_by(|a, b| (a.score - t).abs().total_cmp(&(b.score - t).abs())).map(|o| AnswerValue::Choice(o.id.clone()))
        }
        QuestionKind::Multi { options, none_option, .. } => {
            let chosen: Vec<String> = options.iter().filter(|o| !o.exclusive && random.unit() < t).map(|o| o.id.clone()).collect();
            Some(AnswerValue::Choices(if chosen.is_empty() { none_option.iter().cloned().collect() } else { chosen }))
        }
        QuestionKind::Grid { rows, scale } => {
            let mut grid = BTreeMap::new();
            for row in rows {
                let step = &scale[((t * (scale.len() - 1) as f64).round() as usize + random.below(2)).min(scale.len() - 1)];
                grid.insert(row.id.clone(), step.id.clone());
            }
            Some(AnswerValue::Grid(grid))
        }
        QuestionKind::Numeric { min, max, .. } => Some(AnswerValue::Number(((min + (max - min) * t) * 10.0).round() / 10.0)),
        QuestionKind::Text => None,
    }
}

struct SyntheticFirm {
    pseudonym: String,
    attributes: FirmAttributes,
    maturity: f64,
    rounds: u32,
}

fn synthetic_firm(random: &mut Random) -> SyntheticFirm {
    let ksic = 10 + random.skewed(25) as u8;
    let band = firm::EMPLOYEE_BANDS[random.skewed(5)].2;
    let sido = firm::SIDO[random.skewed(17)].0;
    SyntheticFirm {
        pseudonym: random.hex(),
        attributes: FirmAttributes {
            ksic_division: (random.unit() > 0.02).then_some(ksic),
            employee_band: (random.unit() > 0.02).then(|| band.to_string()),
            sido: Some(sido.to_string()),
        },
        maturity: 0.15 + random.unit() * 0.6,
        rounds: 0,
    }
}

/// Writes `total` assessments into bundles of `per_file` under `dir`, and the same data as CSV
/// (one row per assessment) for the sqlite3 comparison.
/// Writes `total` assessments as bundles of `per_file` into `dir/bundles` (and as CSV), then
/// `later` more — new firms and follow-ups of the same population, a month on — into
/// `dir/later`. Returns both folders.
fn generate(q: &Questionnaire, dir: &Path, total: usize, per_file: usize, later: usize) -> (PathBuf, PathBuf) {
    let mut random = Random(0x5EED_1234_ABCD_0001);
    let mut firms: Vec<SyntheticFirm> = Vec::new();
    let csv_path = dir.join("assessments.csv");
    let mut csv = String::from("assessment_id,firm,year,round,ksic_division,employee_band,sido,overall");
    for d in &q.dimensions {
        write!(csv, ",{}", d.id).unwrap();
    }
    csv.push('\n');
    let bundles = dir.join("bundles");
    let later_bundles = dir.join("later");
    std::fs::create_dir_all(&bundles).unwrap();
    std::fs::create_dir_all(&later_bundles).unwrap();
    let mut made = 0;
    let mut file_index = 0;
    while made < total + later {
        let first_part = made < total;
        let left = if first_part { total - made } else { total + later - made };
        let mut assessments = Vec::with_capacity(per_file);
        for _ in 0..per_file.min(left) {
            // About 30% of assessments are a firm's follow-up.
            let index = if firms.is_empty() || random.unit() > 0.3 {
                firms.push(synthetic_firm(&mut random));
                firms.len() - 1
            } else {
                random.below(firms.len())
            };
            let firm = &mut firms[index];
            firm.rounds += 1;
            let mut answers = Answers::new(q);
            let target = firm.maturity + 0.05 * f64::from(firm.rounds - 1);
            for question in &q.questions {
                if question.allow_na && random.unit() < 0.05 {
                    answers.set(&question.id, Rater::Firm, AnswerValue::NotApplicable);
                } else if let Some(v) = answer_near(question, target, &mut random) {
                    answers.set(&question.id, Rater::Firm, v);
                }
            }
            let id = random.hex();
            let identity = AssessmentIdentity { firm_pseudonym: &firm.pseudonym, assessment_id: &id, year: 2024 + firm.rounds.min(3) as i32, round: firm.rounds };
            let a = anonymized_assessment(q, &answers, &identity, &firm.attributes);
            assessments.push(a);
            made += 1;
            if !first_part {
                continue;
            }
            let a = assessments.last().unwrap();
            let opt = |x: &Option<String>| x.clone().unwrap_or_default();
            write!(
                csv,
                "{},{},{},{},{},{},{},{}",
                a.assessment_id,
                a.firm,
                a.year,
                a.round,
                a.ksic_division.map(|d| d.to_string()).unwrap_or_default(),
                opt(&a.employee_band),
                opt(&a.sido),
                a.overall.score.map(|s| s.to_string()).unwrap_or_default()
            )
            .unwrap();
            for d in &q.dimensions {
                write!(csv, ",{}", a.dimensions.get(&d.id).and_then(|s| s.score).map(|s| s.to_string()).unwrap_or_default()).unwrap();
            }
            csv.push('\n');
        }
        let bundle = bundle_of(assessments);
        let folder = if first_part { &bundles } else { &later_bundles };
        std::fs::write(folder.join(format!("bundle-{file_index:04}.json")), bundle_json(&bundle)).unwrap();
        file_index += 1;
    }
    std::fs::write(&csv_path, csv).unwrap();
    (bundles, later_bundles)
}

/// What one timed command took.
struct Timing {
    wall: f64,
    /// User + system CPU seconds, when `/usr/bin/time` is there.
    cpu: Option<f64>,
    /// Peak resident memory in MB, when `/usr/bin/time` is there.
    peak_mb: Option<f64>,
}

/// Runs a command under `/usr/bin/time -v` when it is there.
fn timed(command: Command) -> Timing {
    let time_available = Path::new("/usr/bin/time").exists();
    let mut run = if time_available {
        let mut wrapped = Command::new("/usr/bin/time");
        wrapped.arg("-v").arg(command.get_program()).args(command.get_args());
        for (k, v) in command.get_envs() {
            if let Some(v) = v {
                wrapped.env(k, v);
            }
        }
        wrapped
    } else {
        command
    };
    let start = Instant::now();
    let output = run.output().expect("the command runs");
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        panic!("command failed: {stderr}");
    }
    let field = |name: &str| stderr.lines().find_map(|l| l.trim().strip_prefix(name)).and_then(|v| v.trim().parse::<f64>().ok());
    let cpu = field("User time (seconds):").zip(field("System time (seconds):")).map(|(u, s)| u + s);
    Timing { wall: seconds, cpu, peak_mb: field("Maximum resident set size (kbytes):").map(|kb| kb / 1024.0) }
}

/// The 1-minute load average: on a shared machine, wall times mean little without it.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg").ok().and_then(|l| l.split_whitespace().next().map(String::from)).unwrap_or_else(|| "n/a".into())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let total: usize = value("--assessments").and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let per_file: usize = value("--per-file").and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let temp = tempfile::tempdir().unwrap();
    let dir = value("--keep").map(PathBuf::from).unwrap_or_else(|| temp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();

    let catalog = Catalog::builtin().unwrap();
    let q = catalog.find("kr-mfg-ai-readiness").unwrap();
    let start = Instant::now();
    let later: usize = value("--later").and_then(|v| v.parse().ok()).unwrap_or(1_000);
    let (bundles, later_bundles) = generate(q, &dir, total, per_file, later);
    let bytes: u64 = std::fs::read_dir(&bundles).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum();
    println!(
        "generated {total} assessments in {} bundles ({:.0} MB) in {:.1} s",
        total.div_ceil(per_file),
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );

    let jindan = env!("CARGO_BIN_EXE_jindan");
    let db = dir.join("centre.db");
    let _ = std::fs::remove_file(&db);
    let mut import = Command::new(jindan);
    import.env("JINDAN_NOW", "2026-11-21T09:00:00Z").arg("--db").arg(&db).args(["center", "import"]).arg(&bundles);
    let load_before = load_average();
    let import_t = timed(import);
    let mut publish = Command::new(jindan);
    publish.env("JINDAN_NOW", "2026-11-21T09:00:00Z").arg("--db").arg(&db).args(["center", "publish", "--out"]).arg(dir.join("benchmark.json"));
    let publish_t = timed(publish);
    // A month later: more bundles come in and the centre publishes again, checked against the
    // ledger of the first publication.
    let mut import_later = Command::new(jindan);
    import_later.env("JINDAN_NOW", "2026-12-21T09:00:00Z").arg("--db").arg(&db).args(["center", "import"]).arg(&later_bundles);
    let import_later_t = timed(import_later);
    let mut republish = Command::new(jindan);
    republish.env("JINDAN_NOW", "2026-12-21T09:00:00Z").arg("--db").arg(&db).args(["center", "publish", "--out"]).arg(dir.join("benchmark-later.json"));
    let republish_t = timed(republish);
    let held_back = |path: &Path| -> (usize, usize) {
        let file: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let cells = file["content"]["cells"].as_array().unwrap();
        (cells.len(), cells.iter().filter(|c| c.get("as_of").is_some()).count())
    };
    let (first_cells, _) = held_back(&dir.join("benchmark.json"));
    let (later_cells, repeated) = held_back(&dir.join("benchmark-later.json"));

    // The same data with the sqlite3 shell: .import of the CSV, then the finest GROUP BY.
    let sqlite_db = dir.join("sqlite3-compare.db");
    let _ = std::fs::remove_file(&sqlite_db);
    let script = format!(
        ".mode csv\n.import {} assessments\nSELECT ksic_division, employee_band, sido, count(DISTINCT firm), avg(overall) FROM assessments GROUP BY ksic_division, employee_band, sido;\n",
        dir.join("assessments.csv").display()
    );
    let script_path = dir.join("sqlite3-compare.sql");
    std::fs::write(&script_path, script).unwrap();
    let sqlite = if Path::new("/usr/bin/sqlite3").exists() {
        let mut c = Command::new("sh");
        c.arg("-c").arg(format!("sqlite3 {} < {} > /dev/null", sqlite_db.display(), script_path.display()));
        Some(timed(c))
    } else {
        None
    };

    let show = |x: Option<f64>, unit: &str| x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1} {unit}"));
    let row = |what: String, t: &Timing| println!("| {what} | {:.1} s | {} | {} |", t.wall, show(t.cpu, "s"), show(t.peak_mb, "MB"));
    println!("load average before the import: {load_before} (2 cores)");
    println!("| what | wall time | CPU (user + sys) | peak RSS |");
    println!("|---|---|---|---|");
    row(format!("jindan center import ({total} assessments, {} files)", total.div_ceil(per_file)), &import_t);
    row("jindan center publish (k = 5, JSON + CSV + XLSX)".into(), &publish_t);
    let both = Timing {
        wall: import_t.wall + publish_t.wall,
        cpu: import_t.cpu.zip(publish_t.cpu).map(|(a, b)| a + b),
        peak_mb: import_t.peak_mb.zip(publish_t.peak_mb).map(|(a, b)| a.max(b)),
    };
    row("import + publish".into(), &both);
    row(format!("a month later: jindan center import ({later} more assessments)"), &import_later_t);
    row(format!("a month later: jindan center publish against the first ({later_cells} cells, {repeated} repeating earlier figures; first: {first_cells})"), &republish_t);
    match sqlite {
        Some(t) => row("sqlite3 shell: .import CSV + GROUP BY KSIC × band × 시·도".into(), &t),
        None => println!("| sqlite3 shell | not installed | | |"),
    }
}
