using System.Diagnostics;

namespace Honk.Telemetry;

/// <summary>The open spans of one session, and the metrics recorded when its events arrive.</summary>
internal sealed class SessionSpans
{
    private readonly Activity? _session;
    private readonly string _model;
    private readonly Dictionary<string, Activity> _tools = new(StringComparer.Ordinal);
    private Activity? _turn;
    private Activity? _modelCall;
    private Activity? _validation;
    private DateTimeOffset? _validationStarted;

    public SessionSpans(SessionStarted started)
    {
        _model = started.Model ?? "unknown";
        _session = Start("honk.session", null, started.Timestamp, ActivityKind.Internal);
        _session?.SetTag("honk.session.id", started.SessionId);
        _session?.SetTag("honk.task", started.Task.Title ?? Shorten(started.Task.Goal));
        _session?.SetTag("gen_ai.request.model", started.Model);
    }

    public void On(AgentEvent e)
    {
        switch (e)
        {
            case TurnStarted turn:
                EndTurn(e.Timestamp);
                _turn = Start("honk.turn", _session, e.Timestamp);
                _turn?.SetTag("honk.turn", turn.Turn);
                _modelCall = Start($"chat {_model}", _turn, e.Timestamp, ActivityKind.Client);
                _modelCall?.SetTag("gen_ai.operation.name", "chat");
                _modelCall?.SetTag("gen_ai.request.model", _model);
                break;
            case AssistantTurnCompleted completed:
                _modelCall?.SetTag("gen_ai.usage.input_tokens", completed.Usage.InputTokens);
                _modelCall?.SetTag("gen_ai.usage.output_tokens", completed.Usage.OutputTokens);
                _modelCall?.SetTag("honk.tool_calls", completed.ToolCalls.Count);
                End(ref _modelCall, e.Timestamp);
                RecordUsage(completed.Usage);
                break;
            case ModelCallRetrying retrying:
                _modelCall?.AddEvent(new ActivityEvent("retry", e.Timestamp, new ActivityTagsCollection { ["honk.attempt"] = retrying.Attempt, ["honk.reason"] = retrying.Reason }));
                break;
            case ToolCallStarted call:
                if (Start($"execute_tool {call.Call.Name}", _turn ?? _session, e.Timestamp) is { } tool)
                {
                    tool.SetTag("gen_ai.operation.name", "execute_tool");
                    tool.SetTag("gen_ai.tool.name", call.Call.Name);
                    tool.SetTag("gen_ai.tool.call.id", call.Call.CallId);
                    _tools[call.Call.CallId] = tool;
                }

                break;
            case ToolCallCompleted result:
                HonkTelemetry.ToolDuration.Record(result.Duration.TotalSeconds, new("gen_ai.tool.name", result.Name), new("error", result.IsError));
                if (_tools.Remove(result.CallId, out var span))
                {
                    if (result.IsError)
                    {
                        span.SetStatus(ActivityStatusCode.Error, Shorten(result.Result));
                    }

                    Stop(span, e.Timestamp);
                }

                break;
            case ValidationStarted validation:
                EndTurn(e.Timestamp);
                _validationStarted = e.Timestamp;
                _validation = Start("honk.validation", _session, e.Timestamp);
                _validation?.SetTag("honk.round", validation.Round);
                _validation?.SetTag("honk.validators", string.Join(",", validation.Validators));
                break;
            case ValidationCompleted validated:
                OnValidated(validated);
                break;
            case VerdictReached verdict:
                var review = Start($"honk.review {verdict.Judge}", _session, e.Timestamp);
                review?.SetTag("honk.judge", verdict.Judge);
                review?.SetTag("honk.verdict", verdict.Verdict.Approved ? "approved" : "vetoed");
                Stop(review, e.Timestamp);
                break;
            case DeliveryCompleted delivery:
                var deliver = Start($"honk.delivery {delivery.Result.Channel}", _session, e.Timestamp);
                deliver?.SetTag("honk.delivered", delivery.Result.Succeeded);
                if (!delivery.Result.Succeeded)
                {
                    deliver?.SetStatus(ActivityStatusCode.Error, delivery.Result.Message);
                }

                Stop(deliver, e.Timestamp);
                break;
            case FeedbackSent feedback:
                _session?.AddEvent(new ActivityEvent("feedback", e.Timestamp, new ActivityTagsCollection { ["honk.source"] = feedback.Source }));
                break;
            case BudgetExceeded budget:
                _session?.AddEvent(new ActivityEvent("budget_exceeded", e.Timestamp, new ActivityTagsCollection { ["honk.limit"] = budget.Limit }));
                break;
            case LoopDetected loop:
                _session?.AddEvent(new ActivityEvent("loop_detected", e.Timestamp, new ActivityTagsCollection { ["gen_ai.tool.name"] = loop.ToolName, ["honk.repeats"] = loop.Repeats }));
                break;
            case SessionCompleted completed:
                OnCompleted(completed);
                break;
        }
    }

    private void OnValidated(ValidationCompleted validated)
    {
        var passed = validated.Reports.All(r => r.Passed || r.Result.OnlyPreExistingFailures);
        if (_validation is { } span)
        {
            foreach (var report in validated.Reports)
            {
                span.AddEvent(new ActivityEvent("validator", validated.Timestamp, new ActivityTagsCollection { ["honk.validator"] = report.Name, ["honk.passed"] = report.Passed }));
            }

            span.SetTag("honk.passed", passed);
            if (!passed)
            {
                span.SetStatus(ActivityStatusCode.Error, "checks failed");
            }

        }

        if (_validationStarted is { } startedAt)
        {
            HonkTelemetry.ValidationDuration.Record((validated.Timestamp - startedAt).TotalSeconds, new KeyValuePair<string, object?>("passed", passed));
            _validationStarted = null;
        }

        End(ref _validation, validated.Timestamp);
    }

    private void OnCompleted(SessionCompleted completed)
    {
        var result = completed.Result;
        var status = result.Status.ToWireName();
        foreach (var tool in _tools.Values)
        {
            Stop(tool, completed.Timestamp);
        }

        _tools.Clear();
        End(ref _modelCall, completed.Timestamp);
        End(ref _validation, completed.Timestamp);
        EndTurn(completed.Timestamp);
        if (_session is { } session)
        {
            session.SetTag("honk.status", status);
            session.SetTag("honk.turns", result.Turns);
            session.SetTag("honk.tool_calls", result.ToolCalls);
            session.SetTag("gen_ai.usage.input_tokens", result.Usage.InputTokens);
            session.SetTag("gen_ai.usage.output_tokens", result.Usage.OutputTokens);
            session.SetTag("honk.cost_usd", (double)result.Usage.CostUsd);
            session.SetStatus(result.IsSuccess ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.IsSuccess ? null : Shorten(result.Message ?? status));
            Stop(session, completed.Timestamp);
        }

        var statusTag = new KeyValuePair<string, object?>("status", status);
        HonkTelemetry.Sessions.Add(1, statusTag);
        HonkTelemetry.SessionDuration.Record(result.Duration.TotalSeconds, statusTag);
        HonkTelemetry.SessionTurns.Record(result.Turns, statusTag);
        HonkTelemetry.Cost.Add((double)result.Usage.CostUsd, new KeyValuePair<string, object?>("gen_ai.request.model", _model));
    }

    private static void RecordUsage(SessionUsage usage)
    {
        HonkTelemetry.Tokens.Add(usage.InputTokens, new KeyValuePair<string, object?>("type", "input"));
        HonkTelemetry.Tokens.Add(usage.OutputTokens, new KeyValuePair<string, object?>("type", "output"));
        if (usage.CachedInputTokens > 0)
        {
            HonkTelemetry.Tokens.Add(usage.CachedInputTokens, new KeyValuePair<string, object?>("type", "cached"));
        }

        if (usage.CacheWriteInputTokens > 0)
        {
            HonkTelemetry.Tokens.Add(usage.CacheWriteInputTokens, new KeyValuePair<string, object?>("type", "cache_write"));
        }
    }

    private void EndTurn(DateTimeOffset at)
    {
        End(ref _modelCall, at);
        End(ref _turn, at);
    }

    private static void End(ref Activity? activity, DateTimeOffset at)
    {
        Stop(activity, at);
        activity = null;
    }

    /// <summary>
    /// Starts a span under an explicit parent at the event's time. Activity.Current is put back afterwards: the sink
    /// runs on the loop's async flow, and a span must never become the ambient parent of the loop's own work.
    /// </summary>
    private static Activity? Start(string name, Activity? parent, DateTimeOffset at, ActivityKind kind = ActivityKind.Internal)
    {
        var previous = Activity.Current;
        try
        {
            return parent is null
                ? HonkTelemetry.Source.StartActivity(kind, parentContext: default, startTime: at, name: name)
                : HonkTelemetry.Source.StartActivity(kind, parent.Context, startTime: at, name: name);
        }
        finally
        {
            Activity.Current = previous;
        }
    }

    private static void Stop(Activity? activity, DateTimeOffset at)
    {
        if (activity is null)
        {
            return;
        }

        var previous = Activity.Current;
        activity.SetEndTime(at.UtcDateTime < activity.StartTimeUtc ? activity.StartTimeUtc : at.UtcDateTime);
        activity.Stop();
        Activity.Current = previous;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
