namespace Honk.Hosting;

/// <summary>
/// The store's tables, as versioned migrations. The SQL is the common subset of SQLite and PostgreSQL (TEXT, BIGINT,
/// INTEGER; times are Unix milliseconds), so both backends share it.
/// </summary>
internal static class SqlSchema
{
    public const string SessionColumns =
        "id, request_json, branch, status, created_at, updated_at, started_at, completed_at, attempts, result_json, last_sequence, lease_owner, lease_expires_at, cancel_requested, approval_state, approval_by, approval_at, approval_comment";

    /// <summary>Migration <c>i</c> brings the schema from version <c>i</c> to <c>i + 1</c>.</summary>
    public static IReadOnlyList<string[]> Migrations { get; } =
    [
        [
            """
            CREATE TABLE IF NOT EXISTS honk_sessions (
                id TEXT NOT NULL PRIMARY KEY,
                repository TEXT NOT NULL,
                requester TEXT NULL,
                request_json TEXT NOT NULL,
                branch TEXT NOT NULL,
                status TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                started_at BIGINT NULL,
                completed_at BIGINT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                result_json TEXT NULL,
                last_sequence BIGINT NOT NULL DEFAULT 0,
                lease_owner TEXT NULL,
                lease_expires_at BIGINT NULL,
                cancel_requested INTEGER NOT NULL DEFAULT 0,
                approval_state TEXT NOT NULL DEFAULT 'pending',
                approval_by TEXT NULL,
                approval_at BIGINT NULL,
                approval_comment TEXT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS honk_sessions_status ON honk_sessions (status, created_at)",
            "CREATE INDEX IF NOT EXISTS honk_sessions_repository ON honk_sessions (repository, status)",
            """
            CREATE TABLE IF NOT EXISTS honk_events (
                session_id TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                type TEXT NOT NULL,
                timestamp BIGINT NOT NULL,
                json TEXT NOT NULL,
                PRIMARY KEY (session_id, sequence))
            """,
            """
            CREATE TABLE IF NOT EXISTS honk_effects (
                session_id TEXT NOT NULL,
                effect_key TEXT NOT NULL,
                state TEXT NOT NULL,
                began_at BIGINT NOT NULL,
                completed_at BIGINT NULL,
                attempts INTEGER NOT NULL DEFAULT 1,
                outcome_json TEXT NULL,
                PRIMARY KEY (session_id, effect_key))
            """,
        ],
        [
            // Webhook delivery and event ids, kept until they expire so a replay after a restart is still refused.
            "CREATE TABLE IF NOT EXISTS honk_replay_ids (id TEXT NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS honk_replay_ids_expiry ON honk_replay_ids (expires_at)",
        ],
        [
            // Messages and plan decisions for a session, so that one sent through any host reaches the host running it.
            """
            CREATE TABLE IF NOT EXISTS honk_steering (
                session_id TEXT NOT NULL,
                position BIGINT NOT NULL,
                kind TEXT NOT NULL,
                sender TEXT NOT NULL,
                text TEXT NULL,
                approved INTEGER NULL,
                created_at BIGINT NOT NULL,
                taken_at BIGINT NULL,
                PRIMARY KEY (session_id, position))
            """,
        ],
    ];
}
