namespace Honk.Hosting;

/// <summary>
/// Turns a claimed session into a run. The default, <see cref="SessionComposer"/>, wires the same pieces as the CLI
/// (model, git workspace, sandbox, tools, validators, guards and judge, delivery through the effects ledger).
/// </summary>
public interface ISessionExecutor
{
    /// <summary>Runs one attempt of a session to its end.</summary>
    /// <param name="execution">The session, its event sink and its effects ledger.</param>
    /// <param name="cancellationToken">Cancelled when the session is cancelled, its lease is lost, or the host stops.</param>
    /// <returns>The result. Exceptions are turned into a failed result by the runner.</returns>
    Task<SessionResult> ExecuteAsync(SessionExecution execution, CancellationToken cancellationToken = default);
}
