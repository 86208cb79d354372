using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace Honk.SemanticKernel;

/// <summary>
/// A kernel function as a session tool: named <c>{plugin}_{function}</c> in the characters model APIs accept, its schema
/// without the <c>condition</c> keyword Semantic Kernel adds, invoked with the app's kernel (its services and filters).
/// </summary>
internal sealed class KernelPluginTool : AIFunction
{
    private readonly KernelFunction _function;
    private readonly Kernel _kernel;

    public KernelPluginTool(string pluginName, KernelFunction function, Kernel kernel)
    {
        _function = function;
        _kernel = kernel;
        Name = ToolName(pluginName, function.Name);
        JsonSchema = WithoutConditions(function.JsonSchema);
    }

    public override string Name { get; }

    public override string Description => _function.Description;

    public override JsonElement JsonSchema { get; }

    internal static string ToolName(string pluginName, string functionName) => ToolNames.Qualified(pluginName, "_", functionName);

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var kernelArguments = new KernelArguments();
        foreach (var (key, value) in arguments)
        {
            kernelArguments[key] = value;
        }

        var result = await _function.InvokeAsync(_kernel, kernelArguments, cancellationToken).ConfigureAwait(false);
        return result.ToString();
    }

    // Semantic Kernel writes a "condition" keyword into parameter schemas; strict providers reject unknown keywords.
    // Only keywords are removed: a parameter that is itself named "condition" (a key of "properties") stays.
    internal static JsonElement WithoutConditions(JsonElement schema)
    {
        var node = JsonNode.Parse(schema.GetRawText());
        Strip(node, isPropertiesMap: false);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Strip(JsonNode? node, bool isPropertiesMap)
    {
        switch (node)
        {
            case JsonObject obj:
                if (!isPropertiesMap)
                {
                    obj.Remove("condition");
                }

                foreach (var (key, value) in obj.ToList())
                {
                    Strip(value, isPropertiesMap: !isPropertiesMap && key is "properties" or "$defs" or "definitions");
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Strip(item, isPropertiesMap: false);
                }

                break;
        }
    }
}
