using System.Collections.Concurrent;
using System.Diagnostics;

namespace Honk.Tools;

/// <summary>
/// Starts every sandboxed process from one dedicated thread that lives as long as the Honk process.
/// </summary>
/// <remarks>
/// bubblewrap's <c>--die-with-parent</c> sets <c>PR_SET_PDEATHSIG</c>, and the kernel fires that signal when the
/// <em>thread</em> that forked the child exits, not the process. Thread-pool threads retire after an idle spell, so a
/// command started from one was killed (SIGKILL, exit 137) whenever its starter thread retired mid-command. Forking from
/// this thread, which never ends before the process does, gives the flag the meaning we want: the sandbox dies when
/// Honk dies (even on <c>kill -9</c>, which no cleanup code survives), and never otherwise. See
/// docs/decisions/0008-sandbox.md.
/// </remarks>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<StartRequest> Requests = CreateThread();

    /// <summary>Starts the process on the launcher thread.</summary>
    /// <param name="process">The process, with its <see cref="Process.StartInfo"/> set.</param>
    /// <returns>Completes when the process was started (or starting failed, with that exception).</returns>
    public static Task StartAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var request = new StartRequest(process, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Requests.Add(request);
        return request.Started.Task;
    }

    private static BlockingCollection<StartRequest> CreateThread()
    {
        var requests = new BlockingCollection<StartRequest>();
        var thread = new Thread(() => Serve(requests))
        {
            IsBackground = true,
            Name = "Honk sandbox launcher",
        };
        thread.Start();
        return requests;
    }

    private static void Serve(BlockingCollection<StartRequest> requests)
    {
        foreach (var request in requests.GetConsumingEnumerable())
        {
            try
            {
                request.Process.Start();
                request.Started.SetResult();
            }
            catch (Exception e)
            {
                // Any start failure (missing program, exhausted resources) belongs to the caller, not to this thread.
                request.Started.SetException(e);
            }
        }
    }

    private sealed record StartRequest(Process Process, TaskCompletionSource Started);
}
