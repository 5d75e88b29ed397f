/*
 * schema.c - the database schema as a list of migrations.
 *
 * Migration i (1-based) brings a database from user_version i-1 to i. A migration is
 * never edited once released: a change to the schema is a new migration appended at
 * the end, so every older database upgrades in place by running the ones it lacks.
 *
 * Column names and order of the entity tables match the descriptors of
 * src/core/model.h (checked by tests/unit/test_store.c); every entity table also
 * has `import_id`, the import that last wrote the row (provenance).
 */
#include "schema.h"

#include <stddef.h>

#define MONTHLY_FIGURES(suffix) \
	"gross_output" suffix " REAL, sales_output" suffix " REAL, export_value" suffix " REAL," \
	"revenue" suffix " REAL, profit" suffix " REAL, tax" suffix " REAL," \
	"electricity" suffix " REAL, energy" suffix " REAL, employees" suffix " REAL," \
	"rd_expense" suffix " REAL,"

/* A 亩均 class key (pb_mujun_class_key). Spelt out with OR: an IN list in a CHECK makes
 * SQLite build an ephemeral index at every execution of an INSERT, a third of the time
 * of saving an evaluation row by row. */
#define MUJUN_CLASS(col) \
	"(" col " = 'A' OR " col " = 'B' OR " col " = 'C' OR " col " = 'D' OR " col " = 'T' OR " \
	col " = 'incomplete' OR " col " = 'none')"

static const char *const migrations[] = {
	/* 1: the foundation */
	"CREATE TABLE imports ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL, file_name TEXT NOT NULL, file_hash TEXT NOT NULL,"
	"  file_size INTEGER NOT NULL, rows INTEGER, warnings INTEGER,"
	"  user_name TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT);"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY, at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  user_name TEXT NOT NULL, action TEXT NOT NULL, entity TEXT NOT NULL, detail TEXT);"
	"CREATE TABLE zone ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL, region_code TEXT, note TEXT, import_id INTEGER);"
	"CREATE TABLE parks ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, short_name TEXT, type TEXT,"
	"  planned_area REAL CHECK (planned_area >= 0), note TEXT, import_id INTEGER);"
	"CREATE TABLE enterprises ("
	"  id INTEGER PRIMARY KEY,"
	"  uscc TEXT NOT NULL UNIQUE CHECK (length(uscc) = 18),"
	"  name TEXT NOT NULL, industry TEXT NOT NULL, sector TEXT NOT NULL,"
	"  tier INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 4),"
	"  park_id INTEGER REFERENCES parks(id),"
	"  above_scale INTEGER NOT NULL DEFAULT 0 CHECK (above_scale IN (0, 1)),"
	"  high_tech INTEGER NOT NULL DEFAULT 0 CHECK (high_tech IN (0, 1)),"
	"  specialized INTEGER NOT NULL DEFAULT 0 CHECK (specialized IN (0, 1)),"
	"  little_giant INTEGER NOT NULL DEFAULT 0 CHECK (little_giant IN (0, 1)),"
	"  champion INTEGER NOT NULL DEFAULT 0 CHECK (champion IN (0, 1)),"
	"  tech_sme INTEGER NOT NULL DEFAULT 0 CHECK (tech_sme IN (0, 1)),"
	"  note TEXT, import_id INTEGER);"
	"CREATE INDEX enterprises_park ON enterprises(park_id);"
	"CREATE TABLE land_plots ("
	"  id INTEGER PRIMARY KEY, plot_code TEXT NOT NULL UNIQUE,"
	"  enterprise_id INTEGER REFERENCES enterprises(id),"
	"  park_id INTEGER REFERENCES parks(id),"
	"  area REAL NOT NULL CHECK (area > 0),"
	"  idle_area REAL CHECK (idle_area >= 0 AND idle_area <= area),"
	"  floor_area REAL CHECK (floor_area >= 0),"
	"  leased INTEGER NOT NULL DEFAULT 0 CHECK (leased IN (0, 1)),"
	"  note TEXT, import_id INTEGER);"
	"CREATE INDEX land_plots_enterprise ON land_plots(enterprise_id);"
	/* One row per enterprise and month, clustered on that key (WITHOUT ROWID): the
	 * table is read by enterprise and month ranges and bulk-loaded in that order. */
	"CREATE TABLE monthly_reports ("
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
	"  month INTEGER NOT NULL CHECK (month BETWEEN 199001 AND 209912"
	"                                AND month % 100 BETWEEN 1 AND 12),"
	MONTHLY_FIGURES("") MONTHLY_FIGURES("_prev")
	"  import_id INTEGER,"
	"  PRIMARY KEY (enterprise_id, month)) WITHOUT ROWID;"
	"CREATE TABLE indicators ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, category TEXT, unit TEXT,"
	"  base_year INTEGER, base_value REAL, target_year INTEGER, target_value REAL,"
	"  growth REAL, attribute TEXT, import_id INTEGER);"
	"CREATE TABLE indicator_actuals ("
	"  indicator_id INTEGER NOT NULL REFERENCES indicators(id),"
	"  year INTEGER NOT NULL, value REAL, source TEXT, import_id INTEGER,"
	"  PRIMARY KEY (indicator_id, year));"
	"CREATE TABLE projects ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, investor TEXT, origin TEXT,"
	"  foreign_funded INTEGER CHECK (foreign_funded IN (0, 1)),"
	"  industry TEXT, sector TEXT, park_id INTEGER REFERENCES parks(id), team TEXT,"
	"  chain TEXT, chain_node TEXT,"
	"  planned_investment REAL, contract_value REAL, promised_output REAL,"
	"  promised_tax REAL, land_needed REAL,"
	"  enterprise_id INTEGER REFERENCES enterprises(id), import_id INTEGER);"
	"CREATE TABLE project_stages ("
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 10),"
	"  date INTEGER NOT NULL, note TEXT, import_id INTEGER,"
	"  PRIMARY KEY (project_id, stage));"
	"CREATE TABLE key_projects ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, owner TEXT,"
	"  enterprise_id INTEGER REFERENCES enterprises(id),"
	"  department TEXT, sector TEXT, nature TEXT, content TEXT,"
	"  total_investment REAL, invested_before REAL, planned_in_period REAL,"
	"  planned_after REAL, start_year INTEGER, end_year INTEGER, import_id INTEGER);"
	"CREATE TABLE key_project_years ("
	"  key_project_id INTEGER NOT NULL REFERENCES key_projects(id),"
	"  year INTEGER NOT NULL, planned REAL, actual REAL, import_id INTEGER,"
	"  PRIMARY KEY (key_project_id, year));"
	"CREATE TABLE chains ("
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	"CREATE TABLE chain_nodes ("
	"  id INTEGER PRIMARY KEY, chain_id INTEGER NOT NULL REFERENCES chains(id),"
	"  segment TEXT NOT NULL, name TEXT NOT NULL, UNIQUE (chain_id, segment, name));"
	/* enterprise_name '' (not NULL) marks a node with no enterprise yet, so that the
	 * UNIQUE constraint also holds for such rows (NULLs are all distinct in SQL). */
	"CREATE TABLE chain_members ("
	"  node_id INTEGER NOT NULL REFERENCES chain_nodes(id),"
	"  enterprise_name TEXT NOT NULL,"
	"  enterprise_id INTEGER REFERENCES enterprises(id),"
	"  local INTEGER CHECK (local IN (0, 1)), note TEXT, import_id INTEGER,"
	"  PRIMARY KEY (node_id, enterprise_name));"
	"CREATE VIEW chain_members_flat AS"
	"  SELECT c.name AS chain, n.segment AS segment, n.name AS node,"
	"         NULLIF(m.enterprise_name, '') AS enterprise_name,"
	"         m.enterprise_id AS enterprise_id, m.local AS local, m.note AS note"
	"  FROM chain_members m JOIN chain_nodes n ON n.id = m.node_id"
	"  JOIN chains c ON c.id = n.chain_id;"
	"CREATE TABLE suppliers ("
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
	"  year INTEGER NOT NULL, total INTEGER NOT NULL CHECK (total >= 0),"
	"  local INTEGER CHECK (local >= 0 AND local <= total), import_id INTEGER,"
	"  PRIMARY KEY (enterprise_id, year));",
	/* 2: monthly analysis and early warnings (issue #3) */
	"ALTER TABLE monthly_reports ADD COLUMN submitted INTEGER"
	"  CHECK (submitted IS NULL OR submitted BETWEEN 19900101 AND 20991231);"
	"CREATE TABLE official_rates ("
	"  month INTEGER NOT NULL CHECK (month BETWEEN 199001 AND 209912"
	"                                AND month % 100 BETWEEN 1 AND 12),"
	"  scope TEXT NOT NULL, indicator TEXT NOT NULL,"
	"  month_rate REAL, ytd_rate REAL, source TEXT, import_id INTEGER,"
	"  PRIMARY KEY (month, scope, indicator));"
	/* A warning is one (enterprise, rule, month): re-running the rules for a month
	 * updates its figures and keeps its follow-up (status, notes). */
	"CREATE TABLE warnings ("
	"  id INTEGER PRIMARY KEY,"
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
	"  rule TEXT NOT NULL, month INTEGER NOT NULL,"
	"  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),"
	"  figures TEXT NOT NULL, message TEXT NOT NULL,"
	"  status TEXT NOT NULL DEFAULT 'open'"
	"    CHECK (status IN ('open', 'acknowledged', 'closed')),"
	"  raised_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  updated_at TEXT,"
	"  acked_by TEXT, acked_at TEXT, ack_note TEXT,"
	"  closed_by TEXT, closed_at TEXT, close_note TEXT,"
	"  UNIQUE (enterprise_id, rule, month));"
	"CREATE INDEX warnings_status ON warnings(status, month);",
	/* 3: 亩均论英雄, the yearly land-efficiency evaluation (issue #4). The inputs are read
	 * a year at a time (the year indexes); one evaluation per year, its results going
	 * with it. Classes are stored by key (pb_mujun_class_key), the scheme as read. */
	"CREATE TABLE mujun_data ("
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
	"  year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),"
	"  value_added REAL CHECK (value_added >= 0), emissions REAL CHECK (emissions >= 0),"
	"  cod REAL CHECK (cod >= 0), water REAL CHECK (water >= 0), tax REAL CHECK (tax >= 0),"
	"  revenue REAL CHECK (revenue >= 0), energy REAL CHECK (energy >= 0),"
	"  electricity REAL CHECK (electricity >= 0), employees REAL CHECK (employees >= 0),"
	"  rd REAL CHECK (rd >= 0), note TEXT, import_id INTEGER,"
	"  PRIMARY KEY (enterprise_id, year)) WITHOUT ROWID;"
	"CREATE INDEX mujun_data_year ON mujun_data(year);"
	"CREATE TABLE mujun_facts ("
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
	"  year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),"
	"  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 31 AND kind GLOB '[a-z]*'"
	"                            AND kind NOT GLOB '*[^a-z0-9_]*'),"
	"  note TEXT, import_id INTEGER,"
	"  PRIMARY KEY (enterprise_id, year, kind)) WITHOUT ROWID;"
	"CREATE INDEX mujun_facts_year ON mujun_facts(year);"
	"CREATE TABLE mujun_evaluations ("
	"  year INTEGER PRIMARY KEY CHECK (year BETWEEN 1949 AND 2100),"
	"  scheme_key TEXT NOT NULL, scheme_name TEXT NOT NULL, scheme_json TEXT NOT NULL,"
	"  evaluated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  user_name TEXT NOT NULL, enterprises INTEGER NOT NULL CHECK (enterprises >= 0));"
	/* rules: a JSON array of the keys of the rules that applied; detail: a JSON array,
	 * per indicator of the enterprise's group, of {key, value, points, flags}. Ranks
	 * are NULL for an enterprise that is not ranked. */
	"CREATE TABLE mujun_results ("
	"  year INTEGER NOT NULL REFERENCES mujun_evaluations(year) ON DELETE CASCADE,"
	"  enterprise_id INTEGER NOT NULL REFERENCES enterprises(id),"
	"  group_key TEXT,"
	"  class TEXT NOT NULL CHECK " MUJUN_CLASS("class") ","
	"  class_score TEXT CHECK " MUJUN_CLASS("class_score") ","
	"  adjust INTEGER NOT NULL DEFAULT 0 CHECK (adjust BETWEEN 0 AND 7),"
	"  total REAL,"
	"  rank_zone INTEGER CHECK (rank_zone >= 1), rank_sector INTEGER CHECK (rank_sector >= 1),"
	"  rank_park INTEGER CHECK (rank_park >= 1),"
	"  rules TEXT, detail TEXT,"
	"  PRIMARY KEY (year, enterprise_id)) WITHOUT ROWID;"
	/* a parcel (宗地) used by several enterprises: one plot row per user, with the area
	 * attributed to it, and the parcel's code in shared_parcel on each */
	"ALTER TABLE land_plots ADD COLUMN shared_parcel TEXT;",
	/* 4: accounts, sessions and login throttling (issue #5, the web platform). A password
	 * is kept only as its argon2id hash (crypto_pwhash_str's string), a session only as
	 * the hex SHA-256 of its token. Session and attempt times are Unix seconds (compared
	 * with the request's clock); the users' are ISO 8601 like the rest of the schema. A
	 * park user's parks are in user_parks; an enterprise user names its enterprise. */
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 2 AND 63),"
	"  display TEXT NOT NULL CHECK (length(display) BETWEEN 1 AND 127),"
	"  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'park', 'enterprise', 'viewer')),"
	"  password_hash TEXT NOT NULL,"
	"  enterprise_id INTEGER REFERENCES enterprises(id),"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),"
	"  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),"
	"  last_login_at TEXT,"
	"  CHECK ((role = 'enterprise') = (enterprise_id IS NOT NULL)));"
	"CREATE TABLE user_parks ("
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  park_id INTEGER NOT NULL REFERENCES parks(id),"
	"  PRIMARY KEY (user_id, park_id)) WITHOUT ROWID;"
	"CREATE TABLE sessions ("
	"  token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),"
	"  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL CHECK (length(csrf) = 64),"
	"  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL CHECK (expires_at > created_at),"
	"  ip TEXT) WITHOUT ROWID;"
	"CREATE INDEX sessions_user ON sessions(user_id);"
	"CREATE TABLE login_attempts ("
	"  name TEXT NOT NULL, ip TEXT NOT NULL, at INTEGER NOT NULL,"
	"  ok INTEGER NOT NULL CHECK (ok IN (0, 1)));"
	"CREATE INDEX login_attempts_name ON login_attempts(name, at);"
	"CREATE INDEX login_attempts_ip ON login_attempts(ip, at);",
	/* 5: the investment pipeline, key projects by month, 招商 activities (issue #6).
	 * A project's stage events become a history: one row per (project, stage, day), so
	 * that a project may reach a stage again after a correction; a project's events are
	 * replayed by day, then in the order they were recorded (rowid). user_name: who
	 * recorded a move made in the UI (an imported row has the import's). Targets are
	 * per year and level (全区, 园区, 团队) and the name of the park or team. */
	"CREATE TABLE project_stages_v5 ("
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 10),"
	"  date INTEGER NOT NULL CHECK (date BETWEEN 19490101 AND 21001231), note TEXT,"
	"  import_id INTEGER, user_name TEXT,"
	"  UNIQUE (project_id, stage, date));"
	"INSERT INTO project_stages_v5 (project_id, stage, date, note, import_id)"
	"  SELECT project_id, stage, date, note, import_id FROM project_stages"
	"  ORDER BY project_id, date, stage;"
	"DROP TABLE project_stages;"
	"ALTER TABLE project_stages_v5 RENAME TO project_stages;"
	"CREATE INDEX project_stages_replay ON project_stages(project_id, date);"
	"ALTER TABLE projects ADD COLUMN note TEXT;"
	"ALTER TABLE projects ADD COLUMN generated INTEGER NOT NULL DEFAULT 0"
	"  CHECK (generated IN (0, 1));"
	"CREATE INDEX projects_park ON projects(park_id);"
	"CREATE TABLE project_funds ("
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  month INTEGER NOT NULL, fixed REAL CHECK (fixed >= 0),"
	"  working REAL CHECK (working >= 0), note TEXT, import_id INTEGER,"
	"  PRIMARY KEY (project_id, month)) WITHOUT ROWID;"
	"CREATE TABLE pipeline_targets ("
	"  year INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 2100),"
	"  level TEXT NOT NULL CHECK (level IN ('全区', '园区', '团队')),"
	"  scope TEXT NOT NULL CHECK (length(scope) >= 1),"
	"  signed_count INTEGER CHECK (signed_count >= 0), signed_value REAL CHECK (signed_value >= 0),"
	"  funds REAL CHECK (funds >= 0), started_count INTEGER CHECK (started_count >= 0),"
	"  producing_count INTEGER CHECK (producing_count >= 0), note TEXT, import_id INTEGER,"
	"  PRIMARY KEY (year, level, scope)) WITHOUT ROWID;"
	"CREATE TABLE activities ("
	"  id INTEGER PRIMARY KEY,"
	"  date INTEGER NOT NULL CHECK (date BETWEEN 19490101 AND 21001231),"
	"  kind TEXT NOT NULL CHECK (kind IN ('外出拜访', '企业到访', '招商活动', '新闻宣传')),"
	"  title TEXT NOT NULL, park_id INTEGER REFERENCES parks(id), team TEXT,"
	"  project_id INTEGER REFERENCES projects(id), note TEXT, import_id INTEGER,"
	"  UNIQUE (date, kind, title));"
	"CREATE INDEX activities_park ON activities(park_id, date);"
	"CREATE TABLE key_project_months ("
	"  key_project_id INTEGER NOT NULL REFERENCES key_projects(id),"
	"  month INTEGER NOT NULL, completed REAL CHECK (completed >= 0), note TEXT,"
	"  import_id INTEGER, PRIMARY KEY (key_project_id, month)) WITHOUT ROWID;"
	"ALTER TABLE key_projects ADD COLUMN park_id INTEGER REFERENCES parks(id);"
	"ALTER TABLE key_projects ADD COLUMN started INTEGER;"
	"ALTER TABLE key_projects ADD COLUMN finished INTEGER;",
	/* 6: when a stage event was recorded, kept with the event (it came only from the
	 * move's audit entry or the import's start, by a search of the audit log). The
	 * column's default sets it on every insert, whoever inserts (an import, a move in the
	 * UI, the demo); a writer binding NULL explicitly gets it from the first trigger. It
	 * never changes after: a re-import of the same row (the upsert's UPDATE) keeps the
	 * time it was first recorded, and the second trigger puts back a time once set. The
	 * table is rebuilt (ALTER TABLE cannot add a column with a non-constant default; a
	 * trigger filling every row made a stage import half again as slow) keeping each rowid, the
	 * replay order and what the audit entries name. Rows already stored get their audit
	 * entry's time, else their import's start; with neither, NULL (unknown). */
	"CREATE TABLE project_stages_v6 ("
	"  project_id INTEGER NOT NULL REFERENCES projects(id),"
	"  stage INTEGER NOT NULL CHECK (stage BETWEEN 1 AND 10),"
	"  date INTEGER NOT NULL CHECK (date BETWEEN 19490101 AND 21001231), note TEXT,"
	"  import_id INTEGER, user_name TEXT,"
	"  recorded_at TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
	"    CHECK (recorded_at IS NULL OR recorded_at GLOB"
	"       '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),"
	"  UNIQUE (project_id, stage, date));"
	"INSERT INTO project_stages_v6 (rowid, project_id, stage, date, note, import_id, user_name,"
	"                               recorded_at)"
	"  SELECT s.rowid, s.project_id, s.stage, s.date, s.note, s.import_id, s.user_name,"
	"         coalesce(a.at, i.started_at)"
	"  FROM project_stages s"
	"  LEFT JOIN (SELECT json_extract(detail, '$.event') AS event, min(at) AS at FROM audit_log"
	"             WHERE action = 'projects.stage' AND entity = 'project_stages'"
	"             AND json_valid(detail) GROUP BY 1) a ON a.event = s.rowid"
	"  LEFT JOIN imports i ON i.id = s.import_id"
	"  ORDER BY s.rowid;"
	"DROP TABLE project_stages;"
	"ALTER TABLE project_stages_v6 RENAME TO project_stages;"
	"CREATE INDEX project_stages_replay ON project_stages(project_id, date);"
	"CREATE TRIGGER project_stages_recorded AFTER INSERT ON project_stages"
	"  WHEN NEW.recorded_at IS NULL BEGIN"
	"  UPDATE project_stages SET recorded_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
	"  WHERE rowid = NEW.rowid; END;"
	"CREATE TRIGGER project_stages_recorded_kept AFTER UPDATE OF recorded_at ON project_stages"
	"  WHEN OLD.recorded_at IS NOT NULL AND NEW.recorded_at IS NOT OLD.recorded_at BEGIN"
	"  UPDATE project_stages SET recorded_at = OLD.recorded_at WHERE rowid = NEW.rowid; END;",
};

int pb_schema_count(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *pb_schema_migration(int version)
{
	if (version < 1 || version > pb_schema_count())
		return NULL;
	return migrations[version - 1];
}
