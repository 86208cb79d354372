namespace Honk.Tests.Loop;

/// <summary>The workspace provider and command runner the startup check asks for, as small fakes over temp folders.</summary>
internal static class TestInfrastructure
{
    public static IHonkBuilder WithTestInfrastructure(this IHonkBuilder builder)
        => builder.WithWorkspaceProvider<FolderWorkspaceProvider>().WithCommandRunner<NoRunner>();
}

/// <summary>Gives each session a fresh temporary folder, seeded with the files of the "repository" folder when it exists.</summary>
internal sealed class FolderWorkspaceProvider : WorkspaceProvider
{
    private int _acquired;

    public int Acquired => _acquired;

    public List<FolderWorkspace> Workspaces { get; } = [];

    protected override ValueTask<Workspace> AcquireCoreAsync(WorkspaceRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _acquired);
        var workspace = new FolderWorkspace();
        if (Directory.Exists(request.Repository))
        {
            foreach (var file in Directory.EnumerateFiles(request.Repository))
            {
                workspace.Write(Path.GetFileName(file), File.ReadAllText(file));
            }

            workspace.Rebase();
        }

        lock (Workspaces)
        {
            Workspaces.Add(workspace);
        }

        return ValueTask.FromResult<Workspace>(workspace);
    }
}

internal sealed class NoRunner : ICommandRunner
{
    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default)
        => Task.FromResult(new CommandResult(0, "", TimeSpan.Zero));
}
