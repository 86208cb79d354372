using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Prompting;

/// <summary>
/// The <c>report_not_applicable</c> tool: the model calls it with a <c>reason</c> when a precondition of the task does
/// not hold, and the session ends with status <c>no_changes</c> and that reason — so a campaign over many repositories
/// skips the ones that do not qualify instead of failing on them.
/// </summary>
public sealed class ReportNotApplicableTool : AIFunction
{
    /// <summary>The tool's name.</summary>
    public const string ToolName = "report_not_applicable";

    /// <summary>Longest reason kept, in characters; a longer one is cut.</summary>
    public const int MaxReasonChars = 2_000;

    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"reason":{"type":"string","description":"Which precondition does not hold (or why the task does not apply here), with the evidence you found."}},"required":["reason"],"additionalProperties":false}""").RootElement.Clone();

    /// <inheritdoc />
    public override string Name => ToolName;

    /// <inheritdoc />
    public override string Description => "Ends the session without changes when a precondition of the task does not hold or the task does not apply to this repository. Give the reason and the evidence. Do not call it to give up on a task that applies.";

    /// <inheritdoc />
    public override JsonElement JsonSchema => Schema;

    /// <inheritdoc />
    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var context = arguments.GetToolContext();
        if (context.ReportNotApplicable is null)
        {
            throw new ToolException("This session cannot end as not applicable. If the task really does not apply, explain why in your final answer without changing anything.");
        }

        var reason = Reason(arguments);
        if (reason is null)
        {
            throw new ToolException("Give a non-empty 'reason': which precondition does not hold, and the evidence.");
        }

        context.ReportNotApplicable(reason.Length > MaxReasonChars ? reason[..MaxReasonChars] : reason);
        return ValueTask.FromResult<object?>("Recorded. The session ends with no changes; do not call any more tools.");
    }

    private static string? Reason(AIFunctionArguments arguments)
    {
        if (!arguments.TryGetValue("reason", out var value))
        {
            return null;
        }

        var text = value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
