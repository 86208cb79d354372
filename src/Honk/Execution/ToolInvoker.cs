using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Execution;

/// <summary>
/// Runs the model's tool calls. Every way a call can go wrong — an unknown tool, arguments that are not a JSON object,
/// missing, unknown or mistyped arguments, oversized arguments, a tool that throws — becomes an error result the model
/// reads; only cancellation escapes. The loop forms the batches: read-only calls of one turn run in parallel, every other call alone and in order.
/// </summary>
internal sealed class ToolInvoker
{
    private readonly Dictionary<string, AIFunction> _tools;
    private readonly AgentLoopOptions _options;
    private readonly ToolContext? _context;
    private readonly IServiceProvider? _services;
    private readonly TimeProvider _time;

    public ToolInvoker(IEnumerable<AITool> tools, AgentLoopOptions options, ToolContext? context, IServiceProvider? services, TimeProvider time)
    {
        _tools = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        foreach (var tool in tools.OfType<AIFunction>())
        {
            // The first registration of a name wins, so a host can override nothing by accident later.
            _tools.TryAdd(tool.Name, tool);
        }

        _options = options;
        _context = context;
        _services = services;
        _time = time;
    }

    public IReadOnlyCollection<AIFunction> Tools => _tools.Values;

    /// <summary>
    /// Refuses a call before it runs (plan approval, planning sessions): given the called name and the tool (null when
    /// unknown), the refusal the model reads, or <see langword="null"/> to let it run.
    /// </summary>
    public Func<string, AIFunction?, string?>? Gate { get; init; }

    public bool IsReadOnly(string name) => _tools.TryGetValue(name, out var tool) && tool.IsReadOnly();

    /// <summary>
    /// Runs one batch the loop formed: a single call, or consecutive read-only calls, which run in parallel. Results
    /// keep the calls' order.
    /// </summary>
    public async Task<ToolCallOutcome[]> InvokeBatchAsync(IReadOnlyList<FunctionCallContent> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 1)
        {
            return [await InvokeAsync(batch[0], cancellationToken).ConfigureAwait(false)];
        }

        var running = new Task<ToolCallOutcome>[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var call = batch[i];
            running[i] = Task.Run(() => InvokeAsync(call, cancellationToken), cancellationToken);
        }

        return await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Runs one call; never throws except for cancellation.</summary>
    public async Task<ToolCallOutcome> InvokeAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var (text, isError) = await InvokeCoreAsync(call, cancellationToken).ConfigureAwait(false);
        var capped = ToolResultCapper.Cap(text, _options.MaxToolResultLines, _options.MaxToolResultChars, out var truncated);
        return new ToolCallOutcome(call.CallId, call.Name, capped, isError, truncated, _time.GetElapsedTime(started));
    }

    private async Task<(string Text, bool IsError)> InvokeCoreAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (Gate?.Invoke(call.Name ?? "", _tools.GetValueOrDefault(call.Name ?? "")) is { } refusal)
        {
            return (refusal, true);
        }

        if (string.IsNullOrWhiteSpace(call.Name) || !_tools.TryGetValue(call.Name, out var tool))
        {
            return ($"Unknown tool '{call.Name}'. Available tools: {string.Join(", ", _tools.Keys.Order(StringComparer.Ordinal))}.", true);
        }

        if (call.Exception is not null)
        {
            return ($"The arguments for '{tool.Name}' were not a valid JSON object ({call.Exception.Message}). Send a JSON object. Usage: {ToolArgumentValidator.Usage(tool.Name, tool.JsonSchema)}", true);
        }

        var arguments = call.Arguments ?? new Dictionary<string, object?>();
        var size = ArgumentSize(arguments);
        if (size > _options.MaxToolArgumentBytes)
        {
            return ($"The arguments for '{tool.Name}' are {size:N0} bytes, over the limit of {_options.MaxToolArgumentBytes:N0}. Split the work into smaller calls (for example several edits instead of one huge write).", true);
        }

        var problem = ToolArgumentValidator.Validate(tool, arguments);
        if (problem is not null)
        {
            return (problem, true);
        }

        var functionArguments = new AIFunctionArguments(arguments) { Services = _services };
        if (_context is not null)
        {
            functionArguments.WithToolContext(_context);
        }

        try
        {
            var result = await tool.InvokeAsync(functionArguments, cancellationToken).ConfigureAwait(false);
            return (Render(result, tool), false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ToolException ex)
        {
            return (ex.Message, true);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A tool bug must not end the session: the model reads it and may work around it.
            return ($"Tool '{tool.Name}' failed: {ex.GetType().Name}: {ex.Message}", true);
        }
    }

    private static long ArgumentSize(IDictionary<string, object?> arguments)
    {
        long size = 2;
        foreach (var (key, value) in arguments)
        {
            size += key.Length + 4 + value switch
            {
                null => 4,
                string s => s.Length + 2,
                JsonElement e => e.GetRawText().Length,
                _ => JsonSerializer.Serialize(value, value.GetType(), JsonSerializerOptions.Default).Length,
            };
        }

        return size;
    }

    private static string Render(object? result, AIFunction tool) => result switch
    {
        null => "(no output)",
        string s => s.Length == 0 ? "(no output)" : s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? string.Empty,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(result, result.GetType(), tool.JsonSerializerOptions),
    };
}
