namespace Honk.SemanticKernel;

/// <summary>How <see cref="HonkKernelFunction.Create"/> exposes Honk to a kernel.</summary>
public sealed class HonkKernelFunctionOptions
{
    /// <summary>
    /// The repositories (local paths or git URLs) the function may run tasks on. Required: a kernel's model chooses the
    /// arguments, so it must never name an arbitrary path. With exactly one, the <c>repository</c> argument may be left out.
    /// </summary>
    public IList<string> Repositories { get; } = [];

    /// <summary>The function's name. Default <c>run_coding_task</c>.</summary>
    public string FunctionName { get; set; } = "run_coding_task";

    /// <summary>Per-run settings (model, delivery, budget) for each session; Honk's configured defaults when <see langword="null"/>.</summary>
    public Func<HonkRunOptions>? Run { get; set; }
}
