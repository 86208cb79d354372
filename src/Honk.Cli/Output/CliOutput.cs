using System.Globalization;
using Spectre.Console;

namespace Honk.Cli.Output;

/// <summary>
/// Everything <c>honk</c> prints. With <c>--json</c>, stdout carries exactly one JSON object and people-facing text
/// goes nowhere (errors go to stderr); otherwise a live, line-per-step log with turn, elapsed time, tokens and cost.
/// </summary>
internal sealed class CliOutput(bool json, bool verbose)
{
    // Built on first use: a --json run that succeeds prints no people-facing text, and never loads Spectre.Console.
    private readonly Lazy<IAnsiConsole> _outConsole = new(() => CreateConsole(Console.Out, Console.IsOutputRedirected));
    private readonly Lazy<IAnsiConsole> _errConsole = new(() => CreateConsole(Console.Error, Console.IsErrorRedirected));
    private int _turn;
    private long _tokens;
    private decimal _cost;
    private DateTimeOffset? _started;

    // Messages written before a session exists (a URL with credentials in an error) meet no session redactor.

    public bool Json => json;

    private IAnsiConsole Out => _outConsole.Value;

    private IAnsiConsole Err => _errConsole.Value;

    public void Status(string text)
    {
        if (!json)
        {
            Out.MarkupLine($"[grey]{Markup.Escape(Safe(text))}…[/]");
        }
    }

    public void Warning(string text)
    {
        if (!json)
        {
            Out.MarkupLine($"[yellow]warning:[/] {Markup.Escape(Safe(text))}");
        }
        else
        {
            Err.WriteLine($"warning: {Safe(text)}");
        }
    }

    public void Show(AgentEvent e)
    {
        if (json)
        {
            return;
        }

        _started ??= e.Timestamp;
        switch (e)
        {
            case SessionStarted s:
                Out.MarkupLine($"[bold]honk[/] session [blue]{Markup.Escape(Safe(s.SessionId))}[/] · model {Markup.Escape(Safe(s.Model ?? "?"))} · workspace {Markup.Escape(Safe(s.WorkspaceRoot ?? "-"))}");
                break;
            case TurnStarted t:
                _turn = t.Turn;
                break;
            case AssistantTurnCompleted a:
                _tokens += a.Usage.InputTokens + a.Usage.OutputTokens;
                _cost += a.Usage.CostUsd;
                if (!string.IsNullOrWhiteSpace(a.Text))
                {
                    Line("💬", Shorten(a.Text, 160), "white", e);
                }

                break;
            case ToolCallStarted c:
                Line("▸", $"{c.Call.Name} {Shorten(c.Call.ArgumentsJson, 100)}", "grey", e);
                break;
            case ToolCallCompleted r:
                Line(r.IsError ? "✗" : "✓", r.IsError ? $"{r.Name}: {Shorten(r.Result, 160)}" : Completed(r), r.IsError ? "red" : "green", e);
                break;
            case ValidationStarted v:
                Line("●", v.Validators.Count == 0
                    ? $"checks (round {v.Round}): none apply (no build or test setup Honk knows was found)"
                    : $"checks (round {v.Round}): {string.Join(", ", v.Validators)}", "blue", e);
                break;
            case ValidationProgress p:
                Line("…", Progress(p), "grey", e);
                break;
            case ValidationCompleted v:
                foreach (var report in v.Reports)
                {
                    Line(report.Passed ? "✓" : "✗", Named(report.Name, Shorten(report.Summary, verbose ? 2000 : 300)), report.Passed ? "green" : "red", e);
                }

                break;
            case VerdictReached j:
                Line(j.Verdict.Approved ? "✓" : "✗", $"{j.Judge}: {(j.Verdict.Approved ? "approved" : "vetoed")} {Shorten(Unprefixed(j.Judge, j.Verdict.Feedback ?? string.Empty), 200)}".TrimEnd(), j.Verdict.Approved ? "green" : "yellow", e);
                break;
            case FeedbackSent f:
                Line("↩", $"sent back by {f.Source}", "yellow", e);
                break;
            case ModelCallRetrying m:
                Line("⟳", $"model call failed ({Shorten(m.Reason, 120)}); retry {m.Attempt} in {m.Delay.TotalSeconds:0.#} s", "yellow", e);
                break;
            case LoopDetected l:
                Line("⚠", $"{l.ToolName} repeated {l.Repeats}× on an unchanged workspace", "yellow", e);
                break;
            case BudgetExceeded b:
                Line("⚠", $"budget: {b.Detail}", "red", e);
                break;
            case ContextCompacted c:
                Line("⇣", $"compacted {c.ResultsCompacted} old tool results ({c.EstimatedTokensBefore:N0} → {c.EstimatedTokensAfter:N0} tokens)", "grey", e);
                break;
            case DeliveryCompleted d:
                Line(d.Result.Succeeded ? "⇪" : "✗", $"{d.Result.Channel}: {d.Result.Message}", d.Result.Succeeded ? "green" : "red", e);
                break;
            case SessionNotice n:
                Line(n.Level == "warning" ? "⚠" : "·", n.Message, n.Level == "warning" ? "yellow" : "grey", e);
                break;
        }
    }

    public void WriteResult(SessionResult result)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonResult.Render(result));
            return;
        }

        var color = result.IsSuccess ? "green" : result.Status == SessionStatus.Cancelled ? "yellow" : "red";
        Out.WriteLine();
        Out.MarkupLine($"[bold {color}]{result.Status.ToWireName()}[/] · {Markup.Escape(Safe(result.Message))}");
        Detail("branch", result.Branch);
        Detail("commit", result.Commit);
        Detail("changed", result.ChangedFiles.Count == 0 ? null : string.Join(", ", result.ChangedFiles));
        Detail("patch", result.Deliveries.Select(d => d.PatchPath).FirstOrDefault(p => p is not null));
        Detail("review", result.Deliveries.Select(d => d.Url?.ToString()).FirstOrDefault(u => u is not null));
        Detail("usage", string.Create(CultureInfo.InvariantCulture, $"{result.Turns} turns, {result.ToolCalls} tool calls, {result.Usage.InputTokens:N0} in / {result.Usage.OutputTokens:N0} out tokens, ${result.Usage.CostUsd:0.0000}, {result.Duration.TotalSeconds:0.0} s"));
        Detail("transcript", result.Transcript);
    }

    public void WriteError(string message)
    {
        message = TerminalText.Redact(message);
        Err.MarkupLine($"[red]error:[/] {Markup.Escape(TerminalText.Escape(message))}");
        if (json)
        {
            Console.Out.WriteLine(JsonResult.RenderError(message));
        }
    }

    public void WriteUnexpected(Exception exception)
    {
        WriteError(verbose
            ? exception.ToString()
            : $"Something unexpected went wrong: {exception.GetType().Name}: {exception.Message} Run again with --verbose for details.");
    }

    private void Line(string symbol, string text, string color, AgentEvent e)
    {
        var elapsed = _started is { } start ? e.Timestamp - start : TimeSpan.Zero;
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{(int)elapsed.TotalMinutes:00}:{elapsed.Seconds:00} t{_turn} {_tokens / 1000.0:0.0}k ${_cost:0.000}");
        Out.MarkupLine($"[grey]{Markup.Escape(stamp)}[/] [{color}]{Markup.Escape(symbol)}[/] {Markup.Escape(Safe(text))}");
    }

    private void Detail(string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            Out.MarkupLine($"  [grey]{label,-10}[/] {Markup.Escape(Safe(value))}");
        }
    }

    /// <summary>What reaches a person: no secret the names redactor knows, no control character from the repository or the model.</summary>
    private static string Safe(string? text) => TerminalText.Printable(text);

    /// <summary>Colours only on a terminal (and never with NO_COLOR); no wrapping when the output is a file or a pipe.</summary>
    internal static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var plain = redirected || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = 400;
        }

        return console;
    }

    /// <summary>
    /// A tool call that worked, measured. A command's exit code leads: the tool worked even when the command failed, and a
    /// bare ✓ after "running the tests to see the failure" read as "the tests passed".
    /// </summary>
    private static string Completed(ToolCallCompleted r)
    {
        var lines = r.Result.Split('\n');
        var size = lines.Length == 1 ? "1 line" : string.Create(CultureInfo.InvariantCulture, $"{lines.Length} lines");
        var ran = r.Name == "run_command" && (lines[0].StartsWith("exit code ", StringComparison.Ordinal) || lines[0].StartsWith("timed out ", StringComparison.Ordinal));
        var status = ran ? lines[0].Split(" (")[0].Split(':')[0] + ", " : "";
        return string.Create(CultureInfo.InvariantCulture, $"{r.Name} ({status}{size}, {r.Duration.TotalMilliseconds:0} ms)");
    }

    /// <summary>A check's command starting, or its heartbeat: how long it has run and the last line it printed.</summary>
    private static string Progress(ValidationProgress p)
    {
        if (p.Elapsed == TimeSpan.Zero)
        {
            return $"{p.Validator}: {p.Command}";
        }

        var running = string.Create(CultureInfo.InvariantCulture, $"{p.Validator}: {p.Command} still running ({p.Elapsed.TotalSeconds:0} s)");
        return p.LastOutputLine is { } last ? $"{running} · {Shorten(last, 160)}" : running;
    }

    private static string Named(string name, string text) => text.StartsWith(name + ":", StringComparison.Ordinal) ? text : $"{name}: {text}";

    private static string Unprefixed(string name, string text) => text.StartsWith(name + ":", StringComparison.Ordinal) ? text[(name.Length + 1)..].TrimStart() : text;

    private static string Shorten(string text, int max)
    {
        var oneLine = text.ReplaceLineEndings(" ⏎ ");
        return oneLine.Length <= max ? oneLine : string.Concat(oneLine.AsSpan(0, max - 1), "…");
    }
}
