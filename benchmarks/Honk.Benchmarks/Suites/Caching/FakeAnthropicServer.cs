using System.Net;
using System.Text;
using System.Text.Json;

namespace Honk.Benchmarks.Suites.Caching;

/// <summary>
/// A loopback server speaking the Messages API's streaming format: request N is answered with turn N of a script (a
/// tool call, or the closing text), and its usage is billed by a <see cref="PromptCacheAccountant"/>.
/// </summary>
internal sealed class FakeAnthropicServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly IReadOnlyList<ScriptedTurn> _script;
    private readonly PromptCacheAccountant _accountant = new();
    private readonly Task _loop;
    private int _requests;

    public FakeAnthropicServer(IReadOnlyList<ScriptedTurn> script)
    {
        _script = script;
        var port = FreePort();
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUri.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>Per request: (uncached input, cache reads, cache writes) as billed.</summary>
    public List<(int Input, int CacheRead, int CacheWrite)> Billed { get; } = [];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var billed = _accountant.Bill(body);
            Billed.Add(billed);
            var turn = _script[Math.Min(_requests++, _script.Count - 1)];
            var events = Events(turn, billed);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/event-stream";
            var bytes = Encoding.UTF8.GetBytes(events);
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private static string Events(ScriptedTurn turn, (int Input, int CacheRead, int CacheWrite) billed)
    {
        var sb = new StringBuilder();
        void Event(string name, object data) => sb.Append("event: ").Append(name).Append("\ndata: ").Append(JsonSerializer.Serialize(data)).Append("\n\n");
        Event("message_start", new
        {
            type = "message_start",
            message = new
            {
                id = "msg_bench",
                type = "message",
                role = "assistant",
                content = Array.Empty<object>(),
                model = "claude-sonnet-4-5",
                stop_reason = (string?)null,
                stop_sequence = (string?)null,
                usage = new { input_tokens = billed.Input, cache_creation_input_tokens = billed.CacheWrite, cache_read_input_tokens = billed.CacheRead, output_tokens = 1 },
            },
        });
        if (turn.Tool is { } tool)
        {
            Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "tool_use", id = $"toolu_{Guid.NewGuid():N}", name = tool, input = new { } } });
            Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "input_json_delta", partial_json = turn.ArgumentsJson } });
        }
        else
        {
            Event("content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
            Event("content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = turn.ArgumentsJson } });
        }

        Event("content_block_stop", new { type = "content_block_stop", index = 0 });
        Event("message_delta", new { type = "message_delta", delta = new { stop_reason = turn.Tool is null ? "end_turn" : "tool_use", stop_sequence = (string?)null }, usage = new { output_tokens = 60 } });
        Event("message_stop", new { type = "message_stop" });
        return sb.ToString();
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

/// <summary>One scripted model turn: a tool call with its JSON arguments, or (no tool) the closing text.</summary>
internal sealed record ScriptedTurn(string? Tool, string ArgumentsJson);
