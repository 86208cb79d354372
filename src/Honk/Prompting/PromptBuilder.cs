using System.Security.Cryptography;
using System.Text;

namespace Honk.Prompting;

/// <summary>
/// Assembles the prompt a session starts with: the system prompt (Honk's rules, tool guidance, repository facts and
/// the repository's instruction files) and the first user message (the task), fitted to a token budget.
/// </summary>
/// <remarks>
/// When the prompt is over budget, sections are cut in a fixed order until it fits: first the top-level tree, then the
/// language statistics, then the instruction files — truncated with a marker, the root ones before the nearer (more
/// specific) ones, and left out with a one-line note when too little room remains. The rules, the tool guidance, the
/// build systems and the task are never cut. See <c>docs/prompt.md</c>.
/// </remarks>
public sealed class PromptBuilder
{
    private const string Separator = "\n\n";

    /// <summary>Creates a builder.</summary>
    /// <param name="template">The template; <see cref="PromptTemplate.Default"/> when <see langword="null"/>.</param>
    /// <param name="options">Sizing; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public PromptBuilder(PromptTemplate? template = null, PromptOptions? options = null)
    {
        Template = template ?? PromptTemplate.Default;
        Options = options ?? new PromptOptions();
        var problems = Options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid prompt options: {string.Join(" ", problems)}", nameof(options));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Template.Version, nameof(template));
    }

    /// <summary>The template.</summary>
    public PromptTemplate Template { get; }

    /// <summary>The sizing options.</summary>
    public PromptOptions Options { get; }

    /// <summary>Builds the prompt, scanning <see cref="PromptRequest.RepositoryRoot"/> first when no facts were given.</summary>
    /// <param name="request">The task, repository and tools.</param>
    /// <param name="cancellationToken">Cancels the repository scan.</param>
    /// <returns>The assembled prompt.</returns>
    public async Task<AssembledPrompt> BuildAsync(PromptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Facts is null && request.RepositoryRoot is { } root)
        {
            var facts = await RepositoryScanner.ScanAsync(root, request.Task.AllowedPaths, Options.Scan, cancellationToken).ConfigureAwait(false);
            request = request with { Facts = facts };
        }

        return Build(request);
    }

    /// <summary>Builds the prompt from the facts in the request, without reading anything (no repository section when there are none).</summary>
    /// <param name="request">The task, facts and tools.</param>
    /// <returns>The assembled prompt.</returns>
    public AssembledPrompt Build(PromptRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var facts = request.Facts;
        var files = facts?.InstructionFiles ?? [];
        var plan = new CutPlan(files.Count);
        var (system, user, sections) = Assemble(request, plan);
        var budget = Options.MaxTokens;

        // Cheapest information first: the model can list files and count languages itself.
        if (Over(system, user, budget) && plan.Tree)
        {
            plan.Tree = false;
            (system, user, sections) = Assemble(request, plan);
        }

        if (Over(system, user, budget) && plan.Languages)
        {
            plan.Languages = false;
            (system, user, sections) = Assemble(request, plan);
        }

        // The root file goes first: the nearer files are more specific to the paths the task touches.
        for (var i = 0; i < files.Count && Over(system, user, budget); i++)
        {
            var excess = TokenEstimate.ToChars(TokenEstimate.FromChars(system.Length + user.Length) - budget);
            var marker = 200;
            var keep = files[i].Content.Length - excess - marker;
            plan.FileLimits[i] = keep >= Options.MinInstructionChars ? keep : 0;
            (system, user, sections) = Assemble(request, plan);
        }

        return new AssembledPrompt
        {
            SystemPrompt = system,
            UserMessage = user,
            TemplateVersion = Template.Version,
            Digest = Digest(system, user),
            EstimatedTokens = TokenEstimate.FromChars(system.Length + user.Length),
            TokenBudget = budget,
            Sections = sections,
        };
    }

    /// <summary>The digest of a prompt: the first 16 hex digits of SHA-256 over the system prompt, a NUL character and the user message.</summary>
    /// <param name="systemPrompt">The system prompt.</param>
    /// <param name="userMessage">The first user message.</param>
    /// <returns>16 lower-case hex digits.</returns>
    public static string Digest(string systemPrompt, string userMessage)
    {
        ArgumentNullException.ThrowIfNull(systemPrompt);
        ArgumentNullException.ThrowIfNull(userMessage);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(systemPrompt + "\0" + userMessage));
        return Convert.ToHexStringLower(hash)[..16];
    }

    private static bool Over(string system, string user, int budget) => TokenEstimate.FromChars(system.Length + user.Length) > budget;

    private (string System, string User, IReadOnlyList<PromptSection> Sections) Assemble(PromptRequest request, CutPlan plan)
    {
        var sections = new List<PromptSection>();
        var parts = new List<string>();
        void Add(string name, string? full, string? shown, PromptSectionCut cut)
        {
            if (full is null)
            {
                return;
            }

            sections.Add(new PromptSection(name, PromptPart.System, shown?.Length ?? 0, full.Length, cut));
            if (shown is not null)
            {
                parts.Add(shown);
            }
        }

        var rules = PromptRenderer.Rules(Template);
        Add("rules", rules, rules, PromptSectionCut.None);
        var tools = PromptRenderer.Tools(request.Tools);
        Add("tools", tools, tools, PromptSectionCut.None);
        if (request.Facts is { } facts)
        {
            var build = PromptRenderer.Build(facts, request.Validators);
            Add("build", build, build, PromptSectionCut.None);
            var languages = PromptRenderer.Languages(facts);
            Add("languages", languages, plan.Languages ? languages : null, plan.Languages ? PromptSectionCut.None : PromptSectionCut.Dropped);
            var tree = PromptRenderer.Tree(facts);
            Add("tree", tree, plan.Tree ? tree : null, plan.Tree ? PromptSectionCut.None : PromptSectionCut.Dropped);
            if (facts.InstructionFiles.Count > 0)
            {
                var header = PromptRenderer.InstructionsHeader(Template);
                Add("instructions", header, header, PromptSectionCut.None);
                for (var i = 0; i < facts.InstructionFiles.Count; i++)
                {
                    var file = facts.InstructionFiles[i];
                    var limit = plan.FileLimits[i];
                    var full = PromptRenderer.InstructionFile(file, null);
                    var shown = PromptRenderer.InstructionFile(file, limit);
                    var cut = limit switch
                    {
                        null => PromptSectionCut.None,
                        0 => PromptSectionCut.Dropped,
                        _ => PromptSectionCut.Truncated,
                    };
                    Add("instructions:" + file.Path, full, shown, cut);
                }
            }
        }

        var task = PromptRenderer.Task(request.Task, Template);
        sections.Add(new PromptSection("task", PromptPart.User, task.Length, task.Length, PromptSectionCut.None));
        return (string.Join(Separator, parts), task, sections);
    }

    private sealed class CutPlan(int files)
    {
        public bool Tree { get; set; } = true;

        public bool Languages { get; set; } = true;

        public int?[] FileLimits { get; } = new int?[files];
    }
}
