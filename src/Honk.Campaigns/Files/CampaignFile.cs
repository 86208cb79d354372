using Honk.Tasks;

namespace Honk.Campaigns;

/// <summary>
/// A parsed campaign file: a task file (the same keys and Markdown body) plus the repositories to run it on and how
/// to roll it out. See <c>docs/campaigns.md</c>.
/// </summary>
public sealed record CampaignFile
{
    /// <summary>The task run on every repository, with its delivery and branch.</summary>
    public required TaskFile Task { get; init; }

    /// <summary>The repositories (paths or git URLs) in order: the canary is taken from the front.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>How many repositories run first, alone (default 1).</summary>
    public int Canary { get; init; } = 1;

    /// <summary>The waves after the canary; repositories left after the last one form a final wave.</summary>
    public IReadOnlyList<WaveSize> Waves { get; init; } = [WaveSize.All];

    /// <summary>The smallest share (0–1) of a wave's repositories that must end <c>succeeded</c> or <c>no_changes</c> before the next wave starts (default 0.8).</summary>
    public decimal Gate { get; init; } = CampaignDefaults.Gate;

    /// <summary>Whether a person approves each next wave (the campaign pauses after each wave until then).</summary>
    public bool Approval { get; init; }

    /// <summary>How many sessions run at once (default 4).</summary>
    public int Concurrency { get; init; } = CampaignDefaults.Concurrency;

    /// <summary>The most US dollars the whole campaign may spend, checked before each session starts; no limit when <see langword="null"/>.</summary>
    public decimal? BudgetTotal { get; init; }

    /// <summary>The pull request's title (<c>pr_title</c>); the task's title when <see langword="null"/>.</summary>
    public string? PullRequestTitle { get; init; }

    /// <summary>The pull request's body (<c>pr_body</c>).</summary>
    public string? PullRequestBody { get; init; }

    /// <summary>The campaign's name: the task's title, or the first line of its goal.</summary>
    public string Name => Task.Task.Title ?? Task.Task.Goal.Split('\n')[0].Trim();

    /// <summary>Parses a campaign file's text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="source">The file name for messages, if any.</param>
    /// <param name="baseDirectory">Where relative <c>targets</c> and <c>targets_file</c> are resolved; the current directory when <see langword="null"/>.</param>
    /// <returns>The campaign file.</returns>
    /// <exception cref="TaskFileException">The file is invalid; every problem is listed with its line.</exception>
    public static CampaignFile Parse(string text, string? source = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var extension = new CampaignFileExtension(baseDirectory ?? Environment.CurrentDirectory);
        var task = TaskFile.Parse(text, source, extension);
        return extension.ToCampaign(task);
    }

    /// <summary>
    /// Parses a campaign file sent to a host: the targets stay exactly as written (the host resolves each against its
    /// own allow-list) and <c>targets_file</c> is refused, since it would name a file on the host's disk.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="source">A name for messages, if any.</param>
    /// <returns>The campaign file.</returns>
    /// <exception cref="TaskFileException">The file is invalid; every problem is listed with its line.</exception>
    public static CampaignFile ParseUnresolved(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var extension = new CampaignFileExtension(null);
        var task = TaskFile.Parse(text, source, extension);
        return extension.ToCampaign(task);
    }

    /// <summary>Reads and parses a campaign file; relative targets are resolved against the file's folder.</summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The campaign file.</returns>
    /// <exception cref="TaskFileException">The file is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static async Task<CampaignFile> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var text = await ReadTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>
    /// Reads a campaign file's text, at most one character past <see cref="TaskFile.MaxLength"/> (which the parser then
    /// refuses): <c>/dev/zero</c> or a huge file ends in a clear error instead of a hang.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The text, possibly cut one character past the limit.</returns>
    /// <exception cref="TaskFileException">The path names a named pipe (FIFO) or a socket.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Task<string> ReadTextAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return BoundedTextFile.ReadAsync(path, TaskFile.MaxLength, cancellationToken);
    }
}
