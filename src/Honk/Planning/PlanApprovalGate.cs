using Microsoft.Extensions.AI;

namespace Honk.Planning;

/// <summary>
/// Plan approval (<see cref="CodingTask.RequirePlanApproval"/>): until a person approves the model's plan, only
/// read-only tools and <c>submit_plan</c> run; every other call is refused with a message the model reads. The loop
/// waits for the decision after the tool round in which the model submitted its plan.
/// </summary>
internal sealed class PlanApprovalGate
{
    /// <summary>The tool the model proposes its plan with (only in sessions that require plan approval).</summary>
    public const string ToolName = "submit_plan";

    /// <summary>What the model is told with the task.</summary>
    public const string Instructions = """

        ## Plan first
        This task needs a person's approval before any edit. First read what you need (read-only tools only), then call
        `submit_plan` with a short plan: the files you will change, how, and how you will check it. Wait for the answer:
        edits are refused until the plan is approved. If it is sent back, revise it and submit again.
        """;

    private readonly Lock _gate = new();
    private string? _submitted;

    public PlanApprovalGate()
    {
        Tool = AIFunctionFactory.Create(
            (string plan) => Submit(plan),
            new AIFunctionFactoryOptions
            {
                Name = ToolName,
                Description = "Proposes your plan to a person before you edit anything: the files you will change, how, and how you will check it. Edits are refused until it is approved.",
                AdditionalProperties = ToolTraits.ReadOnly,
            });
    }

    public AIFunction Tool { get; }

    /// <summary>True once a person approved a plan.</summary>
    public bool Approved { get; private set; }

    /// <summary>Takes the plan submitted in the last tool round, if any.</summary>
    public string? TakeSubmitted()
    {
        lock (_gate)
        {
            var plan = _submitted;
            _submitted = null;
            return plan;
        }
    }

    public void Decide(bool approved) => Approved |= approved;

    /// <summary>Why <paramref name="name"/> may not run now, or <see langword="null"/> when it may.</summary>
    public string? Refusal(string name, AIFunction? tool)
    {
        if (Approved || name == ToolName || tool is null || tool.IsReadOnly())
        {
            return null;
        }

        return $"'{name}' is refused: this task needs a person to approve your plan before anything changes. Read what you need, then call {ToolName} with your plan and wait for the answer.";
    }

    private string Submit(string plan)
    {
        if (string.IsNullOrWhiteSpace(plan))
        {
            throw new ToolException("The plan is empty: describe the files you will change, how, and how you will check it.");
        }

        if (Approved)
        {
            return "Your plan is already approved: go ahead with the change.";
        }

        lock (_gate)
        {
            _submitted = plan.Trim();
        }

        return "Your plan was sent for approval. The answer follows as a message.";
    }
}
