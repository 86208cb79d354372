using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Honk.Testing.Shared;

namespace Honk.Delivery.Tests.Git.Infrastructure;

/// <summary>
/// <c>git http-backend</c> served over HTTP on 127.0.0.1 by an <see cref="HttpListener"/>: each request runs the CGI
/// program with the environment its documentation names (GIT_PROJECT_ROOT, PATH_INFO, QUERY_STRING, REQUEST_METHOD,
/// CONTENT_TYPE, REMOTE_USER, HTTP_* headers) and the response is its output.
/// </summary>
internal sealed class GitHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly string _projectRoot;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _pushConnections;

    private GitHttpServer(HttpListener listener, int port, string projectRoot)
    {
        _listener = listener;
        _projectRoot = projectRoot;
        Port = port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>How many pushes the server saw begin (each starts with <c>GET info/refs?service=git-receive-pack</c>).</summary>
    public int PushConnections => Volatile.Read(ref _pushConnections);

    public string UrlFor(string repository, string? userInfo = null)
        => $"http://{(userInfo is null ? "" : userInfo + "@")}127.0.0.1:{Port}/{repository}";

    public static GitHttpServer Start(string projectRoot)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new GitHttpServer(listener, port, projectRoot);
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body);
            if (request.HttpMethod == "GET" && request.Url!.Query.Contains("service=git-receive-pack", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _pushConnections);
            }

            var info = new ProcessStartInfo("git") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add("http-backend");
            info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
            info.Environment["GIT_PROJECT_ROOT"] = _projectRoot;
            info.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
            info.Environment["GATEWAY_INTERFACE"] = "CGI/1.1";
            info.Environment["SERVER_PROTOCOL"] = "HTTP/1.1";
            info.Environment["REQUEST_METHOD"] = request.HttpMethod;
            info.Environment["PATH_INFO"] = Uri.UnescapeDataString(request.Url!.AbsolutePath);
            info.Environment["QUERY_STRING"] = request.Url.Query.TrimStart('?');
            info.Environment["CONTENT_TYPE"] = request.ContentType ?? "";
            info.Environment["CONTENT_LENGTH"] = body.Length.ToString(CultureInfo.InvariantCulture);
            info.Environment["REMOTE_ADDR"] = "127.0.0.1";

            // An authenticated user is what enables receive-pack (push) in http-backend.
            info.Environment["REMOTE_USER"] = "honk-test";
            foreach (var name in request.Headers.AllKeys.OfType<string>())
            {
                info.Environment["HTTP_" + name.ToUpperInvariant().Replace('-', '_')] = request.Headers[name];
            }

            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            var copyOut = process.StandardOutput.BaseStream.CopyToAsync(output);
            body.Position = 0;
            await body.CopyToAsync(process.StandardInput.BaseStream);
            process.StandardInput.Close();
            await copyOut;
            await process.WaitForExitAsync();
            await error;
            WriteCgiResponse(output.ToArray(), response);
        }
        catch (Exception ex) when (ex is IOException or HttpListenerException or InvalidOperationException)
        {
            response.StatusCode = 500;
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static void WriteCgiResponse(byte[] output, HttpListenerResponse response)
    {
        var split = IndexOf(output, "\r\n\r\n"u8);
        var separatorLength = 4;
        if (split < 0)
        {
            split = IndexOf(output, "\n\n"u8);
            separatorLength = 2;
        }

        var headerText = split < 0 ? "" : Encoding.ASCII.GetString(output, 0, split);
        var bodyStart = split < 0 ? 0 : split + separatorLength;
        response.StatusCode = 200;
        foreach (var line in headerText.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                response.StatusCode = int.Parse(value.Split(' ')[0], CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = value;
            }
            else if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                response.AddHeader(name, value);
            }
        }

        response.ContentLength64 = output.Length - bodyStart;
        response.OutputStream.Write(output, bodyStart, output.Length - bodyStart);
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
