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
        var body = await SendAsync(new Uri(_baseUrl, "chat.postMessage"), payload, "chat.postMessage", _options.BotToken, cancellationToken).ConfigureAwait(false);
        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new SlackApiException($"Slack's chat.postMessage answer is not JSON: {ex.Message}", ex) { StatusCode = 200 };
        }

        if (answer?["ok"]?.GetValueKind() != JsonValueKind.True)
        {
            var error = answer?["error"]?.GetValueKind() == JsonValueKind.String ? answer["error"]!.GetValue<string>() : "unknown_error";
            throw new SlackApiException($"Slack refused chat.postMessage: {error}.") { Error = error, StatusCode = 200 };
        }

        return new SlackPostedMessage(ReadString(answer, "channel"), ReadString(answer, "ts"));
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

        await SendAsync(webhookUrl, ToPayload(message, includeChannel: false), "the incoming webhook", null, cancellationToken).ConfigureAwait(false);
        return new SlackPostedMessage(null, null);
    }

    private async Task<string> SendAsync(Uri uri, string payload, string what, string? token, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, uri)
            {
                Content = new StringContent(payload, Encoding.UTF8, "application/json"),
            };
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

        // A notification's links are for people to open, not previews to unfold in the thread.
        payload["unfurl_links"] = false;
        payload["unfurl_media"] = false;
        return payload.ToJsonString();
    }
}
