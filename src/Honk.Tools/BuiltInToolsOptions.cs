namespace Honk.Tools;

/// <summary>Caps and switches of the built-in tools. Every cap keeps a tool result small enough for a model's context.</summary>
public sealed class BuiltInToolsOptions
{
    /// <summary>The most lines <c>read_file</c> returns in one call (the model pages with <c>offset</c>). Default 2000.</summary>
    public int MaxReadLines { get; set; } = 2000;

    /// <summary>The longest line <c>read_file</c> shows before cutting it (characters). Default 2000.</summary>
    public int MaxLineLength { get; set; } = 2000;

    /// <summary>The largest file <c>read_file</c> and <c>edit_file</c> open (bytes). Default 16 MiB.</summary>
    public long MaxFileBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The most matches <c>search</c> returns. Default 200.</summary>
    public int MaxSearchMatches { get; set; } = 200;

    /// <summary>The longest matching line <c>search</c> shows before cutting it (characters). Default 300.</summary>
    public int MaxSearchLineLength { get; set; } = 300;

    /// <summary>The most entries <c>list_files</c> returns. Default 1000.</summary>
    public int MaxListEntries { get; set; } = 1000;

    /// <summary>Whether <c>search</c> uses ripgrep when it is installed. Default true; the in-process search gives the same output.</summary>
    public bool UseRipgrep { get; set; } = true;

    /// <summary>The ripgrep program; by default <c>rg</c> found on PATH.</summary>
    public string? RipgrepPath { get; set; }

    /// <summary>The git program used to list files that .gitignore does not exclude. Default <c>git</c> on PATH.</summary>
    public string GitPath { get; set; } = "git";

    /// <summary>Time limit of one <c>search</c> or <c>list_files</c> call. Default 60 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Options of <c>run_command</c>: the allow-list, the time limit and the sandbox.</summary>
    public RunCommandOptions RunCommand { get; set; } = new();

    /// <summary>Options of the <c>git</c> tool: the commit identity, the time limit and the output cap.</summary>
    public GitToolOptions Git { get; set; } = new();

    /// <summary>Checks every value is in range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReadLines, 1, nameof(MaxReadLines));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineLength, 20, nameof(MaxLineLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFileBytes, 1, nameof(MaxFileBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSearchMatches, 1, nameof(MaxSearchMatches));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSearchLineLength, 20, nameof(MaxSearchLineLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxListEntries, 1, nameof(MaxListEntries));
        ArgumentException.ThrowIfNullOrWhiteSpace(GitPath, nameof(GitPath));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
    }

    /// <summary>Returns a copy, so a session's tools are not changed by later edits of the host's options.</summary>
    /// <returns>The copy.</returns>
    public BuiltInToolsOptions Clone() => (BuiltInToolsOptions)MemberwiseClone();
}
