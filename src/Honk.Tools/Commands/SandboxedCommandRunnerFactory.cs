namespace Honk.Tools;

/// <summary>Creates a <see cref="SandboxedCommandRunner"/> per session workspace, with shared sandbox options.</summary>
/// <param name="options">The sandbox options every session uses; the defaults when <see langword="null"/>.</param>
/// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
public sealed class SandboxedCommandRunnerFactory(SandboxOptions? options = null, TimeProvider? timeProvider = null) : ICommandRunnerFactory
{
    /// <inheritdoc />
    public ICommandRunner Create(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new SandboxedCommandRunner(workspace.RootPath, options, timeProvider);
    }
}
