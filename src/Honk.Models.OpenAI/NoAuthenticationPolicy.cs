using System.ClientModel.Primitives;

namespace Honk.Models.OpenAI;

/// <summary>
/// Removes the Authorization header just before sending: local OpenAI-compatible servers (Ollama, vLLM without
/// --api-key) need no key, and the SDK insists on a credential, so a placeholder is given and never sent.
/// </summary>
internal sealed class NoAuthenticationPolicy : PipelinePolicy
{
    public const string PlaceholderKey = "no-key";

    public static NoAuthenticationPolicy Instance { get; } = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Remove("Authorization");
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
