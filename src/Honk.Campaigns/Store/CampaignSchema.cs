namespace Honk.Campaigns;

/// <summary>The campaign tables, in the common SQL of SQLite and PostgreSQL (times are Unix milliseconds; money is invariant text).</summary>
internal static class CampaignSchema
{
    public const string CampaignColumns = "id, spec_json, status, message, approved_wave, requested, created_at, updated_at";

    public const string RepositoryColumns = "campaign_id, position, repository, wave, status, session_id, branch, attempts, cost_usd, turns, message, worker, started_at, completed_at";

    public static IReadOnlyList<string> Statements { get; } =
    [
        """
        CREATE TABLE IF NOT EXISTS honk_campaigns (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            spec_json TEXT NOT NULL,
            status TEXT NOT NULL,
            message TEXT NULL,
            approved_wave INTEGER NOT NULL DEFAULT 0,
            requested TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS honk_campaign_repositories (
            campaign_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            repository TEXT NOT NULL,
            wave INTEGER NOT NULL,
            status TEXT NOT NULL,
            session_id TEXT NOT NULL,
            branch TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            cost_usd TEXT NULL,
            turns INTEGER NULL,
            message TEXT NULL,
            worker TEXT NULL,
            started_at BIGINT NULL,
            completed_at BIGINT NULL,
            result_json TEXT NULL,
            PRIMARY KEY (campaign_id, position))
        """,
        "CREATE INDEX IF NOT EXISTS honk_campaign_repositories_status ON honk_campaign_repositories (campaign_id, status)",
    ];
}
