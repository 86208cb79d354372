using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Honk.Server;

/// <summary>Writes a session's events as server-sent events; <c>id</c> is the event's sequence, so a reconnect resumes from <c>Last-Event-ID</c>.</summary>
internal static class EventStream
{
    public static long ResumeFrom(HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        if (long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
        {
            return last;
        }

        return long.TryParse(request.Query["after"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var after) ? after : 0;
    }

    public static async Task WriteAsync(HttpContext context, ISessionGateway gateway, string sessionId, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 2000\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var e in gateway.ReadEventsAsync(sessionId, ResumeFrom(context.Request), cancellationToken).ConfigureAwait(false))
            {
                var data = SessionJson.Event(e);
                await response.WriteAsync($"id: {e.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {EventName(data)}\ndata: {data}\n\n", cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            await response.WriteAsync("event: end\ndata: {}\n\n", cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nothing to finish.
        }
    }

    private static string EventName(string json)
    {
        const string Marker = "{\"type\":\"";
        if (json.StartsWith(Marker, StringComparison.Ordinal))
        {
            var end = json.IndexOf('"', Marker.Length);
            return json[Marker.Length..end];
        }

        return "event";
    }
}
