namespace Honk.Prompting;

/// <summary>
/// Assembles each session's prompt (<see cref="PromptBuilder"/>) from the repository, the task and the session's
/// final tools and validators — last of all contributors, so the prompt names exactly what the model has.
/// </summary>
/// <param name="options">The prompt options; the defaults when <see langword="null"/>.</param>
internal sealed class StandardPromptContributor(PromptOptions? options) : ISessionContributor
{
    public int Order => SessionContributorOrder.Prompt;

    public async ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        var session = setup.Options;
        var request = new PromptRequest(setup.Task)
        {
            RepositoryRoot = setup.Workspace?.RootPath,
            Tools = [.. session.Tools],
            Validators = [.. session.Validators.Select(v => v.Name)],
        };
        var prompt = await new PromptBuilder(options: options).BuildAsync(request, cancellationToken).ConfigureAwait(false);
        session.Instructions = prompt.SystemPrompt;
        session.TaskMessage = prompt.UserMessage;
        session.PromptVersion = prompt.TemplateVersion;
        session.PromptDigest = prompt.Digest;
    }
}
