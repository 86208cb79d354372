namespace Honk.Tools;

/// <summary>Options of the <c>git</c> tool.</summary>
public sealed class GitToolOptions
{
    /// <summary>The name commits are made under (author and committer). Default: <c>Honk</c>.</summary>
    public string AuthorName { get; set; } = "Honk";

    /// <summary>The e-mail commits are made under (author and committer). Default: <c>honk@localhost</c>.</summary>
    public string AuthorEmail { get; set; } = "honk@localhost";

    /// <summary>The git program. Default: <c>git</c> from the host's PATH.</summary>
    public string GitPath { get; set; } = "git";

    /// <summary>The time limit of one git call. Default: 1 minute.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most output lines kept (half from the start, half from the end). Default: 400.</summary>
    public int MaxOutputLines { get; set; } = 400;

    /// <summary>The longest output line kept, in characters. Default: 2,000.</summary>
    public int MaxLineLength { get; set; } = 2000;
}
