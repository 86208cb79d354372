using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIChatRole = Microsoft.Extensions.AI.ChatRole;
using OpenAIChatMessage = OpenAI.Chat.ChatMessage;

namespace Honk.Models.OpenAI;

/// <summary>
/// An <see cref="IChatClient"/> over the official OpenAI SDK's Chat Completions client, for OpenAI and every server
/// that speaks the same wire format (Azure OpenAI's v1 endpoint, Ollama, vLLM, LM Studio, OpenRouter…).
/// </summary>
/// <remarks>
/// Failures surface as <see cref="ModelProviderException"/> carrying the HTTP status, <c>Retry-After</c> and whether a
/// retry may help; the SDK's own retries are off by default (see <see cref="OpenAIModelOptions.MaxRetries"/>). Tool-call
/// arguments that are not valid JSON never throw: the <see cref="FunctionCallContent"/> carries the error in
/// <see cref="FunctionCallContent.Exception"/>. A stream that ends before the model's finish reason is an error, never
/// a silently shortened answer.
/// </remarks>
public sealed class OpenAIChatClient : IChatClient
{
    private readonly ConcurrentDictionary<string, ChatClient> _clients = new(StringComparer.Ordinal);
    private readonly Func<string, ChatClient> _createClient;
    private readonly string _defaultModel;
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
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, $"{nameof(options)}.{nameof(options.ModelId)}");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries, $"{nameof(options)}.{nameof(options.MaxRetries)}");

        var endpoint = options.Endpoint ?? OpenAIModelOptions.OpenAIEndpoint;
        var sdkOptions = new OpenAIClientOptions
        {
            Endpoint = endpoint,
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

        _apiKey = string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey;
        if (_apiKey is null)
        {
            sdkOptions.AddPolicy(NoAuthenticationPolicy.Instance, PipelinePosition.BeforeTransport);
        }

        var credential = new ApiKeyCredential(_apiKey ?? NoAuthenticationPolicy.PlaceholderKey);
        _createClient = model => new ChatClient(model, credential, sdkOptions);
        _defaultModel = options.ModelId.Trim();
        _provider = string.IsNullOrWhiteSpace(options.ProviderName) ? ModelSpec.OpenAIProvider : options.ProviderName;
        _defaultMaxOutputTokens = options.DefaultMaxOutputTokens;
        _time = timeProvider ?? TimeProvider.System;
        _metadata = new ChatClientMetadata(_provider, endpoint, _defaultModel);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (client, openAIMessages, completionOptions) = Prepare(messages, options);
        ClientResult<ChatCompletion> result;
        try
        {
            result = await client.CompleteChatAsync(openAIMessages, completionOptions, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }

        return OpenAIResponseMapper.ToChatResponse(result.Value);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var (client, openAIMessages, completionOptions) = Prepare(messages, options);
        var toolCalls = new StreamingToolCallAssembler();
        Microsoft.Extensions.AI.ChatFinishReason? finishReason = null;
        UsageDetails? usage = null;
        string? responseId = null;
        string? modelId = null;
        DateTimeOffset? createdAt = null;

        var updates = client.CompleteChatStreamingAsync(openAIMessages, completionOptions, cancellationToken).GetAsyncEnumerator(cancellationToken);
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
                catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                var update = updates.Current;
                responseId ??= update.CompletionId;
                modelId = string.IsNullOrEmpty(update.Model) ? modelId : update.Model;
                createdAt ??= update.CreatedAt == default ? null : update.CreatedAt;
                finishReason = OpenAIResponseMapper.ToFinishReason(update.FinishReason) ?? finishReason;
                usage = OpenAIResponseMapper.ToUsage(update.Usage) ?? usage;
                foreach (var piece in update.ToolCallUpdates)
                {
                    toolCalls.Add(piece);
                }

                var text = string.Concat(update.ContentUpdate.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text)) + update.RefusalUpdate;
                if (text.Length > 0)
                {
                    yield return new ChatResponseUpdate(AIChatRole.Assistant, text)
                    {
                        ResponseId = responseId,
                        MessageId = responseId,
                        ModelId = modelId,
                        CreatedAt = createdAt,
                        RawRepresentation = update,
                    };
                }
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }

        if (finishReason is null)
        {
            throw OpenAIErrors.Incomplete(_provider, toolCalls.HasCalls);
        }

        var final = new ChatResponseUpdate(AIChatRole.Assistant, [.. toolCalls.Build()])
        {
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = modelId,
            CreatedAt = createdAt,
            FinishReason = finishReason,
        };
        if (usage is not null)
        {
            final.Contents.Add(new UsageContent(usage));
        }

        yield return final;
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(ChatClient))
        {
            return GetClient(_defaultModel);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // The SDK's clients hold no resources of their own; a caller-supplied HttpClient stays the caller's.
    }

    /// <summary>Describes the client without its key.</summary>
    /// <returns>Provider, model and endpoint.</returns>
    public override string ToString() => $"{_provider}:{_defaultModel} at {_metadata.ProviderUri}";

    private (ChatClient Client, List<OpenAIChatMessage> Messages, ChatCompletionOptions Options) Prepare(IEnumerable<AIChatMessage> messages, ChatOptions? options)
    {
        var model = string.IsNullOrWhiteSpace(options?.ModelId) ? _defaultModel : options.ModelId.Trim();
        return (GetClient(model), OpenAIRequestMapper.ToOpenAIMessages(messages, options), OpenAIRequestMapper.ToOpenAIOptions(options, _defaultMaxOutputTokens, this));
    }

    // The SDK binds a ChatClient to one model; ChatOptions.ModelId may name another per request.
    private ChatClient GetClient(string model) => _clients.GetOrAdd(model, _createClient);

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
