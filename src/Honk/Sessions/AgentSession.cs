using System.Globalization;
using System.Runtime.CompilerServices;
using Honk.Sessions;
using Honk.Transcripts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Honk;

/// <summary>
/// One run of a task against a model: the agent loop. Read <see cref="RunStreamingAsync"/> for every step as it
/// happens, or await <see cref="RunAsync"/> for the result. Whatever happens — a provider outage, a tool bug,
/// cancellation, a budget hit — the stream ends with exactly one <see cref="SessionCompleted"/>; nothing is thrown
/// for the model's or the tools' mistakes.
/// </summary>
public sealed partial class AgentSession
{
    private readonly SessionRunner _runner;
    private readonly AgentSessionOptions _options;
    private readonly ILogger _logger;
    private long _sequence;
    private TranscriptWriter? _transcript;
    private SessionResult? _result;
    private readonly StreamingTextRedactor _streamingText;
    private int _started;
    private readonly Steering.SessionInbox _inbox;

    /// <summary>Creates a session.</summary>
    /// <param name="chatClient">The model.</param>
    /// <param name="task">The task.</param>
    /// <param name="options">Workspace, tools, validators, judges, delivery and loop settings.</param>
    /// <exception cref="ArgumentException">The loop options are out of range, or a redaction pattern is not valid.</exception>
    public AgentSession(IChatClient chatClient, CodingTask task, AgentSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chatClient);
        ArgumentNullException.ThrowIfNull(task);
        _options = options ?? new AgentSessionOptions();
        var problems = _options.Loop.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid loop options: {string.Join(" ", problems)}", nameof(options));
        }

        Id = _options.SessionId ?? CreateId(_options.TimeProvider);
        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Honk.AgentSession");

        // Seeded now, with the workspace acquired: its .env values and secrets in known formats, the host's
        // secret-looking variables and whatever the host registered in the options.
        Redactor = _options.Redactor ?? SecretRedactor.Create(_options.Redaction, _options.Workspace?.RootPath);
        _inbox = _options.Inbox ?? new Steering.SessionInbox();
        _runner = new SessionRunner(Id, chatClient, task, _options, _inbox) { Redactor = Redactor };
        _streamingText = new StreamingTextRedactor(Redactor);
        Task = task;
    }

    /// <summary>The session's id.</summary>
    public string Id { get; }

    /// <summary>The task.</summary>
    public CodingTask Task { get; }

    /// <summary>
    /// Steers the session while it runs: add a message (delivered at the next turn boundary), answer its plan, or stop
    /// it (it ends cancelled, keeping its work).
    /// </summary>
    public Steering.ISessionSteering Steering => _inbox;

    /// <summary>The result (secrets redacted), once the session has ended.</summary>
    public SessionResult? Result => _result;

    /// <summary>
    /// The session's redactor. Every event is redacted by it once, before any sink or reader sees it; hosts use it for
    /// anything else they print or send about the session.
    /// </summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Runs the session and yields every step. A session runs once.</summary>
    /// <param name="cancellationToken">Cancels the session; it then ends with status cancelled.</param>
    /// <returns>The events, ending with <see cref="SessionCompleted"/>.</returns>
    /// <exception cref="InvalidOperationException">The session was already run.</exception>
    public IAsyncEnumerable<AgentEvent> RunStreamingAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException($"Session {Id} has already run; create a new AgentSession for another run.");
        }

        return RunGuardedAsync(cancellationToken);
    }

    /// <summary>Runs the session to its end and returns the result.</summary>
    /// <param name="cancellationToken">Cancels the session; the result then has status cancelled.</param>
    /// <returns>The result.</returns>
    public async Task<SessionResult> RunAsync(CancellationToken cancellationToken = default)
    {
        SessionResult? result = null;
        await foreach (var e in RunStreamingAsync(cancellationToken).ConfigureAwait(false))
        {
            if (e is SessionCompleted completed)
            {
                result = completed.Result;
            }
        }

        return result!;
    }

    private async IAsyncEnumerable<AgentEvent> RunGuardedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var wallClock = _runner.Budget.MaxWallTime is { } limit ? new CancellationTokenSource(limit, _options.TimeProvider) : new CancellationTokenSource();
        using var stopped = new CancellationTokenSource();
        _inbox.OnStop(stopped.Cancel);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wallClock.Token, stopped.Token);
        var transcriptProblem = OpenTranscript();
        IAsyncEnumerator<AgentEvent>? events = null;
        try
        {
            await foreach (var published in PublishAsync(new SessionStarted(Task, _options.Workspace?.RootPath, _runner.ModelId)
            {
                Budget = _runner.Budget,
                PromptVersion = _runner.PromptVersion,
                PromptDigest = _runner.PromptDigest,
            }).ConfigureAwait(false))
            {
                yield return published;
            }

            if (transcriptProblem is not null)
            {
                await foreach (var published in PublishAsync(new SessionNotice("warning", transcriptProblem)).ConfigureAwait(false))
                {
                    yield return published;
                }
            }

            events = _runner.RunAsync(linked.Token).GetAsyncEnumerator(linked.Token);
            while (true)
            {
                AgentEvent next;
                AgentEvent? before = null;
                var done = false;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    next = events.Current;
                    done = next is SessionCompleted;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    next = await _runner.EndEarlyAsync(SessionStatus.Cancelled, "The session was cancelled.").ConfigureAwait(false);
                    done = true;
                }
                catch (OperationCanceledException) when (stopped.IsCancellationRequested)
                {
                    next = await _runner.EndEarlyAsync(SessionStatus.Cancelled, $"The session was stopped by {_inbox.StoppedBy}.").ConfigureAwait(false);
                    done = true;
                }
                catch (OperationCanceledException) when (wallClock.IsCancellationRequested)
                {
                    var wallLimit = _runner.Budget.MaxWallTime!.Value;
                    before = new BudgetExceeded("wall_time", string.Create(CultureInfo.InvariantCulture, $"the {wallLimit.TotalSeconds:0.#} s wall-time limit was reached"));
                    next = await _runner.EndEarlyAsync(SessionStatus.BudgetExceeded, "Budget exceeded: wall time.").ConfigureAwait(false);
                    done = true;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    LogInternalError(_logger, ex, Id);
                    var message = UnsupportedFileOutcome.Describe(ex, _options.Workspace?.RootPath) ?? $"Internal error: {ex.GetType().Name}: {ex.Message}";
                    next = await _runner.EndEarlyAsync(SessionStatus.Failed, message).ConfigureAwait(false);
                    done = true;
                }

                if (before is not null)
                {
                    await foreach (var published in PublishAsync(before).ConfigureAwait(false))
                    {
                        yield return published;
                    }
                }

                await foreach (var published in PublishAsync(next).ConfigureAwait(false))
                {
                    yield return published;
                }

                if (done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            _inbox.Close();
            if (events is not null)
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }

            if (_transcript is not null)
            {
                await _transcript.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The one dispatch of every event: redacted once here, then handed to the transcript, the sinks (stores, the
    /// server's stream) and the reader of the stream, which all see the same redacted event. Streamed text is held back
    /// until it cannot end in half a secret: a delta whose text is all held back is not published at all, and what is
    /// left of a turn's text is published as one last delta before the next other event.
    /// </summary>
    private async IAsyncEnumerable<AgentEvent> PublishAsync(AgentEvent raw)
    {
        if (raw is AssistantTextDelta delta)
        {
            if (_streamingText.Add(delta.Turn, delta.Text) is { } shown)
            {
                yield return await DispatchAsync(delta with { Text = shown }).ConfigureAwait(false);
            }

            yield break;
        }

        if (_streamingText.Finish() is { } rest)
        {
            yield return await DispatchAsync(new AssistantTextDelta(rest.Turn, rest.Text)).ConfigureAwait(false);
        }

        yield return await DispatchAsync(Redactor.RedactEvent(raw)).ConfigureAwait(false);
    }

    /// <summary>Numbers a redacted event and hands it to the transcript and the sinks.</summary>
    private async ValueTask<AgentEvent> DispatchAsync(AgentEvent redacted)
    {
        var stamped = redacted with { SessionId = Id, Timestamp = _options.TimeProvider.GetUtcNow(), Sequence = ++_sequence };
        if (stamped is SessionCompleted completed)
        {
            _result = completed.Result;
        }

        if (_transcript is not null)
        {
            try
            {
                await _transcript.WriteAsync(stamped, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSinkFailed(_logger, ex, nameof(TranscriptWriter), Id);
            }
        }

        foreach (var sink in _options.EventSinks)
        {
            try
            {
                // Sinks must see the final event even when the session was cancelled.
                await sink.OnEventAsync(stamped, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSinkFailed(_logger, ex, sink.GetType().Name, Id);
            }
        }

        return stamped;
    }

    /// <summary>Opens the transcript when one is configured; a failure to open it is reported, not fatal.</summary>
    private string? OpenTranscript()
    {
        if (_options.Transcript is not { } settings)
        {
            return null;
        }

        try
        {
            // Events reach the writer already redacted by the session's redactor.
            _transcript = TranscriptWriter.OpenForSession(Id, settings, SecretRedactor.None);
            _runner.TranscriptPath = _transcript.Path;
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"The transcript could not be written ({ex.Message}); the session goes on without one.";
        }
    }

    /// <summary>A new session id: <c>yyyyMMdd-HHmmss-xxxxxx</c> (UTC time and 6 random hex digits), sortable and short.</summary>
    /// <param name="time">The clock; the system clock when <see langword="null"/>.</param>
    /// <returns>The id.</returns>
    public static string CreateId(TimeProvider? time = null)
        => string.Create(CultureInfo.InvariantCulture, $"{(time ?? TimeProvider.System).GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..6]}");

    [LoggerMessage(Level = LogLevel.Error, Message = "Session {SessionId} failed with an internal error")]
    private static partial void LogInternalError(ILogger logger, Exception exception, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event sink {Sink} failed in session {SessionId}; the session goes on")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, string sink, string sessionId);
}
