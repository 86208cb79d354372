namespace Honk.Validators;

/// <summary>
/// Reports a validator's command to the session while it runs: once when it starts, then every
/// <see cref="ValidationContext.ProgressInterval"/> with how long it has run and the last line it printed, so a person
/// watching a 70-second <c>npm test</c> sees it is alive and what it is doing.
/// </summary>
internal sealed class StepHeartbeat : IDisposable
{
    private readonly IProgress<ValidationProgress> _progress;
    private readonly int _round;
    private readonly string _validator;
    private readonly string _command;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly ITimer _timer;
    private string? _lastLine;

    private StepHeartbeat(IProgress<ValidationProgress> progress, int round, string validator, string command, TimeSpan interval, TimeProvider time)
    {
        _progress = progress;
        _round = round;
        _validator = validator;
        _command = command;
        _time = time;
        _started = time.GetTimestamp();
        Report(TimeSpan.Zero);
        _timer = time.CreateTimer(_ => Report(_time.GetElapsedTime(_started)), null, interval, interval);
    }

    /// <summary>Starts reporting a command, or returns <see langword="null"/> when nobody watches.</summary>
    /// <param name="context">The validation context (its <see cref="ValidationContext.Progress"/> receives the reports).</param>
    /// <param name="validator">The validator's name.</param>
    /// <param name="command">The command line as people read it.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The heartbeat; dispose it when the command ends.</returns>
    public static StepHeartbeat? Start(ValidationContext context, string validator, string command, TimeProvider time)
        => context.Progress is { } progress && context.ProgressInterval > TimeSpan.Zero
            ? new StepHeartbeat(progress, context.Round, validator, command, context.ProgressInterval, time)
            : null;

    /// <summary>Remembers a line of the command's output (blank lines say nothing about progress).</summary>
    /// <param name="line">The line.</param>
    public void Observe(string line)
    {
        if (!string.IsNullOrWhiteSpace(line))
        {
            Volatile.Write(ref _lastLine, line.Trim());
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();

    private void Report(TimeSpan elapsed)
    {
        try
        {
            _progress.Report(new ValidationProgress(_round, _validator, _command, elapsed, Volatile.Read(ref _lastLine)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A display that cannot take a heartbeat must not take the check down with it (heartbeats run on a timer thread).
        }
    }
}
