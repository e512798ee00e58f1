//! The history store: every audit run in one SQLite database (WAL mode, so readers never block
//! the writer and two audits can record at once; each write is one immediate transaction).
//! The schema is versioned with `PRAGMA user_version` and migrated forward in a transaction.
//! A file that is not a shipshape history, is damaged, or was written by a newer shipshape is
//! an error naming the file: it is never overwritten or deleted.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};
use shipshape_core::report::Report;

/// `PRAGMA application_id`: marks the file as a shipshape history ("SHPS").
const APPLICATION_ID: i64 = 0x5348_5053;

/// Schema migrations, in order; the database's `user_version` is how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: runs with their scores, findings and facts; the whole JSON report for `diff`.
    "CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        repo TEXT NOT NULL,
        commit_id TEXT,
        worktree INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL,
        tool_version TEXT NOT NULL,
        score INTEGER,
        level INTEGER NOT NULL,
        report TEXT NOT NULL
    );
    CREATE INDEX runs_by_repo ON runs (repo, id);
    CREATE TABLE category_scores (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        category TEXT NOT NULL,
        score INTEGER,
        PRIMARY KEY (run_id, category)
    );
    CREATE TABLE findings (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        category TEXT NOT NULL,
        path TEXT,
        line INTEGER,
        message TEXT NOT NULL
    );
    CREATE INDEX findings_by_run ON findings (run_id);
    CREATE TABLE facts (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
    );",
];

/// Why opening the store failed: `Busy` (another process holds a lock) is worth retrying.
enum Failure {
    Busy,
    Fatal(String),
}

impl Failure {
    /// The file is not a history this shipshape can use.
    fn unusable(e: rusqlite::Error, shown: &str) -> Failure {
        Failure::of(e, &format!("{shown}: not a usable shipshape history store"), "it was left untouched: move it away or pass --store")
    }

    fn of(e: rusqlite::Error, what: &str, outcome: &str) -> Failure {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Failure::Busy,
            _ => Failure::Fatal(format!("{what} ({e}); {outcome}")),
        }
    }
}

/// The tables the current schema has: a file that claims to be a history without them is
/// damaged.
const TABLES: &[&str] = &["runs", "category_scores", "findings", "facts"];

/// Whether a database is a shipshape history this shipshape can use: returns its schema
/// version (0 for a new, empty database). One statement, so one consistent snapshot even while
/// another process migrates.
fn check(conn: &Connection, shown: &str) -> Result<i64, Failure> {
    let wanted = TABLES.iter().map(|t| format!("'{t}'")).collect::<Vec<_>>().join(", ");
    let (app_id, version, tables, ours): (i64, i64, i64, i64) = conn
        .query_row(
            &format!(
                "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), \
                 (SELECT count(*) FROM sqlite_schema), (SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ({wanted}))"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(|e| Failure::unusable(e, shown))?;
    if app_id != APPLICATION_ID {
        if app_id == 0 && version == 0 && tables == 0 {
            return Ok(0);
        }
        return Err(Failure::Fatal(format!("{shown}: not a shipshape history store (another program's database); it was left untouched")));
    }
    if version > SCHEMA_VERSION {
        return Err(Failure::Fatal(format!(
            "{shown}: written by a newer shipshape (history schema {version}; this one knows {SCHEMA_VERSION}); it was left untouched: \
             upgrade shipshape or pass --store"
        )));
    }
    if version < 1 || (version == SCHEMA_VERSION && ours != TABLES.len() as i64) {
        return Err(Failure::Fatal(format!(
            "{shown}: a damaged shipshape history store (schema {version}, {ours} of its {} tables); it was left untouched: \
             move it away or pass --store",
            TABLES.len()
        )));
    }
    Ok(version)
}

/// What an existing file's first 100 bytes say, before SQLite opens it: a file that is not a
/// SQLite database, or is another program's, is refused without SQLite touching it (opening
/// one can create `-wal`/`-shm` files beside it). `false` when there is no file yet.
fn precheck(path: &Path, shown: &str) -> Result<bool, Failure> {
    use std::io::Read;
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(Failure::Fatal(format!("{shown}: cannot read the history store: {e}"))),
    };
    let meta = file.metadata().map_err(|e| Failure::Fatal(format!("{shown}: {e}")))?;
    if !meta.is_file() {
        return Err(Failure::Fatal(format!("{shown}: not a regular file, so not a history store; it was left untouched")));
    }
    let mut header = Vec::with_capacity(100);
    file.take(100).read_to_end(&mut header).map_err(|e| Failure::Fatal(format!("{shown}: cannot read the history store: {e}")))?;
    if header.is_empty() {
        // An empty file holds nothing to lose: it becomes the store.
        return Ok(true);
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(Failure::Fatal(format!("{shown}: not a SQLite database, so not a history store; it was left untouched")));
    }
    let app_id = u32::from_be_bytes([header[68], header[69], header[70], header[71]]) as i64;
    if app_id != 0 && app_id != APPLICATION_ID {
        return Err(Failure::Fatal(format!("{shown}: not a shipshape history store (another program's database); it was left untouched")));
    }
    Ok(true)
}

/// Whether this process may write the file (its mode allows it, and it opens for writing).
fn writable(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly()) && std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// Open read-only. `immutable` when the file is not ours to write: SQLite then creates no
/// `-wal`/`-shm` files beside it (they would belong to this user and lock its owner out).
fn open_read_only(path: &Path, immutable: bool, shown: &str) -> Result<Connection, Failure> {
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => uri.push(*byte as char),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str(if immutable { "?mode=ro&immutable=1" } else { "?mode=ro" });
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn =
        Connection::open_with_flags(&uri, flags).map_err(|e| Failure::Fatal(format!("{shown}: cannot open the history store: {e}")))?;
    conn.busy_timeout(Duration::from_secs(10)).map_err(|e| Failure::unusable(e, shown))?;
    Ok(conn)
}

/// Try `open` until it is not busy, for at most 10 s.
fn retry<T>(path: &Path, mut open: impl FnMut() -> Result<T, Failure>) -> Result<T, String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        match open() {
            Ok(store) => return Ok(store),
            Err(Failure::Busy) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            Err(Failure::Busy) => return Err(format!("{}: the history store stayed locked by another process for 10 s", path.display())),
            Err(Failure::Fatal(message)) => return Err(message),
        }
    }
}

/// The schema version this shipshape writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// An open history database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// What is recorded about one audit, besides its report.
#[derive(Debug, Clone)]
pub struct NewRun<'a> {
    /// Which repository: the canonical path of the audited directory.
    pub repo: &'a str,
    /// The revision audited, or the checked-out commit for a working tree.
    pub commit: Option<&'a str>,
    /// The working tree was audited (it may hold uncommitted changes).
    pub worktree: bool,
    /// Seconds since the Unix epoch.
    pub recorded_at: i64,
}

/// A recorded run, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub id: i64,
    pub commit: Option<String>,
    pub worktree: bool,
    pub recorded_at: i64,
    pub tool_version: String,
    pub score: Option<u32>,
    pub level: u8,
}

impl Store {
    /// `$XDG_DATA_HOME/shipshape/history.sqlite3` or the platform's equivalent.
    pub fn default_path() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("shipshape").join("history.sqlite3"))
    }

    /// Open (or create) the store at `path` to record runs, migrating an older schema forward.
    /// Another process holding the lock for a moment (switching to WAL, migrating) is waited
    /// for. A file that is not a usable history, or that this process may not write, is an
    /// error, and is left exactly as it was.
    pub fn open(path: &Path) -> Result<Store, String> {
        retry(path, || Store::try_open(path))
    }

    /// Open an existing store only to read it: nothing is created, migrated or written, and a
    /// store this process may not write gets no `-wal`/`-shm` files beside it. `None` when
    /// there is no store yet (or it is new and empty).
    pub fn open_read_only(path: &Path) -> Result<Option<Store>, String> {
        retry(path, || {
            let shown = path.display().to_string();
            if !precheck(path, &shown)? {
                return Ok(None);
            }
            let conn = open_read_only(path, !writable(path), &shown)?;
            if check(&conn, &shown)? == 0 {
                return Ok(None);
            }
            Ok(Some(Store { conn, path: path.to_path_buf() }))
        })
    }

    fn try_open(path: &Path) -> Result<Store, Failure> {
        let shown = path.display().to_string();
        if precheck(path, &shown)? {
            if !writable(path) {
                return Err(Failure::Fatal(format!("{shown}: the history store is read-only for this user; it was left untouched")));
            }
            // Looked at read-only first: only a usable history is opened for writing.
            check(&open_read_only(path, false, &shown)?, &shown)?;
        } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Failure::Fatal(format!("cannot create {}: {e}", parent.display())))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| Failure::Fatal(format!("{shown}: cannot open the history store: {e}")))?;
        let damaged = |e| Failure::unusable(e, &shown);
        conn.busy_timeout(Duration::from_secs(10)).map_err(damaged)?;
        // Checked again on this connection before anything is written (switching to WAL
        // rewrites the header): the file may have changed since.
        check(&conn, &shown)?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(damaged)?;
        conn.pragma_update(None, "foreign_keys", true).map_err(damaged)?;
        let mut store = Store { conn, path: path.to_path_buf() };
        store.migrate(&shown)?;
        Ok(store)
    }

    /// Run the migrations this database has not had, in one transaction. It is checked again
    /// inside it, so two processes opening a new store at once migrate it once.
    fn migrate(&mut self, shown: &str) -> Result<(), Failure> {
        let failed = |e| Failure::of(e, &format!("{shown}: cannot migrate the history store"), "it was left as it was");
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(failed)?;
        let version = check(&tx, shown)?;
        if version < SCHEMA_VERSION {
            tx.pragma_update(None, "application_id", APPLICATION_ID).map_err(failed)?;
            for migration in &MIGRATIONS[version as usize..] {
                tx.execute_batch(migration).map_err(failed)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION).map_err(failed)?;
        }
        tx.commit().map_err(failed)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Record one run; returns its id.
    pub fn record(&mut self, run: &NewRun<'_>, report: &Report) -> Result<i64, String> {
        let json = serde_json::to_string(report).map_err(|e| e.to_string())?;
        self.write(run, report, &json).map_err(|e| format!("{}: cannot record the run: {e}", self.path.display()))
    }

    fn write(&mut self, run: &NewRun<'_>, report: &Report, json: &str) -> rusqlite::Result<i64> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO runs (repo, commit_id, worktree, recorded_at, tool_version, score, level, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![run.repo, run.commit, run.worktree, run.recorded_at, report.tool.version, report.summary.score, report.summary.level.value, json],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut category = tx.prepare("INSERT INTO category_scores (run_id, category, score) VALUES (?1, ?2, ?3)")?;
            for c in &report.categories {
                category.execute(params![id, c.id, c.score])?;
            }
            let mut finding = tx.prepare(
                "INSERT INTO findings (run_id, rule, severity, category, path, line, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for f in &report.findings {
                let first = f.evidence.first();
                finding.execute(params![
                    id,
                    f.rule,
                    f.severity.as_str(),
                    f.category.id(),
                    first.map(|e| &e.path),
                    first.and_then(|e| e.line),
                    f.message
                ])?;
            }
            let mut fact = tx.prepare("INSERT INTO facts (run_id, key, value) VALUES (?1, ?2, ?3)")?;
            for (key, value) in &report.facts {
                fact.execute(params![id, key, serde_json::to_string(value).unwrap_or_default()])?;
            }
        }
        tx.commit()?;
        Ok(id)
    }

    /// The runs of one repository, newest first.
    pub fn runs(&self, repo: &str, limit: usize) -> Result<Vec<Run>, String> {
        let read = || -> rusqlite::Result<Vec<Run>> {
            let mut stmt = self.conn.prepare(
                "SELECT id, commit_id, worktree, recorded_at, tool_version, score, level FROM runs WHERE repo = ?1 ORDER BY id DESC LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![repo, limit as i64], |r| {
                Ok(Run {
                    id: r.get(0)?,
                    commit: r.get(1)?,
                    worktree: r.get(2)?,
                    recorded_at: r.get(3)?,
                    tool_version: r.get(4)?,
                    score: r.get(5)?,
                    level: r.get(6)?,
                })
            })?;
            rows.collect()
        };
        read().map_err(|e| format!("{}: {e}", self.path.display()))
    }

    /// The JSON report of a run, and the commit it was recorded at.
    pub fn report(&self, id: i64) -> Result<Option<(String, Option<String>)>, String> {
        self.conn
            .query_row("SELECT report, commit_id FROM runs WHERE id = ?1", params![id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
            .map_err(|e| format!("{}: {e}", self.path.display()))
    }
}
