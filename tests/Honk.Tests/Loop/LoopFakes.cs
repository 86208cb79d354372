using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Honk.Tests.Loop;

/// <summary>A plain temporary folder as a workspace; changes are measured against a snapshot taken at creation.</summary>
internal sealed class FolderWorkspace : Workspace
{
    private Dictionary<string, string> _snapshot;

    public FolderWorkspace()
    {
        RootPath = Directory.CreateTempSubdirectory("honk-loop-").FullName;
        _snapshot = Snapshot();
    }

    public override string RootPath { get; }

    public void Write(string relative, string content)
    {
        var path = Path.Combine(RootPath, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Rebase() => _snapshot = Snapshot();

    public override ValueTask<IReadOnlyList<string>> GetChangedFilesAsync(CancellationToken cancellationToken = default)
    {
        var now = Snapshot();
        var changed = now.Where(kv => !_snapshot.TryGetValue(kv.Key, out var old) || old != kv.Value).Select(kv => kv.Key)
            .Concat(_snapshot.Keys.Where(k => !now.ContainsKey(k)))
            .Order(StringComparer.Ordinal).ToList();
        return ValueTask.FromResult<IReadOnlyList<string>>(changed);
    }

    public override async ValueTask<string> GetDiffAsync(CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        foreach (var file in await GetChangedFilesAsync(cancellationToken))
        {
            var path = Path.Combine(RootPath, file);
            text.Append("+++ b/").AppendLine(file).AppendLine(File.Exists(path) ? File.ReadAllText(path) : "(deleted)");
        }

        return text.ToString();
    }

    protected override ValueTask DisposeCoreAsync()
    {
        Directory.Delete(RootPath, recursive: true);
        return ValueTask.CompletedTask;
    }

    private Dictionary<string, string> Snapshot()
        => Directory.EnumerateFiles(RootPath, "*", SearchOption.AllDirectories).ToDictionary(
            p => Path.GetRelativePath(RootPath, p).Replace('\\', '/'),
            p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))),
            StringComparer.Ordinal);
}

/// <summary>A model whose every turn is a delegate: throw, stream, or stall, as a test needs.</summary>
internal sealed class DelegateChatClient(params Func<IReadOnlyList<ChatMessage>, CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>[] turns) : IChatClient
{
    private int _next;

    public int Calls => _next;

    public List<List<ChatMessage>> Requests { get; } = [];

    public static IAsyncEnumerable<ChatResponseUpdate> Text(string text, long input = 10, long output = 5)
        => Updates(new ChatResponseUpdate(ChatRole.Assistant, text), new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = input, OutputTokenCount = output })]));

    public static IAsyncEnumerable<ChatResponseUpdate> Call(string name, IDictionary<string, object?>? arguments = null, string id = "c1")
        => Updates(new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent(id, name, arguments ?? new Dictionary<string, object?>())]));

    public static async IAsyncEnumerable<ChatResponseUpdate> Throw(Exception exception)
    {
        await Task.Yield();
        throw exception;
#pragma warning disable CS0162 // Unreachable code: the iterator needs a yield to be one.
        yield break;
#pragma warning restore CS0162
    }

    public static async IAsyncEnumerable<ChatResponseUpdate> Updates(params ChatResponseUpdate[] updates)
    {
        foreach (var update in updates)
        {
            await Task.Yield();
            yield return update;
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.Select(m => m.Clone()).ToList();
        Requests.Add(list);
        var index = Interlocked.Increment(ref _next) - 1;
        if (index >= turns.Length)
        {
            throw new InvalidOperationException("no more turns");
        }

        await foreach (var update in turns[index](list, cancellationToken).WithCancellation(cancellationToken))
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

internal sealed class QueueValidator(string name, params ValidationResult[] results) : Validator
{
    private int _calls;

    public int Calls => _calls;

    public override string Name => name;

    protected override ValueTask<ValidationResult> ValidateCoreAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _calls) - 1;
        return ValueTask.FromResult(results[Math.Min(index, results.Length - 1)]);
    }
}

internal sealed class QueueJudge(params Verdict[] verdicts) : Judge
{
    private int _calls;

    public int Calls => _calls;

    public JudgeContext? LastContext { get; private set; }

    public override string Name => "queue-judge";

    protected override ValueTask<Verdict> JudgeCoreAsync(JudgeContext context, CancellationToken cancellationToken)
    {
        LastContext = context;
        var index = Interlocked.Increment(ref _calls) - 1;
        return ValueTask.FromResult(verdicts[Math.Min(index, verdicts.Length - 1)]);
    }
}

internal sealed class RecordingChannel(bool succeed = true) : DeliveryChannel
{
    public List<DeliveryContext> Contexts { get; } = [];

    public override string Name => "recording";

    protected override ValueTask<DeliveryResult> DeliverCoreAsync(DeliveryContext context, CancellationToken cancellationToken)
    {
        Contexts.Add(context);
        return ValueTask.FromResult(succeed
            ? DeliveryResult.Delivered(Name, "recorded") with { Branch = "honk/test", Commit = "abc123" }
            : DeliveryResult.Failed(Name, "remote rejected"));
    }
}

internal sealed class ListSink : IAgentEventSink
{
    public List<AgentEvent> Events { get; } = [];

    public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        lock (Events)
        {
            Events.Add(agentEvent);
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class ThrowingSink : IAgentEventSink
{
    public ValueTask OnEventAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default) => throw new IOException("disk full");
}
