namespace Honk.Tools.Tests.Commands;

/// <summary>Records requests and answers with a fixed result.</summary>
internal sealed class RecordingCommandRunner(CommandResult result) : ICommandRunner
{
    public List<CommandRequest> Requests { get; } = [];

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        return Task.FromResult(result);
    }
}
