using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Tools;

/// <summary>
/// The base of every built-in tool: a fixed name, a description written for a model, a precise JSON schema, and an
/// <see cref="ExecuteAsync"/> that receives the session's <see cref="ToolContext"/> and typed arguments and returns
/// the text the model reads. Problems the model should act on are thrown as <see cref="ToolException"/>.
/// </summary>
public abstract class WorkspaceTool : AIFunction
{
    private readonly IReadOnlyDictionary<string, object?> _additionalProperties;
    private readonly HashSet<string> _parameterNames;

    /// <summary>Creates the tool.</summary>
    /// <param name="name">The tool's fixed name, e.g. <c>read_file</c>.</param>
    /// <param name="description">What the tool does and when to use it, written for a model.</param>
    /// <param name="parameters">The tool's arguments.</param>
    /// <param name="readOnly">True when the tool never changes the workspace (its calls may run in parallel).</param>
    protected WorkspaceTool(string name, string description, IReadOnlyList<ToolParameter> parameters, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name;
        Description = description;
        Parameters = parameters;
        JsonSchema = ToolSchema.Object(parameters);
        _parameterNames = new HashSet<string>(parameters.Select(p => p.Name), StringComparer.Ordinal);
        _additionalProperties = readOnly ? ToolTraits.ReadOnly : new Dictionary<string, object?>();
    }

    /// <inheritdoc />
    public override string Name { get; }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override JsonElement JsonSchema { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, object?> AdditionalProperties => _additionalProperties;

    /// <summary>The tool's arguments, as declared in <see cref="JsonSchema"/>.</summary>
    public IReadOnlyList<ToolParameter> Parameters { get; }

    /// <inheritdoc />
    protected sealed override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var context = arguments.GetToolContext();
        var unknown = arguments.Keys.Where(k => !_parameterNames.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            var expected = _parameterNames.Count == 0 ? "none" : string.Join(", ", Parameters.Select(p => p.Name));
            throw new ToolException($"{Name} does not take the argument(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its arguments are: {expected}.");
        }

        foreach (var parameter in Parameters.Where(p => p.Required))
        {
            if (!arguments.TryGetValue(parameter.Name, out var value) || value is null)
            {
                throw new ToolException($"{Name} needs the argument '{parameter.Name}': {parameter.Description}");
            }
        }

        var invocation = new ToolInvocation(Name, context, arguments);
        return await ExecuteAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the tool.</summary>
    /// <param name="invocation">The session's context and the call's arguments, with typed accessors.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The text the model reads.</returns>
    /// <exception cref="ToolException">A problem the model should read and act on.</exception>
    protected abstract ValueTask<string> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
