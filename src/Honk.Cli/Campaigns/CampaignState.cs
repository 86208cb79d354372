using Honk.Campaigns;
using Honk.Cli.Running;
using Honk.Hosting;

namespace Honk.Cli.Campaigns;

/// <summary>
/// Where campaigns live: a state folder on one machine (two SQLite files: campaigns, and the sessions' events and
/// effects ledger), or one PostgreSQL database shared by the controller and every worker.
/// </summary>
internal sealed class CampaignState : IAsyncDisposable
{
    private readonly IAsyncDisposable? _owned;

    private CampaignState(CampaignStore campaigns, ISessionStore sessions, string folder, IAsyncDisposable? owned)
    {
        Campaigns = campaigns;
        Sessions = sessions;
        Folder = folder;
        _owned = owned;
    }

    public CampaignStore Campaigns { get; }

    public ISessionStore Sessions { get; }

    /// <summary>The local folder for transcripts and patches.</summary>
    public string Folder { get; }

    public static async Task<CampaignState> OpenAsync(string? stateFolder, string? postgres, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(stateFolder ?? RunRequest.DefaultStateDirectory("campaigns"));
        CampaignState state;
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var (campaigns, sessions, owned) = PostgresStores.Open(postgres);
            state = new CampaignState(campaigns, sessions, folder, owned);
        }
        else
        {
            Directory.CreateDirectory(folder);
            state = new CampaignState(CampaignStore.Sqlite(Path.Combine(folder, "campaigns.db")), new SqliteSessionStore(Path.Combine(folder, "sessions.db")), folder, null);
        }

        try
        {
            await state.Sessions.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await state.Campaigns.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await state.DisposeAsync().ConfigureAwait(false);
            throw new CliException(string.IsNullOrWhiteSpace(postgres)
                ? $"The campaign state folder '{folder}' cannot be used: {ex.Message}"
                : $"The store '{Redact(postgres)}' cannot be used: {ex.Message}");
        }

        return state;
    }

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;

    private static string Redact(string connectionString)
        => string.Join(';', connectionString.Split(';').Select(part => part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase) ? "Password=***" : part));
}
