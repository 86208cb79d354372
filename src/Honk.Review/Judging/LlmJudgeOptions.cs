using Microsoft.Extensions.AI;

namespace Honk.Review;

/// <summary>Settings of <see cref="LlmJudge"/>.</summary>
public sealed class LlmJudgeOptions
{
    /// <summary>The judge's name in verdict events. Default <c>llm-judge</c>.</summary>
    public string Name { get; set; } = LlmJudge.DefaultName;

    /// <summary>
    /// Most characters of diff the model reads (about a quarter as many tokens). Larger diffs are cut: whole files
    /// smallest first, then the smallest hunks, and the prompt names what was left out. Default 60,000.
    /// </summary>
    public int DiffBudgetChars { get; set; } = 60_000;

    /// <summary>Most characters of one validator's summary in the prompt. Default 1,500.</summary>
    public int MaxValidatorSummaryChars { get; set; } = 1_500;

    /// <summary>Review rules of the host, appended to the built-in reviewer instructions (e.g. "no new dependencies").</summary>
    public string? AdditionalInstructions { get; set; }

    /// <summary>Options for each model call (model id, temperature, output limit); cloned per call. Default: the client's defaults.</summary>
    public ChatOptions? ChatOptions { get; set; }

    /// <summary>Time limit of one model call; a call that runs over counts as an error. Default 3 minutes.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The verdict when the model's answer holds no readable verdict even after one reminder.
    /// Default <see cref="JudgeFailurePolicy.Approve"/> (with a note): see <see cref="LlmJudge"/> for why.
    /// </summary>
    public JudgeFailurePolicy OnUnparseableAnswer { get; set; } = JudgeFailurePolicy.Approve;

    /// <summary>
    /// The verdict when the model call fails (an exception or <see cref="CallTimeout"/>).
    /// Default <see cref="JudgeFailurePolicy.Approve"/> (with a note): see <see cref="LlmJudge"/> for why.
    /// </summary>
    public JudgeFailurePolicy OnError { get; set; } = JudgeFailurePolicy.Approve;
}
