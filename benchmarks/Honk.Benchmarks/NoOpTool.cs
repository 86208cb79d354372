using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Benchmarks;

/// <summary>
/// A tool that does nothing and allocates nothing, so that both loops pay only for calling it. It declares one
/// required string argument, as real tools do, so Honk's argument validation runs on the real path.
/// </summary>
public sealed class NoOpTool : AIFunction
{
    /// <summary>The tool's name, as the fake model calls it.</summary>
    public const string ToolName = "touch";

    private const string Result = "ok";

    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"path":{"type":"string","description":"File to touch."}},"required":["path"],"additionalProperties":false}""").RootElement.Clone();

    private int _invocations;

    public override string Name => ToolName;

    public override string Description => "Does nothing; returns ok.";

    public override JsonElement JsonSchema => Schema;

    /// <summary>How many times the tool ran since the last <see cref="Reset"/>.</summary>
    public int Invocations => _invocations;

    public void Reset() => _invocations = 0;

    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        _invocations++;
        return new ValueTask<object?>(Result);
    }
}
