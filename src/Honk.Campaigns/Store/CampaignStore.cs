using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Campaigns;

/// <summary>
/// The durable state of campaigns and their repositories, over any ADO.NET provider that speaks the common SQL of
/// SQLite and PostgreSQL. Every state change is one guarded <c>UPDATE</c>, so a repository is queued once and reaches
/// a final state once, however many controllers or workers race for it.
/// </summary>
public sealed partial class CampaignStore
{
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _setup;

    /// <summary>Creates the store over a connection factory.</summary>
    /// <param name="openConnection">Opens a ready connection; the store disposes it.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    public CampaignStore(Func<CancellationToken, ValueTask<DbConnection>> openConnection, TimeProvider? timeProvider = null)
        : this(openConnection, timeProvider, [])
    {
    }

    private CampaignStore(Func<CancellationToken, ValueTask<DbConnection>> openConnection, TimeProvider? timeProvider, IReadOnlyList<string> setup)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        _open = openConnection;
        _time = timeProvider ?? TimeProvider.System;
        _setup = setup;
    }

    /// <summary>Creates the tables when missing. Idempotent; processes starting together may both call it.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the tables exist.</returns>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await _open(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    foreach (var statement in _setup.Concat(CampaignSchema.Statements))
                    {
                        await ExecuteAsync(connection, null, statement, cancellationToken).ConfigureAwait(false);
                    }
                }

                return;
            }
            catch (DbException) when (attempt < 3)
            {
                // PostgreSQL's CREATE TABLE IF NOT EXISTS can still collide when two processes run it at once; the
                // second try sees the table.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Adds a campaign and its repositories, every one pending.</summary>
    /// <param name="id">The campaign's id.</param>
    /// <param name="spec">What it runs.</param>
    /// <param name="repositories">The repositories with their waves, in order.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored campaign.</returns>
    public async Task<CampaignRecord> CreateAsync(string id, CampaignSpec spec, IReadOnlyList<(string Repository, int Wave)> repositories, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(repositories);
        var now = Now();
        var connection = await _open(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await ExecuteAsync(
                    connection,
                    transaction,
                    "INSERT INTO honk_campaigns (id, name, spec_json, status, created_at, updated_at) VALUES (@id, @name, @spec, @status, @now, @now)",
                    cancellationToken,
                    ("id", id),
                    ("name", spec.Name),
                    ("spec", JsonSerializer.Serialize(spec, HostingJson.Options)),
                    ("status", CampaignStatus.Running),
                    ("now", now)).ConfigureAwait(false);
                for (var i = 0; i < repositories.Count; i++)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO honk_campaign_repositories (campaign_id, position, repository, wave, status, session_id, branch) VALUES (@id, @position, @repository, @wave, @status, @session, @branch)",
                        cancellationToken,
                        ("id", id),
                        ("position", i),
                        ("repository", repositories[i].Repository),
                        ("wave", repositories[i].Wave),
                        ("status", CampaignStatus.Pending),
                        ("session", SessionIdOf(id, i)),
                        ("branch", spec.Branch)).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return (await GetAsync(id, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The session id of a campaign's repository: fixed, so every attempt shares one effects ledger.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="position">The repository's position.</param>
    /// <returns>The session id.</returns>
    public static string SessionIdOf(string campaignId, int position)
        => string.Create(CultureInfo.InvariantCulture, $"{campaignId}-r{position:D4}");

    /// <summary>Reads one campaign.</summary>
    /// <param name="id">The campaign's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaign, or <see langword="null"/> when there is none.</returns>
    public async Task<CampaignRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var rows = await QueryAsync($"SELECT {CampaignSchema.CampaignColumns} FROM honk_campaigns WHERE id = @id", ReadCampaign, cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>Lists campaigns, newest first.</summary>
    /// <param name="limit">At most this many.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaigns.</returns>
    public Task<IReadOnlyList<CampaignRecord>> ListAsync(int limit = 50, CancellationToken cancellationToken = default)
        => QueryAsync($"SELECT {CampaignSchema.CampaignColumns} FROM honk_campaigns ORDER BY created_at DESC, id DESC LIMIT @limit", ReadCampaign, cancellationToken, ("limit", limit));

    /// <summary>Reads a campaign's repositories in order.</summary>
    /// <param name="id">The campaign's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The repositories.</returns>
    public Task<IReadOnlyList<CampaignRepositoryRecord>> ListRepositoriesAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return QueryAsync($"SELECT {CampaignSchema.RepositoryColumns} FROM honk_campaign_repositories WHERE campaign_id = @id ORDER BY position", ReadRepository, cancellationToken, ("id", id));
    }

    /// <summary>Reads one repository of a campaign.</summary>
    /// <param name="id">The campaign's id.</param>
    /// <param name="position">The repository's position.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The repository, or <see langword="null"/>.</returns>
    public async Task<CampaignRepositoryRecord?> GetRepositoryAsync(string id, int position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var rows = await QueryAsync($"SELECT {CampaignSchema.RepositoryColumns} FROM honk_campaign_repositories WHERE campaign_id = @id AND position = @position", ReadRepository, cancellationToken, ("id", id), ("position", position)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();
}
