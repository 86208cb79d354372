using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace Honk.Models.OpenAI;

/// <summary>Translates Microsoft.Extensions.AI requests into the OpenAI SDK's Chat Completions types.</summary>
internal static class OpenAIRequestMapper
{
    public static List<OpenAIChatMessage> ToOpenAIMessages(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var result = new List<OpenAIChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            AddMessage(result, message);
        }

        return result;
    }

    public static ChatCompletionOptions ToOpenAIOptions(ChatOptions? options, int? defaultMaxOutputTokens, IChatClient client)
    {
        var result = options?.RawRepresentationFactory?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
        result.MaxOutputTokenCount ??= options?.MaxOutputTokens ?? defaultMaxOutputTokens;
        if (options is null)
        {
            return result;
        }

        result.Temperature ??= options.Temperature;
        result.TopP ??= options.TopP;
        result.FrequencyPenalty ??= options.FrequencyPenalty;
        result.PresencePenalty ??= options.PresencePenalty;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        foreach (var tool in options.Tools ?? [])
        {
            if (tool is AIFunctionDeclaration function)
            {
                result.Tools.Add(ChatTool.CreateFunctionTool(
                    function.Name,
                    string.IsNullOrWhiteSpace(function.Description) ? null : function.Description,
                    BinaryData.FromString(function.JsonSchema.GetRawText())));
            }
        }

        // The API rejects tool_choice and parallel_tool_calls on a request without tools.
        if (result.Tools.Count > 0)
        {
            result.ToolChoice ??= options.ToolMode switch
            {
                NoneChatToolMode => ChatToolChoice.CreateNoneChoice(),
                RequiredChatToolMode { RequiredFunctionName: { } name } => ChatToolChoice.CreateFunctionChoice(name),
                RequiredChatToolMode => ChatToolChoice.CreateRequiredChoice(),
                AutoChatToolMode => ChatToolChoice.CreateAutoChoice(),
                _ => null,
            };
            result.AllowParallelToolCalls ??= options.AllowMultipleToolCalls;
        }

        return result;
    }

    private static void AddMessage(List<OpenAIChatMessage> result, AIChatMessage message)
    {
        // Tool results may arrive in a tool message or, from some callers, inside any message: each becomes its own tool message.
        foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
        {
            result.Add(new ToolChatMessage(toolResult.CallId, FormatResult(toolResult)));
        }

        var text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        if (message.Role == AIChatRole.System)
        {
            result.Add(new SystemChatMessage(text));
        }
        else if (message.Role == AIChatRole.Assistant)
        {
            AddAssistant(result, message, text);
        }
        else if (message.Role == AIChatRole.User)
        {
            var parts = ToUserParts(message);
            if (parts.Count > 0)
            {
                result.Add(new UserChatMessage(parts));
            }
        }
        else if (message.Role != AIChatRole.Tool && text.Length > 0)
        {
            result.Add(new UserChatMessage(text));
        }
    }

    private static void AddAssistant(List<OpenAIChatMessage> result, AIChatMessage message, string text)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => ChatToolCall.CreateFunctionToolCall(call.CallId, call.Name, BinaryData.FromString(FormatArguments(call))))
            .ToList();
        if (calls.Count == 0)
        {
            if (text.Length > 0)
            {
                result.Add(new AssistantChatMessage(text));
            }

            return;
        }

        var assistant = new AssistantChatMessage(calls);
        if (text.Length > 0)
        {
            assistant.Content.Add(ChatMessageContentPart.CreateTextPart(text));
        }

        result.Add(assistant);
    }

    private static List<ChatMessageContentPart> ToUserParts(AIChatMessage message)
    {
        var parts = new List<ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
            }
        }

        return parts;
    }

    // A call whose arguments could not be parsed is replayed as "{}": several servers re-parse the history and would
    // reject the whole request over the model's own bad JSON, while the error result already tells the model what went wrong.
    private static string FormatArguments(FunctionCallContent call)
        => call.Exception is not null || call.Arguments is null
            ? "{}"
            : JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));

    internal static string FormatResult(FunctionResultContent result) => result.Result switch
    {
        null when result.Exception is not null => $"Error: {result.Exception.Message}",
        null => "",
        string text => text,
        JsonElement element when element.ValueKind == JsonValueKind.String => element.GetString() ?? "",
        JsonElement element => element.GetRawText(),
        TextContent text => text.Text,
        var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())),
    };
}
