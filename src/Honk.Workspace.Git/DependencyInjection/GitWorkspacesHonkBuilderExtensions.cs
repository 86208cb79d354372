using Honk.Workspaces.Git;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Honk;

/// <summary>Honk.Workspace.Git's registrations on <see cref="IHonkBuilder"/>.</summary>
public static class GitWorkspacesHonkBuilderExtensions
{
    /// <summary>
    /// Acquires each session's workspace as a git worktree on a local mirror of the repository (a path or git URL).
    /// Registers <see cref="GitWorkspaceProvider"/> both as itself and as the <see cref="WorkspaceProvider"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Adjusts where mirrors and worktrees live.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddGitWorkspaces(this IHonkBuilder builder, Action<GitWorkspaceOptions>? configure = null)
    {
        var options = new GitWorkspaceOptions();
        configure?.Invoke(options);
        return builder.AddGitWorkspaces(options);
    }

    /// <summary>Like <see cref="AddGitWorkspaces(IHonkBuilder, Action{GitWorkspaceOptions})"/>, with the options given.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">Where mirrors and worktrees live.</param>
    /// <returns>The builder.</returns>
    public static IHonkBuilder AddGitWorkspaces(this IHonkBuilder builder, GitWorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.Services.Replace(ServiceDescriptor.Singleton(sp => new GitWorkspaceProvider(options, sp.GetService<TimeProvider>())));
        builder.Services.Replace(ServiceDescriptor.Singleton<WorkspaceProvider>(sp => sp.GetRequiredService<GitWorkspaceProvider>()));
        return builder;
    }
}
