using System.Text;
using Microsoft.Extensions.Logging;

namespace Honk.Server.Tests.Security;

/// <summary>Every log line the host writes, at every level, with its exception: what a log file or console would hold.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly StringBuilder _text = new();

    public int Lines { get; private set; }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string category, LogLevel level, string message, Exception? exception)
    {
        lock (_text)
        {
            Lines++;
            _text.Append(level).Append(' ').Append(category).Append(": ").AppendLine(message);
            if (exception is not null)
            {
                _text.AppendLine(exception.ToString());
            }
        }
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            logs.Write(category, LogLevel.Trace, "scope: " + state, null);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => logs.Write(category, logLevel, formatter(state, exception) + " " + state, exception);
    }
}
