namespace Honk.Delivery.GitHub;

/// <summary>Where <see cref="GitHubPullRequestChannel"/> opens pull requests, and how they look.</summary>
public sealed class GitHubPullRequestOptions
{
    /// <summary>The account owning the target repository (required).</summary>
    public string Owner { get; set; } = "";

    /// <summary>The target repository's name (required).</summary>
    public string Repository { get; set; } = "";

    /// <summary>The account owning the pushed branch when it lives in a fork; <see cref="Owner"/> by default.</summary>
    public string? HeadOwner { get; set; }

    /// <summary>The branch the change goes into; the repository's default branch when <see langword="null"/>.</summary>
    public string? BaseBranch { get; set; }

    /// <summary>Labels added to the pull request (GitHub creates missing ones). Default none.</summary>
    public IList<string> Labels { get; } = [];

    /// <summary>Opens new pull requests as drafts. Default <see langword="false"/>. GitHub's REST API cannot change this later.</summary>
    public bool Draft { get; set; }

    /// <summary>The pull request's title instead of the task's (a campaign's <c>pr_title</c>). Default: the task's title.</summary>
    public string? Title { get; set; }

    /// <summary>Markdown put at the top of the body, before the session's summary (a campaign's <c>pr_body</c>). Default none.</summary>
    public string? Description { get; set; }

    /// <summary>Put before the title, e.g. <c>[honk] </c>. Default none.</summary>
    public string? TitlePrefix { get; set; }

    /// <summary>
    /// A link back to the session, with <c>{sessionId}</c> replaced by the escaped session id, e.g.
    /// <c>https://honk.example.com/sessions/{sessionId}</c>. Default none (no link).
    /// </summary>
    public string? SessionUrlTemplate { get; set; }

    /// <summary>At most this many changed files are listed in the body. Default 50.</summary>
    public int MaxChangedFilesListed { get; set; } = 50;

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A required value is missing or out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(Repository);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxChangedFilesListed);
    }
}
