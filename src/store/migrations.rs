//! Numbered schema migrations. Each entry moves the schema from version i to i + 1; all pending
//! ones run in one transaction together with the `user_version` update, so a database is always
//! at exactly one known version.

/// The migrations, in order. Never edit a shipped entry: add a new one.
pub const MIGRATIONS: &[&str] = &[
    // 1: organizations, frozen questionnaires, assessments, answers, settings.
    r#"
    CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        business_number TEXT UNIQUE CHECK (business_number IS NULL OR length(business_number) = 10),
        ksic_division INTEGER CHECK (ksic_division IS NULL OR ksic_division BETWEEN 10 AND 34),
        employees INTEGER CHECK (employees IS NULL OR employees >= 0),
        sido TEXT,
        industrial_complex TEXT,
        site TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE questionnaire_copies (
        hash TEXT PRIMARY KEY,
        questionnaire_id TEXT NOT NULL,
        version TEXT NOT NULL,
        source TEXT NOT NULL
    );
    CREATE TABLE assessments (
        id INTEGER PRIMARY KEY,
        organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        questionnaire_id TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        questionnaire_hash TEXT NOT NULL REFERENCES questionnaire_copies(hash),
        status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
        mode TEXT NOT NULL CHECK (mode IN ('self', 'consultant')),
        assessor TEXT,
        previous_id INTEGER REFERENCES assessments(id) ON DELETE SET NULL,
        started_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        completed_at TEXT
    );
    CREATE INDEX assessments_by_organization ON assessments(organization_id, started_at);
    CREATE TABLE answers (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        rater TEXT NOT NULL CHECK (rater IN ('self', 'consultant')),
        value TEXT,
        note TEXT,
        evidence TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id, rater)
    ) WITHOUT ROWID;
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    "#,
    // Exchange: a firm's consent and random pseudonym; the random ids its assessments carry once
    // exported; a regional centre's imported results; benchmark files installed in a workspace.
    r#"
    ALTER TABLE organizations ADD COLUMN consent_at TEXT;
    ALTER TABLE organizations ADD COLUMN pseudonym TEXT;
    CREATE UNIQUE INDEX organizations_by_pseudonym ON organizations(pseudonym) WHERE pseudonym IS NOT NULL;
    CREATE TABLE assessment_exchange_ids (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
        exchange_id TEXT NOT NULL UNIQUE
    );
    CREATE TABLE center_imports (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        checksum TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        assessments INTEGER NOT NULL,
        duplicates INTEGER NOT NULL
    );
    CREATE TABLE center_assessments (
        id INTEGER PRIMARY KEY,
        assessment_id TEXT NOT NULL UNIQUE,
        import_id INTEGER NOT NULL REFERENCES center_imports(id) ON DELETE CASCADE,
        firm TEXT NOT NULL,
        questionnaire_id TEXT NOT NULL,
        questionnaire_version TEXT NOT NULL,
        questionnaire_hash TEXT NOT NULL,
        year INTEGER NOT NULL,
        round INTEGER NOT NULL,
        ksic_division INTEGER,
        employee_band TEXT,
        sido TEXT,
        overall_score REAL,
        overall_level INTEGER,
        dimensions TEXT NOT NULL,
        answers TEXT NOT NULL
    );
    CREATE INDEX center_assessments_by_firm ON center_assessments(firm);
    CREATE TABLE installed_benchmarks (
        id INTEGER PRIMARY KEY,
        checksum TEXT NOT NULL UNIQUE,
        published_on TEXT NOT NULL,
        published_by TEXT,
        installed_at TEXT NOT NULL,
        content TEXT NOT NULL
    );
    "#,
    // Follow-up actions: the plan steps a firm commits to for an assessment, one per step, with a
    // snapshot of the step's title, an owner, a due date, a status and when it was done.
    r#"
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL CHECK (length(trim(step_id)) > 0),
        title_ko TEXT NOT NULL,
        title_en TEXT NOT NULL,
        owner TEXT,
        due_date TEXT CHECK (due_date IS NULL OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'dropped')),
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        done_at TEXT,
        UNIQUE (assessment_id, step_id)
    );
    CREATE INDEX actions_by_done_at ON actions(status, done_at);
    "#,
    // Exchange: the order in which a centre stores each questionnaire version's answers.
    r#"
    CREATE TABLE center_questionnaires (
        hash TEXT PRIMARY KEY,
        questionnaire_id TEXT NOT NULL,
        version TEXT NOT NULL,
        question_ids TEXT NOT NULL
    );
    "#,
    // Exchange: what the centre published, so that no later publication can be set against it.
    r#"
    CREATE TABLE center_publications (
        id INTEGER PRIMARY KEY,
        published_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        ledger TEXT NOT NULL
    );
    "#,
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}
