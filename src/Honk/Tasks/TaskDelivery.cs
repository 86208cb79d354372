namespace Honk.Tasks;

/// <summary>How a task's result is delivered; the wire names match the CLI's <c>--deliver</c> values.</summary>
public enum TaskDelivery
{
    /// <summary><c>none</c>: leave the change in the workspace.</summary>
    None,

    /// <summary><c>branch</c>: commit on a local branch.</summary>
    Branch,

    /// <summary><c>patch</c>: write a patch file.</summary>
    Patch,

    /// <summary><c>push</c>: commit on a branch and push it.</summary>
    Push,

    /// <summary><c>pr</c>: push a branch and open a pull request.</summary>
    PullRequest,
}
