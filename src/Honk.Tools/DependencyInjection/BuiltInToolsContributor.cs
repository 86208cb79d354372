using Honk.Prompting;

namespace Honk.Tools;

/// <summary>Gives each session the built-in tools (fresh instances) and <c>report_not_applicable</c>.</summary>
/// <param name="options">The tools' options, fixed at registration.</param>
internal sealed class BuiltInToolsContributor(BuiltInToolsOptions options) : ISessionContributor
{
    public int Order => SessionContributorOrder.Tools;

    public IReadOnlyCollection<string> ToolNames { get; } = [.. BuiltInTools.Create(options).Select(t => t.Name), ReportNotApplicableTool.ToolName];

    public ValueTask ContributeAsync(SessionSetup setup, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setup);
        foreach (var tool in BuiltInTools.Create(options))
        {
            setup.Options.Tools.Add(tool);
        }

        setup.Options.Tools.Add(new ReportNotApplicableTool());
        return ValueTask.CompletedTask;
    }
}
