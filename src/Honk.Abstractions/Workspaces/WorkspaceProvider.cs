namespace Honk;

/// <summary>Gives each session its own isolated workspace on a repository.</summary>
public abstract class WorkspaceProvider
{
    /// <summary>Acquires a fresh workspace. The caller disposes it.</summary>
    /// <param name="request">Which repository, for which session.</param>
    /// <param name="cancellationToken">Cancels the acquisition.</param>
    /// <returns>The workspace.</returns>
    public ValueTask<Workspace> AcquireAsync(WorkspaceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Repository);
        return AcquireCoreAsync(request, cancellationToken);
    }

    /// <summary>Acquires a fresh workspace.</summary>
    /// <param name="request">Which repository, for which session.</param>
    /// <param name="cancellationToken">Cancels the acquisition.</param>
    /// <returns>The workspace.</returns>
    protected abstract ValueTask<Workspace> AcquireCoreAsync(WorkspaceRequest request, CancellationToken cancellationToken);
}
