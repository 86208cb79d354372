using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Sessions;

/// <summary>
/// The fixed <c>validate</c> tool: runs every applicable validator (the same checks as the stop gate) and returns the
/// concise result, so the model can check its work before it finishes. The loop adds it to every session; hosts that
/// serve tools outside a session (e.g. over MCP) add it themselves with a <see cref="ToolContext.RunValidators"/>.
/// </summary>
public sealed class ValidateTool : AIFunction
{
    /// <summary>The tool's fixed name.</summary>
    public const string ToolName = "validate";

    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{},"additionalProperties":false}""").RootElement.Clone();

    /// <inheritdoc />
    public override string Name => ToolName;

    /// <inheritdoc />
    public override string Description => "Runs the repository's checks (build, tests, lint) exactly as the stop gate will when you finish, and returns a concise result: one line on success, the distinct errors on failure.";

    /// <inheritdoc />
    public override JsonElement JsonSchema => Schema;

    /// <inheritdoc />
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var context = arguments.GetToolContext();
        if (context.RunValidators is null)
        {
            return "No validators are configured for this session; nothing to run.";
        }

        var reports = await context.RunValidators(cancellationToken).ConfigureAwait(false);
        if (reports.Count == 0)
        {
            return "No validator applies to this repository; nothing to run.";
        }

        var text = new StringBuilder();
        foreach (var report in reports)
        {
            var label = report.Result.OnlyPreExistingFailures ? "PRE-EXISTING FAILURES (not yours; they do not block)" : report.Result.Outcome.ToString().ToUpperInvariant();
            text.Append('[').Append(report.Name).Append("] ").Append(label).Append(": ").AppendLine(report.Summary);
        }

        if (reports.Any(r => !r.Passed && !r.Result.OnlyPreExistingFailures))
        {
            throw new ToolException(text.ToString().TrimEnd());
        }

        return text.ToString().TrimEnd();
    }
}
