using Microsoft.Extensions.AI;

namespace Honk;

/// <summary>
/// What a tool can reach during a session: the workspace, the sandboxed command runner, the task. The loop passes it
/// in <see cref="AIFunctionArguments.Context"/>; read it with <see cref="ToolContextExtensions.GetToolContext"/>.
/// </summary>
public sealed class ToolContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="task">The task.</param>
    /// <param name="workspace">The session's workspace.</param>
    public ToolContext(string sessionId, CodingTask task, Workspace workspace)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(workspace);
        SessionId = sessionId;
        Task = task;
        Workspace = workspace;
    }

    /// <summary>The session's id.</summary>
    public string SessionId { get; }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>The session's workspace. Tools must not touch anything outside <see cref="Workspace.RootPath"/>.</summary>
    public Workspace Workspace { get; }

    /// <summary>The sandboxed command runner, when the host configured one.</summary>
    public ICommandRunner? CommandRunner { get; init; }

    /// <summary>Runs the session's validators (the stop gate's checks) on demand; set by the loop.</summary>
    public Func<CancellationToken, ValueTask<IReadOnlyList<ValidatorReport>>>? RunValidators { get; init; }

    /// <summary>Lets a tool end the session early with "not applicable" (status no_changes) and a reason.</summary>
    public Action<string>? ReportNotApplicable { get; init; }
}

/// <summary>Reads the <see cref="ToolContext"/> the loop passes to tools.</summary>
public static class ToolContextExtensions
{
    /// <summary>Gets the session's tool context.</summary>
    /// <param name="arguments">The arguments the tool was invoked with.</param>
    /// <returns>The context.</returns>
    /// <exception cref="InvalidOperationException">The tool was invoked outside a Honk session.</exception>
    public static ToolContext GetToolContext(this AIFunctionArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Context is not null && arguments.Context.TryGetValue(typeof(ToolContext), out var value) && value is ToolContext context)
        {
            return context;
        }

        if (arguments.Services?.GetService(typeof(ToolContext)) is ToolContext fromServices)
        {
            return fromServices;
        }

        throw new InvalidOperationException("This tool needs a Honk ToolContext: invoke it from an AgentSession.");
    }

    /// <summary>Puts a tool context into the arguments (done by the loop; useful in tool tests).</summary>
    /// <param name="arguments">The arguments.</param>
    /// <param name="context">The context.</param>
    /// <returns>The same arguments.</returns>
    public static AIFunctionArguments WithToolContext(this AIFunctionArguments arguments, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(context);
        arguments.Context ??= new Dictionary<object, object?>();
        arguments.Context[typeof(ToolContext)] = context;
        return arguments;
    }
}
