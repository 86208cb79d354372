namespace Honk.Delivery.GitHub;

/// <summary>GitHub refused a request: the status, GitHub's own <c>message</c> and the detail of its <c>errors</c> array.</summary>
public sealed class GitHubApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GitHubApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed (never containing the token).</param>
    public GitHubApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What failed (never containing the token).</param>
    /// <param name="innerException">The cause.</param>
    public GitHubApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status code GitHub answered with.</summary>
    public int StatusCode { get; init; }

    /// <summary>GitHub's <c>message</c> field, e.g. <c>Validation Failed</c> or <c>Bad credentials</c>.</summary>
    public string? GitHubMessage { get; init; }

    /// <summary>The messages (or codes) of GitHub's <c>errors</c> array, e.g. <c>A pull request already exists for o:b.</c></summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>True when the call failed because a rate limit did not clear within the allowed wait or retries.</summary>
    public bool IsRateLimited { get; init; }

    /// <summary>How long GitHub asked to wait, for a rate-limited call.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>True for GitHub's 422 answer to creating a pull request whose head branch already has an open one.</summary>
    public bool IsPullRequestAlreadyExists =>
        StatusCode == 422
        && (Errors.Any(e => e.Contains("pull request already exists", StringComparison.OrdinalIgnoreCase))
            || (GitHubMessage?.Contains("pull request already exists", StringComparison.OrdinalIgnoreCase) ?? false));
}
