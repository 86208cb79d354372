namespace Honk.Tools.Tests.Support;

/// <summary>
/// Tests that set process-wide environment variables (GIT_DIR, planted secrets) run alone: every git or sandbox
/// process another test starts meanwhile would inherit them (a parallel test's `git init` failed on GIT_DIR).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process environment";
}
