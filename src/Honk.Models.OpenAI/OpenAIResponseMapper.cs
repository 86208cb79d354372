using Microsoft.Extensions.AI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIFinishReason = OpenAI.Chat.ChatFinishReason;

namespace Honk.Models.OpenAI;

/// <summary>Translates the OpenAI SDK's Chat Completions results into Microsoft.Extensions.AI types.</summary>
internal static class OpenAIResponseMapper
{
    public static ChatResponse ToChatResponse(ChatCompletion completion)
    {
        var message = new AIChatMessage(AIChatRole.Assistant, [])
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };

        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            text += completion.Refusal;
        }

        if (text.Length > 0)
        {
            message.Contents.Add(new TextContent(text));
        }

        foreach (var call in completion.ToolCalls)
        {
            message.Contents.Add(ToolCallArguments.CreateCall(call.Id, call.FunctionName, call.FunctionArguments?.ToString()));
        }

        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    public static Microsoft.Extensions.AI.ChatFinishReason? ToFinishReason(OpenAIFinishReason? reason) => reason switch
    {
        null => null,
        OpenAIFinishReason.Stop => Microsoft.Extensions.AI.ChatFinishReason.Stop,
        OpenAIFinishReason.Length => Microsoft.Extensions.AI.ChatFinishReason.Length,
        OpenAIFinishReason.ContentFilter => Microsoft.Extensions.AI.ChatFinishReason.ContentFilter,
        OpenAIFinishReason.ToolCalls or OpenAIFinishReason.FunctionCall => Microsoft.Extensions.AI.ChatFinishReason.ToolCalls,
        _ => new Microsoft.Extensions.AI.ChatFinishReason(reason.Value.ToString()),
    };

    public static UsageDetails? ToUsage(ChatTokenUsage? usage) => usage is null
        ? null
        : new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
            CachedInputTokenCount = usage.InputTokenDetails?.CachedTokenCount,
            ReasoningTokenCount = usage.OutputTokenDetails?.ReasoningTokenCount,
        };
}
