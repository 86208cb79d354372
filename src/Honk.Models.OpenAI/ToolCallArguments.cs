using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Honk.Models.OpenAI;

/// <summary>
/// Builds <see cref="FunctionCallContent"/> from the model's argument text. Models do emit broken JSON; that must not
/// throw, so the call carries <see cref="FunctionCallContent.Exception"/> and the loop answers the model with the error.
/// </summary>
internal static class ToolCallArguments
{
    /// <summary>Key of <see cref="AIContent.AdditionalProperties"/> holding the argument text exactly as the model sent it.</summary>
    public const string RawArgumentsKey = "honk.rawArguments";

    public static FunctionCallContent CreateCall(string callId, string name, string? argumentsJson)
    {
        var raw = argumentsJson ?? "";
        var call = new FunctionCallContent(callId, name, Parse(raw, out var error))
        {
            Exception = error,
            AdditionalProperties = new() { [RawArgumentsKey] = raw },
        };
        return call;
    }

    private static Dictionary<string, object?>? Parse(string raw, out Exception? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw))
        {
            // Several servers send "" for a tool without parameters.
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(raw);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = new InvalidDataException($"The arguments must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
                return null;
            }

            var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }

            return arguments;
        }
        catch (JsonException ex)
        {
            error = new InvalidDataException($"The arguments are not valid JSON: {ex.Message}", ex);
            return null;
        }
    }
}
