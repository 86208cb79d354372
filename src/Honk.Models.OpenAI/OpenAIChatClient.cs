using System.ClientModel;
using System.ClientModel.Primitives;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace Honk.Models.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> for OpenAI and every server that speaks the same Chat Completions wire format (Azure
/// OpenAI's v1 endpoint, Ollama, vLLM, LM Studio, OpenRouter…): Microsoft.Extensions.AI.OpenAI's adapter over the
/// official SDK's <see cref="ChatClient"/>, behind a small decorator for what the adapter lacks.
/// </summary>
/// <remarks>
/// What the decorator adds, each piece covered by a loopback wire test: failures surface as
/// <see cref="ModelProviderException"/> carrying the HTTP status, <c>Retry-After</c> and whether a retry may help, with
/// the key never in the message; a stream that ends before the model's finish reason is an error, never a silently
/// shortened answer or a half tool call; tool-call arguments that are not a JSON object never throw but carry a clear
/// <see cref="FunctionCallContent.Exception"/> and the raw text; such broken calls are replayed as <c>{}</c>; a default
/// output-token limit; metadata naming the configured provider. The SDK's own retries are off by default (see
/// <see cref="OpenAIModelOptions.MaxRetries"/>): Honk's loop retries.
/// </remarks>
public sealed class OpenAIChatClient : DelegatingChatClient
{
    private readonly string _provider;
    private readonly int? _defaultMaxOutputTokens;
    private readonly string? _apiKey;
    private readonly TimeProvider _time;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Model, endpoint and key.</param>
    /// <param name="httpClient">The HTTP client to send requests with; a shared one when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for HTTP-date <c>Retry-After</c> values; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The model id is missing.</exception>
    public OpenAIChatClient(OpenAIModelOptions options, HttpClient? httpClient = null, TimeProvider? timeProvider = null)
        : base(CreateSdkClient(options, httpClient).AsIChatClient())
    {
        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        _provider = string.IsNullOrWhiteSpace(options.ProviderName) ? ModelSpec.OpenAIProvider : options.ProviderName;
        _defaultMaxOutputTokens = options.DefaultMaxOutputTokens;
        _time = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata(_provider, options.Endpoint ?? OpenAIModelOptions.OpenAIEndpoint, options.ModelId!.Trim());
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(BrokenCallReplay.Apply(messages), WithDefaults(options), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }

        var raw = new RawToolCallArguments();
        if (response.RawRepresentation is ChatCompletion completion)
        {
            raw.Add(completion);
        }

        foreach (var message in response.Messages)
        {
            raw.Reparse(message.Contents);
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var raw = new RawToolCallArguments();
        Microsoft.Extensions.AI.ChatFinishReason? finishReason = null;
        var callsWithoutIds = false;
        var updates = base.GetStreamingResponseAsync(BrokenCallReplay.Apply(messages), WithDefaults(options), cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (ArgumentNullException ex) when (ex.ParamName == "callId" && finishReason is not null && raw.HasCallsWithoutId)
                {
                    // The adapter fails once the stream has ended when a server (some compatible ones do) sent a call
                    // without an id; every piece has been seen by then, so the calls are built here instead.
                    callsWithoutIds = true;
                    break;
                }
                catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                var update = updates.Current;
                finishReason ??= update.FinishReason;
                if (update.RawRepresentation is StreamingChatCompletionUpdate piece)
                {
                    raw.Add(piece);
                }

                if (update.Contents.Any(c => c is FunctionCallContent))
                {
                    // The adapter hands over the assembled calls once the stream has ended, finished or not: a call
                    // whose stream was cut is half a call and must not reach the loop.
                    if (finishReason is null)
                    {
                        throw OpenAIErrors.Incomplete(_provider, midToolCall: true);
                    }

                    raw.Reparse(update.Contents);
                }

                yield return update;
            }

            if (callsWithoutIds)
            {
                yield return new ChatResponseUpdate(ChatRole.Assistant, raw.BuildStreamed()) { FinishReason = finishReason };
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        if (finishReason is null)
        {
            throw OpenAIErrors.Incomplete(_provider, raw.HasCalls);
        }
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType == typeof(ChatClientMetadata) ? _metadata : base.GetService(serviceType, serviceKey);
    }

    /// <summary>Describes the client without its key.</summary>
    /// <returns>Provider, model and endpoint.</returns>
    public override string ToString() => $"{_provider}:{_metadata.DefaultModelId} at {_metadata.ProviderUri}";

    private static ChatClient CreateSdkClient(OpenAIModelOptions options, HttpClient? httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, $"{nameof(options)}.{nameof(options.ModelId)}");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, $"{nameof(options)}.{nameof(options.MaxRetries)}");

        var sdkOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint ?? OpenAIModelOptions.OpenAIEndpoint,
            OrganizationId = options.Organization,
            ProjectId = options.Project,
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),
        };
        if (options.NetworkTimeout is { } timeout)
        {
            sdkOptions.NetworkTimeout = timeout;
        }

        if (httpClient is not null)
        {
            sdkOptions.Transport = new HttpClientPipelineTransport(httpClient);
        }

        var apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        if (apiKey is null)
        {
            sdkOptions.AddPolicy(NoAuthenticationPolicy.Instance, PipelinePosition.BeforeTransport);
        }

        return new ChatClient(options.ModelId.Trim(), new ApiKeyCredential(apiKey ?? NoAuthenticationPolicy.PlaceholderKey), sdkOptions);
    }

    private ChatOptions? WithDefaults(ChatOptions? options)
    {
        if (_defaultMaxOutputTokens is null || options?.MaxOutputTokens is not null)
        {
            return options;
        }

        var result = options?.Clone() ?? new ChatOptions();
        result.MaxOutputTokens = _defaultMaxOutputTokens;
        return result;
    }

    private ModelProviderException? Translate(Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var translated = exception switch
        {
            ModelProviderException => null,
            ClientResultException result => OpenAIErrors.FromClientResult(result, _provider, _time),
            OperationCanceledException => OpenAIErrors.FromTransport(new TimeoutException("The request timed out.", exception), _provider),
            _ when OpenAIErrors.IsTransport(exception) => OpenAIErrors.FromTransport(exception, _provider),
            _ => OpenAIErrors.FromUnreadable(exception, _provider),
        };
        return translated is null ? null : OpenAIErrors.Redact(translated, _apiKey);
    }
}
