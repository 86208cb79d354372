using System.Globalization;
using Honk.Tasks;

namespace Honk.Campaigns;

/// <summary>Reads a campaign file's own keys through the task-file parser, so errors carry lines like any task file's.</summary>
internal sealed class CampaignFileExtension(string? baseDirectory) : TaskFileExtension
{
    /// <summary>The most characters a <c>targets_file</c> may hold: room for <see cref="CampaignDefaults.MaxTargets"/> long URLs.</summary>
    internal const int MaxTargetsFileCharacters = 16 * 1024 * 1024;

    /// <summary>How many problems with single targets are listed before the rest are only counted.</summary>
    internal const int MaxTargetProblemsShown = 20;

    private List<string> _targets = [];
    private int _canary = 1;
    private List<WaveSize> _waves = [WaveSize.All];
    private decimal _gate = CampaignDefaults.Gate;
    private bool _approval;
    private int _concurrency = CampaignDefaults.Concurrency;
    private decimal? _budgetTotal;
    private string? _prTitle;
    private string? _prBody;

    public override IReadOnlyCollection<string> Keys => CampaignFileKeys.All;

    public override IReadOnlyDictionary<string, string> Synonyms => CampaignFileKeys.Synonyms;

    public CampaignFile ToCampaign(TaskFile task) => new()
    {
        Task = task,
        Targets = _targets,
        Canary = _canary,
        Waves = _waves,
        Gate = _gate,
        Approval = _approval,
        Concurrency = _concurrency,
        BudgetTotal = _budgetTotal,
        PullRequestTitle = _prTitle,
        PullRequestBody = _prBody,
    };

    protected override void Read(TaskFileFields fields)
    {
        _targets = ReadTargets(fields);
        _canary = fields.WholeNumber(CampaignFileKeys.Canary, 1) ?? 1;
        _waves = ReadWaves(fields);
        _gate = fields.Number(CampaignFileKeys.Gate, 0, 1, "0.8") ?? CampaignDefaults.Gate;
        _approval = fields.Boolean(CampaignFileKeys.Approval) ?? false;
        _concurrency = fields.WholeNumber(CampaignFileKeys.Concurrency, 1) ?? CampaignDefaults.Concurrency;
        _budgetTotal = fields.Number(CampaignFileKeys.BudgetTotal, 0.0001m, 1_000_000_000m, "250");
        _prTitle = fields.Text(CampaignFileKeys.PullRequestTitle);
        _prBody = fields.Text(CampaignFileKeys.PullRequestBody);
    }

    private List<string> ReadTargets(TaskFileFields fields)
    {
        var hasList = fields.Has(CampaignFileKeys.Targets);
        var hasFile = fields.Has(CampaignFileKeys.TargetsFile);
        if (hasList && hasFile)
        {
            fields.Error(CampaignFileKeys.TargetsFile, "Give the repositories either in 'targets' or in 'targets_file', not both.");
            return [];
        }

        if (!hasList && !hasFile)
        {
            fields.Error(CampaignFileKeys.Targets, "A campaign needs repositories: list them under 'targets:' ('- path or git URL' lines) or name a file of them, one per line, in 'targets_file:'.");
            return [];
        }

        if (hasFile && baseDirectory is null)
        {
            // A file sent to a host names no files on the host's disk.
            fields.Error(CampaignFileKeys.TargetsFile, "A campaign sent to a host lists its repositories under 'targets:'; 'targets_file' names a file on this machine.");
            return [];
        }

        var (key, read, folder) = hasList
            ? (CampaignFileKeys.Targets, fields.List(CampaignFileKeys.Targets, "target"), baseDirectory)
            : ReadTargetsFile(fields);
        if (read is not { } raw)
        {
            return []; // the targets file could not be read; that error says why
        }

        var targets = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var problems = 0;
        void Problem(string message)
        {
            // A hostile list of 100,000 bad lines gets a screenful of errors and a count, not 100,000 lines.
            if (++problems <= MaxTargetProblemsShown)
            {
                fields.Error(key, message);
            }
        }

        foreach (var item in raw)
        {
            var written = item.Trim();
            if (Git.GitRedaction.SecretsOf(written) is { Count: > 0 } secrets)
            {
                // Targets are stored with the campaign and printed in its report: a password or token in one would end
                // up in the store, the JSON and the logs.
                Problem($"The repository '{Git.GitRedaction.Redact(item, secrets)}' carries a password or token in its URL; campaigns store and print their targets, so give git the credentials another way (a credential helper, or GIT_ASKPASS).");
                continue;
            }

            // Checked as written, before a path is resolved: git must never see an option, a helper or a file:// URL.
            if (CampaignTargets.Problem(written) is { } problem)
            {
                Problem(problem);
                continue;
            }

            // Without a folder (a file sent to a host) the targets stay as written: the host's allow-list resolves them.
            var target = folder is null ? written : CampaignTargets.Resolve(item, folder);
            if (!seen.Add(CampaignTargets.Identity(target)))
            {
                Problem($"The repository '{item}' is listed twice (or as another spelling of the same repository); a campaign runs each repository once.");
            }
            else
            {
                targets.Add(target);
            }
        }

        if (problems > MaxTargetProblemsShown)
        {
            fields.Error(key, string.Create(CultureInfo.InvariantCulture, $"… and {problems - MaxTargetProblemsShown:N0} more problems with repositories (the first {MaxTargetProblemsShown} are shown)."));
        }

        if (targets.Count == 0 && raw.Count == 0 && fields.Has(key))
        {
            fields.Error(key, $"'{key}' lists no repositories.");
        }
        else if (targets.Count > CampaignDefaults.MaxTargets)
        {
            fields.Error(key, $"A campaign holds at most {CampaignDefaults.MaxTargets.ToString(CultureInfo.InvariantCulture)} repositories; split it.");
        }

        return targets;
    }

    /// <summary>The targets file's lines, or null Items when it cannot be read (the error is reported).</summary>
    private (string Key, IReadOnlyList<string>? Items, string? Folder) ReadTargetsFile(TaskFileFields fields)
    {
        const string key = CampaignFileKeys.TargetsFile;
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var name = fields.Text(key);
        if (name is null)
        {
            return (key, [], baseDirectory);
        }

        var path = Path.GetFullPath(name, baseDirectory);
        if (!File.Exists(path))
        {
            fields.Error(key, $"The targets file '{name}' does not exist (looked for {path}).");
            return (key, null, baseDirectory);
        }

        // One repository per line; blank lines and '#' comments are skipped. Read at most a task file's length: a
        // targets file of /dev/zero or gigabytes must not hang the parser (100,000 targets fit easily).
        string text;
        try
        {
            text = BoundedTextFile.Read(path, MaxTargetsFileCharacters);
        }
        catch (TaskFileException ex)
        {
            fields.Error(key, $"The targets file '{name}' cannot be used: {ex.Message}");
            return (key, null, baseDirectory);
        }

        if (text.Length > MaxTargetsFileCharacters)
        {
            fields.Error(key, string.Create(CultureInfo.InvariantCulture, $"The targets file '{name}' is longer than {MaxTargetsFileCharacters:N0} characters; split the campaign."));
            return (key, null, baseDirectory);
        }

        var items = text.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        return (key, items, Path.GetDirectoryName(path)!);
    }

    private static List<WaveSize> ReadWaves(TaskFileFields fields)
    {
        const string key = CampaignFileKeys.Waves;
        if (!fields.Has(key))
        {
            return [WaveSize.All];
        }

        var items = fields.List(key, "wave");
        var waves = new List<WaveSize>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (string.Equals(item, "all", StringComparison.OrdinalIgnoreCase))
            {
                if (i != items.Count - 1)
                {
                    fields.Error(key, "'all' takes every repository left, so it can only be the last wave.");
                }

                waves.Add(WaveSize.All);
            }
            else if (int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1)
            {
                waves.Add(new WaveSize(count));
            }
            else
            {
                fields.Error(key, $"Each wave is a number of repositories (at least 1) or 'all', not '{item}'; for example 'waves: [5, 50, all]'.");
            }
        }

        if (items.Count == 0)
        {
            fields.Error(key, "'waves' lists no waves; for example 'waves: [5, 50, all]'.");
        }

        return waves.Count == 0 ? [WaveSize.All] : waves;
    }
}
