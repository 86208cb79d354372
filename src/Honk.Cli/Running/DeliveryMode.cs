namespace Honk.Cli.Running;

/// <summary>Where <c>honk run</c> puts a successful change (<c>--deliver</c>).</summary>
internal enum DeliveryMode
{
    /// <summary>Leave it on the session branch in Honk's mirror; report the branch.</summary>
    None,

    /// <summary>Create the branch in the source repository (local paths).</summary>
    Branch,

    /// <summary>Write a <c>git format-patch</c> file.</summary>
    Patch,

    /// <summary>Push the branch to the repository's remote.</summary>
    Push,

    /// <summary>Push, then open or update a GitHub pull request.</summary>
    PullRequest,
}
