using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk.Delivery.Slack;

/// <summary>
/// A thin client for posting messages to Slack: the Web API's <c>chat.postMessage</c> with a bot token, or an incoming
/// webhook. Waits out <c>429</c> answers within bounds and turns Slack's errors into <see cref="SlackApiException"/>.
/// </summary>
public sealed class SlackClient
{
    private readonly HttpClient _http;
    private readonly SlackClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri _baseUrl;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">The HTTP client to send through; the caller owns it.</param>
    /// <param name="options">Where Slack is and the bot token.</param>
    /// <param name="timeProvider">The clock for rate-limit waits; the system clock by default.</param>
    /// <param name="logger">A logger; tokens and webhook URLs are never logged.</param>
    public SlackClient(HttpClient httpClient, SlackClientOptions options, TimeProvider? timeProvider = null, ILogger<SlackClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = httpClient;
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var text = options.BaseUrl.AbsoluteUri;
        _baseUrl = new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Posts a message with <c>chat.postMessage</c> (needs <see cref="SlackClientOptions.BotToken"/> and a channel).</summary>
    /// <param name="message">The message; <see cref="SlackMessage.Channel"/> is required.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The channel and <c>ts</c> of the posted message.</returns>
    /// <exception cref="SlackApiException">Slack answered <c>ok: false</c>, an HTTP error, or kept rate-limiting.</exception>
    public async Task<SlackPostedMessage> PostMessageAsync(SlackMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Channel);
        if (string.IsNullOrWhiteSpace(_options.BotToken))
        {
            throw new InvalidOperationException("SlackClientOptions.BotToken is required for chat.postMessage.");
        }

        var payload = ToPayload(message, includeChannel: true);
        var body = await SendAsync(new Uri(_baseUrl, "chat.postMessage"), new StringContent(payload, Encoding.UTF8, "application/json"), "chat.postMessage", _options.BotToken, cancellationToken).ConfigureAwait(false);
        var answer = ReadOk(body, "chat.postMessage");
        return new SlackPostedMessage(ReadString(answer, "channel"), ReadString(answer, "ts"));
    }

    /// <summary>
    /// Posts a message unless an earlier attempt already did: first looks for a message carrying the same
    /// <see cref="SlackMessage.Metadata"/> (in the thread with <c>conversations.replies</c>, or in the channel's recent
    /// history with <c>conversations.history</c>), then posts with that metadata. This is the reality check for a crash
    /// between posting a message and recording that it was posted.
    /// </summary>
    /// <param name="message">The message; <see cref="SlackMessage.Channel"/> and <see cref="SlackMessage.Metadata"/> are required.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The message found (<see cref="SlackPostedMessage.AlreadyPosted"/>) or posted.</returns>
    /// <exception cref="SlackApiException">Slack refused a call.</exception>
    public async Task<SlackPostedMessage> PostMessageOnceAsync(SlackMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Channel);
        var metadata = message.Metadata ?? throw new ArgumentException("A message posted once needs metadata to be found by.", nameof(message));
        if (await FindMessageAsync(message.Channel, message.ThreadTs, metadata, cancellationToken).ConfigureAwait(false) is { } found)
        {
            return found;
        }

        return await PostMessageAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Finds a message by its metadata: among a thread's replies (<c>conversations.replies</c>, when
    /// <paramref name="threadTs"/> is given) or the channel's newest top-level messages (<c>conversations.history</c>),
    /// asking for <c>include_all_metadata</c> and following <c>response_metadata.next_cursor</c> for at most
    /// <paramref name="maxPages"/> pages of 200.
    /// </summary>
    /// <param name="channel">The channel id.</param>
    /// <param name="threadTs">The thread's parent <c>ts</c>, or <see langword="null"/> for top-level messages.</param>
    /// <param name="metadata">The metadata to match.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <param name="maxPages">How many pages to read at most (history only grows, and Honk's message is recent).</param>
    /// <returns>The message, or <see langword="null"/> when none carries the metadata.</returns>
    /// <exception cref="SlackApiException">Slack refused the call (<c>channel_not_found</c>, <c>missing_scope</c>…).</exception>
    public async Task<SlackPostedMessage?> FindMessageAsync(string channel, string? threadTs, SlackMessageMetadata metadata, CancellationToken cancellationToken = default, int maxPages = 5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentNullException.ThrowIfNull(metadata);
        if (string.IsNullOrWhiteSpace(_options.BotToken))
        {
            throw new InvalidOperationException("SlackClientOptions.BotToken is required to read conversations.");
        }

        var method = threadTs is null ? "conversations.history" : "conversations.replies";
        string? cursor = null;
        for (var page = 0; page < maxPages; page++)
        {
            var form = new List<KeyValuePair<string, string>> { new("channel", channel), new("include_all_metadata", "true"), new("limit", "200") };
            if (threadTs is not null)
            {
                form.Add(new("ts", threadTs));
            }

            if (cursor is not null)
            {
                form.Add(new("cursor", cursor));
            }

            var body = await SendAsync(new Uri(_baseUrl, method), new FormUrlEncodedContent(form), method, _options.BotToken, cancellationToken).ConfigureAwait(false);
            var answer = ReadOk(body, method);
            if (answer["messages"] is JsonArray messages)
            {
                foreach (var m in messages.OfType<JsonObject>())
                {
                    if (metadata.Matches(SlackMessageMetadata.FromJson(m["metadata"])) && ReadString(m, "ts") is { } ts)
                    {
                        return new SlackPostedMessage(channel, ts, AlreadyPosted: true);
                    }
                }
            }

            cursor = answer["response_metadata"]?["next_cursor"]?.GetValueKind() == JsonValueKind.String ? answer["response_metadata"]!["next_cursor"]!.GetValue<string>() : null;
            if (string.IsNullOrEmpty(cursor))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Posts a message to an incoming webhook. The webhook URL is a secret: it never appears in errors or logs.</summary>
    /// <param name="webhookUrl">The webhook's URL.</param>
    /// <param name="message">The message; its channel is ignored (a webhook posts where it was made for).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A result without channel or <c>ts</c> (webhooks answer only <c>ok</c>).</returns>
    /// <exception cref="SlackApiException">The webhook answered an error (<c>invalid_payload</c>, <c>no_service</c>…) or kept rate-limiting.</exception>
    public async Task<SlackPostedMessage> PostToWebhookAsync(Uri webhookUrl, SlackMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookUrl);
        ArgumentNullException.ThrowIfNull(message);
        if (!webhookUrl.IsAbsoluteUri)
        {
            throw new ArgumentException("The webhook URL must be absolute.", nameof(webhookUrl));
        }

        await SendAsync(webhookUrl, new StringContent(ToPayload(message, includeChannel: false), Encoding.UTF8, "application/json"), "the incoming webhook", null, cancellationToken).ConfigureAwait(false);
        return new SlackPostedMessage(null, null);
    }

    private async Task<string> SendAsync(Uri uri, HttpContent content, string what, string? token, CancellationToken cancellationToken)
    {
        // The content is read again for each retry; it is copied so a retry sends the same bytes.
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var contentType = content.Headers.ContentType;
        content.Dispose();
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = contentType;
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var delay = RetryAfter(response.Headers.RetryAfter);
                if (attempt > _options.MaxRetries || delay > _options.MaxRetryWait)
                {
                    throw new SlackApiException($"Slack rate-limited {what} (429): it asks to wait {Math.Ceiling(delay.TotalSeconds)} s and the limit did not clear within {_options.MaxRetries} retries of at most {_options.MaxRetryWait.TotalSeconds} s.")
                    {
                        Error = "ratelimited",
                        StatusCode = status,
                        RetryAfter = delay,
                    };
                }

                SlackLog.RateLimited(_logger, what, delay, attempt);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            // Webhooks answer errors as a short plain-text code; the Web API as JSON. Keep only a short, safe excerpt.
            var error = ReadErrorCode(body);
            throw new SlackApiException($"Slack answered {status} to {what}: {error ?? response.ReasonPhrase ?? "no detail"}.") { Error = error, StatusCode = status };
        }
    }

    private static JsonNode ReadOk(string body, string method)
    {
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new SlackApiException($"Slack's {method} answer is not JSON: {ex.Message}", ex) { StatusCode = 200 };
        }

        if (answer?["ok"]?.GetValueKind() != JsonValueKind.True)
        {
            var error = answer?["error"]?.GetValueKind() == JsonValueKind.String ? answer["error"]!.GetValue<string>() : "unknown_error";
            throw new SlackApiException($"Slack refused {method}: {error}.") { Error = error, StatusCode = 200 };
        }

        return answer;
    }

    private static TimeSpan RetryAfter(RetryConditionHeaderValue? header)
    {
        // Slack always names the wait in seconds; without it, a second is the smallest polite pause.
        var delay = header?.Delta ?? TimeSpan.FromSeconds(1);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private static string? ReadErrorCode(string body)
    {
        var text = body.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(text)?["error"]?.GetValue<string>();
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
            {
                return null;
            }
        }

        return text.Length is > 0 and <= 100 && !text.Contains('<', StringComparison.Ordinal) ? text : null;
    }

    private static string? ReadString(JsonNode node, string name)
        => node[name]?.GetValueKind() == JsonValueKind.String ? node[name]!.GetValue<string>() : null;

    private static string ToPayload(SlackMessage message, bool includeChannel)
    {
        var payload = new JsonObject();
        if (includeChannel)
        {
            payload["channel"] = message.Channel;
        }

        payload["text"] = message.Text;
        if (!string.IsNullOrEmpty(message.ThreadTs))
        {
            payload["thread_ts"] = message.ThreadTs;
        }

        if (message.Blocks is { Count: > 0 } blocks)
        {
            payload["blocks"] = blocks.DeepClone();
        }

        if (includeChannel && message.Metadata is { } metadata)
        {
            payload["metadata"] = metadata.ToJson();
        }

        // A notification's links are for people to open, not previews to unfold in the thread.
        payload["unfurl_links"] = false;
        payload["unfurl_media"] = false;
        return payload.ToJsonString();
    }
}
