namespace Honk;

/// <summary>
/// Creates the command runner of one session: sandboxes are bound to a workspace folder, so hosts register a factory
/// rather than one runner.
/// </summary>
public interface ICommandRunnerFactory
{
    /// <summary>Creates a runner for <paramref name="workspace"/>.</summary>
    /// <param name="workspace">The session's workspace.</param>
    /// <returns>The runner.</returns>
    ICommandRunner Create(Workspace workspace);
}
