using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Honk.Models.Anthropic;

/// <summary>
/// Fixes what the SDK's <see cref="IChatClient"/> maps imperfectly, checked against a loopback server speaking the
/// Messages API: failures become <see cref="ModelProviderException"/> with the status and the Retry-After the SDK drops;
/// a stream that ends (or is cut) before <c>message_delta</c> carries a stop_reason is an error instead of a silently
/// empty or shortened answer; metadata names the configured endpoint.
/// </summary>
internal sealed class AnthropicErrorMappingChatClient : DelegatingChatClient
{
    private readonly string? _apiKey;
    private readonly ChatClientMetadata _metadata;
    private readonly IDisposable? _owned;

    public AnthropicErrorMappingChatClient(IChatClient inner, string? apiKey, ChatClientMetadata metadata, IDisposable? owned = null)
        : base(inner)
    {
        _apiKey = apiKey;
        _metadata = metadata;
        _owned = owned;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var failure = new FailedResponse();
        ResponseHeadersCapture.Attach(failure);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ShouldTranslate(ex, cancellationToken))
        {
            throw AnthropicErrors.Translate(ex, failure, _apiKey);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var failure = new FailedResponse();
        var finished = false;
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    // Re-attached before every step: each MoveNextAsync may run on the consumer's execution context.
                    ResponseHeadersCapture.Attach(failure);
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex) when (ShouldTranslate(ex, cancellationToken))
                {
                    throw AnthropicErrors.Translate(ex, failure, _apiKey);
                }

                finished |= updates.Current.FinishReason is not null;
                yield return updates.Current;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        if (!finished)
        {
            throw AnthropicErrors.Incomplete();
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);
    }

    public override string ToString() => $"{_metadata.ProviderName}:{_metadata.DefaultModelId} at {_metadata.ProviderUri}";

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owned?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static bool ShouldTranslate(Exception exception, CancellationToken cancellationToken)
        => exception is not ModelProviderException && !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
