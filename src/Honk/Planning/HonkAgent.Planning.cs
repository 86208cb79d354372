using Honk.Planning;

namespace Honk;

public sealed partial class HonkAgent
{
    /// <summary>The tools a planning session keeps from the normal set: reading only.</summary>
    private static readonly HashSet<string> PlanningReadTools = new(StringComparer.Ordinal) { "read_file", "list_files", "search" };

    /// <summary>
    /// Runs a planning session: a read-only session (only <c>read_file</c>, <c>list_files</c> and <c>search</c>, no
    /// validators, judges or delivery) that talks with a person through <paramref name="conversation"/> and produces a
    /// task file (or campaign file) that parses. Every other tool call is refused. The normal sessions' tool set is
    /// untouched: <c>ask_user</c> and <c>submit_task_file</c> exist only here.
    /// </summary>
    /// <param name="request">The person's one-line request.</param>
    /// <param name="workspace">The repository to read (the caller owns it); nothing in it changes.</param>
    /// <param name="conversation">The person.</param>
    /// <param name="planning">Questions, drafts and the draft's parser; the defaults when <see langword="null"/>.</param>
    /// <param name="run">The session's model, budget, transcript and sinks; delivery settings are ignored.</param>
    /// <param name="cancellationToken">Cancels planning.</param>
    /// <returns>The approved draft (or none) and the session's result.</returns>
    public async Task<PlanningResult> PlanAsync(string request, Workspace workspace, IPlanningConversation conversation, PlanningOptions? planning = null, HonkRunOptions? run = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request);
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(conversation);
        planning ??= new PlanningOptions();
        if (planning.MaxQuestions < 0 || planning.MaxDrafts < 1)
        {
            throw new ArgumentException("PlanningOptions: MaxQuestions must be at least 0 and MaxDrafts at least 1.", nameof(planning));
        }

        run ??= new HonkRunOptions();
        run.Delivery.Clear();
        PlanningTools? tools = null;
        var session = await ComposeAsync(new CodingTask(request), workspace, run, cancellationToken, options =>
        {
            var redactor = options.Redactor ?? Transcripts.SecretRedactor.Create(options.Redaction, workspace.RootPath);
            options.Redactor = redactor;
            tools = new PlanningTools(conversation, planning, redactor.Redact);
            var keep = options.Tools.Where(t => PlanningReadTools.Contains(t.Name)).ToList();
            options.Tools.Clear();
            foreach (var tool in keep.Append(tools.Ask).Append(tools.Submit))
            {
                options.Tools.Add(tool);
            }

            options.Validators.Clear();
            options.Judges.Clear();
            options.DeliveryChannels.Clear();
            options.Instructions = PlanningInstructions.SystemPrompt(planning.DraftKind, planning.MaxQuestions);
            options.TaskMessage = PlanningInstructions.RequestMessage(request);
            options.PromptVersion = PlanningInstructions.Version;
            options.PromptDigest = Prompting.PromptBuilder.Digest(options.Instructions, options.TaskMessage);
            options.ToolGate = (name, _) => PlanningReadTools.Contains(name) || name is PlanningTools.AskUser or PlanningTools.SubmitTaskFile
                ? null
                : $"'{name}' is refused: this is a planning session, which only reads the repository (list_files, search, read_file). Put the change into the {planning.DraftKind} and submit it with {PlanningTools.SubmitTaskFile}.";
        }).ConfigureAwait(false);

        var result = await session.RunAsync(cancellationToken).ConfigureAwait(false);
        return new PlanningResult { Draft = tools!.Approved, Questions = [.. tools.Questions], Session = result };
    }
}
