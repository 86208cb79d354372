using Honk.Tools;
using Honk.Validators;
using Honk.Workspaces.Git;

namespace Honk.Hosting;

/// <summary>
/// Runs the validators once on the untouched base, in a second worktree at the session's base commit, the first time
/// any validator fails — so failures that were already there are reported as pre-existing and do not block the gate.
/// Shared by all of a session's validators: one capture, one extra build at most.
/// </summary>
/// <param name="provider">Acquires the second worktree.</param>
/// <param name="repository">The session's repository.</param>
/// <param name="task">The task.</param>
/// <param name="sessionId">The session's id.</param>
/// <param name="workspace">The session's workspace, whose base commit is checked out.</param>
/// <param name="sandbox">The sandbox the validators run in.</param>
public sealed class BaselineCapture(GitWorkspaceProvider provider, string repository, CodingTask task, string sessionId, GitWorkspace workspace, SandboxOptions sandbox)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Validator> _validators = [];
    private ValidationBaseline? _baseline;

    /// <summary>Wraps each validator so that its failures are compared with the base.</summary>
    /// <param name="validators">The validators.</param>
    /// <returns>The wrapped validators.</returns>
    public IEnumerable<Validator> Wrap(IEnumerable<Validator> validators)
    {
        foreach (var validator in validators)
        {
            _validators.Add(validator);
            yield return new BaselineValidator(validator, CaptureAsync);
        }
    }

    private async Task<ValidationBaseline> CaptureAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_baseline is not null)
            {
                return _baseline;
            }

            var baseRequest = new WorkspaceRequest(repository, sessionId + "-base")
            {
                BaseRef = workspace.BaseCommit,
                BranchName = workspace.Branch + "-base",
            };
            var baseWorkspace = await provider.AcquireGitWorkspaceAsync(baseRequest, cancellationToken).ConfigureAwait(false);
            await using (baseWorkspace.ConfigureAwait(false))
            {
                var context = new ValidationContext(sessionId, task, baseWorkspace)
                {
                    CommandRunner = new SandboxedCommandRunner(baseWorkspace.RootPath, sandbox),
                    Round = 0,
                };
                _baseline = await ValidationBaseline.CaptureAsync(_validators, context, cancellationToken).ConfigureAwait(false);
                return _baseline;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
