using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Honk.Transcripts;

/// <summary>
/// Appends a session's events to a JSONL file, one event per line, secrets redacted before they reach the disk.
/// Every line is flushed as it is written so a crashed host loses nothing already reported. Thread-safe.
/// </summary>
public sealed class TranscriptWriter : IAsyncDisposable
{
    private static readonly byte[] NewLine = [(byte)'\n'];

    private readonly FileStream _stream;
    private readonly SecretRedactor _redactor;
    private readonly bool _includeTextDeltas;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private long _eventsWritten;
    private bool _disposed;

    private TranscriptWriter(FileStream stream, SecretRedactor redactor, bool includeTextDeltas)
    {
        _stream = stream;
        _redactor = redactor;
        _includeTextDeltas = includeTextDeltas;
    }

    /// <summary>The transcript file.</summary>
    public string Path => _stream.Name;

    /// <summary>How many events were written (skipped text deltas are not counted).</summary>
    public long EventsWritten => Interlocked.Read(ref _eventsWritten);

    /// <summary>Opens (creating folders as needed) a transcript file for appending.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">What to write; the defaults when <see langword="null"/>.</param>
    /// <param name="redactor">
    /// The redactor; when <see langword="null"/> one is built from <paramref name="options"/> (without a workspace's
    /// <c>.env</c> files: pass <see cref="SecretRedactor.Create"/> with the workspace root to include them).
    /// </param>
    /// <returns>The writer.</returns>
    public static TranscriptWriter Open(string path, TranscriptOptions? options = null, SecretRedactor? redactor = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new TranscriptOptions();
        redactor ??= options.RedactSecrets ? SecretRedactor.Create(options.Redaction) : SecretRedactor.None;
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1, useAsync: true);
        return new TranscriptWriter(stream, redactor, options.IncludeTextDeltas);
    }

    /// <summary>Opens the transcript of a session at <see cref="TranscriptOptions.GetPath"/>.</summary>
    /// <param name="sessionId">The session's id.</param>
    /// <param name="options">Where and what to write; the defaults when <see langword="null"/>.</param>
    /// <param name="redactor">The redactor; built from <paramref name="options"/> when <see langword="null"/>.</param>
    /// <returns>The writer.</returns>
    public static TranscriptWriter OpenForSession(string sessionId, TranscriptOptions? options = null, SecretRedactor? redactor = null)
    {
        options ??= new TranscriptOptions();
        return Open(options.GetPath(sessionId), options, redactor);
    }

    /// <summary>Writes one event as one line and flushes it.</summary>
    /// <param name="agentEvent">The event.</param>
    /// <param name="cancellationToken">Cancels waiting for a concurrent write; a line once started is always finished.</param>
    /// <returns>A task that completes when the line is flushed.</returns>
    public async ValueTask WriteAsync(AgentEvent agentEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentEvent);
        // Progress heartbeats are for people watching live; the validation's result is what a record needs.
        if ((agentEvent is AssistantTextDelta && !_includeTextDeltas) || agentEvent is ValidationProgress)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var json = JsonSerializer.SerializeToUtf8Bytes(agentEvent, TranscriptJson.Options);
            _buffer.ResetWrittenCount();
            if (ReferenceEquals(_redactor, SecretRedactor.None))
            {
                _buffer.Write(json);
            }
            else
            {
                _redactor.RedactJson(json, _buffer);
            }

            _buffer.Write(NewLine);

            // One write per line, and not cancellable once started: half a line followed by the next event would
            // corrupt the file in the middle, where readers cannot tell it from damage.
            await _stream.WriteAsync(_buffer.WrittenMemory, CancellationToken.None).ConfigureAwait(false);
            await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref _eventsWritten);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes every event of a stream and passes it on, so a consumer can record and display at once.</summary>
    /// <param name="events">The session's events.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The same events, each yielded after it was written.</returns>
    public async IAsyncEnumerable<AgentEvent> RecordAsync(
        IAsyncEnumerable<AgentEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await foreach (var agentEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            await WriteAsync(agentEvent, cancellationToken).ConfigureAwait(false);
            yield return agentEvent;
        }
    }

    /// <summary>Flushes and closes the file.</summary>
    /// <returns>A task that completes when the file is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
