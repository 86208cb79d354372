using Honk.Context;
using Honk.Execution;
using Microsoft.Extensions.AI;

namespace Honk.Sessions;

/// <summary>
/// The agent loop, written once as a stream of events: model turn, tool calls, results, and — when the model stops —
/// the stop gate, the judges and delivery. <see cref="AgentSession"/> wraps it so that whatever happens, the stream
/// ends with exactly one <see cref="SessionCompleted"/>.
/// </summary>
internal sealed partial class SessionRunner
{
    private readonly IChatClient _client;
    private readonly CodingTask _task;
    private readonly AgentSessionOptions _options;
    private readonly AgentLoopOptions _loop;
    private readonly TimeProvider _time;
    private readonly BudgetTracker _budget;
    private readonly ToolInvoker _tools;
    private readonly LoopDetector _loopDetector;
    private readonly List<ChatMessage> _messages = [];
    private readonly Steering.SessionInbox _inbox;
    private readonly Planning.PlanApprovalGate? _planGate;
    private bool _messagesHoldFinish;
    private readonly ChatOptions _chatOptions;
    private readonly Random _random;
    private readonly string? _modelId;
    private IReadOnlyList<ValidatorReport> _lastValidators = [];
    private Verdict? _lastVerdict;
    private string? _summary;
    private string? _notApplicableReason;
    private long _lastReportedInputTokens;
    private int _messagesAtLastReport;

    public SessionRunner(string sessionId, IChatClient client, CodingTask task, AgentSessionOptions options, Steering.SessionInbox inbox)
    {
        _inbox = inbox;
        SessionId = sessionId;
        _client = client;
        _task = task;
        _options = options;
        _loop = options.Loop;
        _time = options.TimeProvider;
        _random = options.Random ?? Random.Shared;
        _budget = new BudgetTracker(_loop.Budget.Intersect(task.Budget), _time);
        _loopDetector = new LoopDetector(_loop.LoopWarningThreshold, _loop.LoopFailureThreshold);
        _modelId = options.ModelId ?? (client.GetService(typeof(ChatClientMetadata)) as ChatClientMetadata)?.DefaultModelId;

        var tools = new List<AITool>(options.Tools);
        if (options.Validators.Count > 0 && !tools.Any(t => t.Name == ValidateTool.ToolName))
        {
            tools.Add(new ValidateTool());
        }

        ToolContext? context = options.Workspace is null ? null : new ToolContext(sessionId, task, options.Workspace)
        {
            CommandRunner = options.CommandRunner,
            RunValidators = RunValidatorsForToolAsync,
            ReportNotApplicable = reason => _notApplicableReason = string.IsNullOrWhiteSpace(reason) ? "not applicable" : reason,
        };
        if (task.RequirePlanApproval && !tools.Any(t => t.Name == Planning.PlanApprovalGate.ToolName))
        {
            _planGate = new Planning.PlanApprovalGate();
            tools.Add(_planGate.Tool);
        }

        _tools = new ToolInvoker(tools, _loop, context, options.Services, _time) { Gate = GateFor(options.ToolGate, _planGate) };
        _chatOptions = new ChatOptions
        {
            ModelId = options.ModelId,
            Tools = [.. _tools.Tools],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };
    }

    public string SessionId { get; }

    /// <summary>The session's redactor, handed to delivery channels for the texts they write.</summary>
    public ISecretRedactor Redactor { get; init; } = Transcripts.SecretRedactor.None;

    public Budget Budget => _budget.Budget;

    public string? ModelId => _modelId;

    public async IAsyncEnumerable<AgentEvent> RunAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _messages.Add(new ChatMessage(ChatRole.System, _options.Instructions ?? DefaultInstructions.SystemPrompt));
        var taskMessage = _options.TaskMessage ?? DefaultInstructions.TaskMessage(_task);
        _messages.Add(new ChatMessage(ChatRole.User, _planGate is null ? taskMessage : taskMessage + "\n" + Planning.PlanApprovalGate.Instructions));

        while (true)
        {
            if (_notApplicableReason is not null)
            {
                yield return await EndEarlyAsync(SessionStatus.NoChanges, $"Not applicable: {_notApplicableReason}").ConfigureAwait(false);
                yield break;
            }

            if (_budget.CheckBeforeTurn() is { } beforeTurn)
            {
                yield return beforeTurn;
                yield return await EndEarlyAsync(SessionStatus.BudgetExceeded, $"Budget exceeded: {beforeTurn.Detail}.").ConfigureAwait(false);
                yield break;
            }

            _budget.AddTurn();
            var turn = _budget.Turns;
            yield return new TurnStarted(turn);
            await _inbox.PullAsync(cancellationToken).ConfigureAwait(false);
            foreach (var delivered in DeliverMessages(turn))
            {
                yield return delivered;
            }

            if (CompactIfNeeded() is { } compacted)
            {
                yield return compacted;
            }

            var call = new ModelCallState();
            await foreach (var e in CallModelAsync(turn, call, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }

            if (call.Failure is not null)
            {
                yield return await EndEarlyAsync(SessionStatus.Failed, call.Failure).ConfigureAwait(false);
                yield break;
            }

            var response = call.Response!;
            var usage = UsageOf(response);
            _budget.AddUsage(usage);
            _messages.AddRange(response.Messages);
            if (response.Usage?.InputTokenCount is { } reported)
            {
                _lastReportedInputTokens = reported + (response.Usage.OutputTokenCount ?? 0);
                _messagesAtLastReport = _messages.Count;
            }

            var calls = CallsOf(response, turn);

            // Each call's canonical arguments are computed once: events, transcripts and the loop detector share them.
            var requests = new ToolCallRequest[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                requests[i] = ToRequest(calls[i]);
            }

            yield return new AssistantTurnCompleted(turn, NullIfEmpty(response.Text), requests, usage)
            {
                FinishReason = response.FinishReason?.Value,
                ModelId = response.ModelId,
            };

            if (_budget.CheckSpend() is { } spent)
            {
                yield return spent;
                yield return await EndEarlyAsync(SessionStatus.BudgetExceeded, $"Budget exceeded: {spent.Detail}.").ConfigureAwait(false);
                yield break;
            }

            if (calls.Count == 0)
            {
                await _inbox.PullAsync(cancellationToken).ConfigureAwait(false);
            }

            if (calls.Count == 0 && _inbox.HoldsFinish(turn + 1))
            {
                // A person wrote while the model was finishing: their message comes first, in another turn.
                _messagesHoldFinish = true;
                continue;
            }

            if (calls.Count == 0)
            {
                _summary = NullIfEmpty(response.Text) ?? _summary;
                var finish = new FinishState();
                await foreach (var e in FinishAsync(finish, cancellationToken).ConfigureAwait(false))
                {
                    yield return e;
                }

                if (finish.Feedback is null)
                {
                    yield break;
                }

                _messages.Add(new ChatMessage(ChatRole.User, finish.Feedback));
                continue;
            }

            var tools = new ToolRoundState();
            await foreach (var e in RunToolsAsync(turn, calls, requests, tools, cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }

            if (tools.Ended)
            {
                yield break;
            }

            await foreach (var e in AwaitPlanDecisionAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return e;
            }
        }
    }

    private ContextCompacted? CompactIfNeeded()
    {
        var window = _loop.ContextWindowTokens;
        var estimate = EstimateContextTokens();
        if (estimate <= window * _loop.CompactionThreshold)
        {
            return null;
        }

        var target = (long)(window * _loop.CompactionThreshold / 2);
        var count = ConversationCompactor.Compact(_messages, estimate, target, _loop.CompactionKeepRecentResults);
        if (count == 0)
        {
            return null;
        }

        // The provider's last figure no longer describes the shortened conversation.
        _lastReportedInputTokens = 0;
        return new ContextCompacted(count, estimate, EstimateContextTokens());
    }

    private long EstimateContextTokens()
    {
        if (_lastReportedInputTokens > 0 && _messagesAtLastReport <= _messages.Count)
        {
            var recent = _messages.GetRange(_messagesAtLastReport, _messages.Count - _messagesAtLastReport);
            return _lastReportedInputTokens + ConversationCompactor.EstimateTokens(recent);
        }

        return ConversationCompactor.EstimateTokens(_messages);
    }

    private SessionUsage UsageOf(ChatResponse response)
    {
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var cached = response.Usage?.CachedInputTokenCount ?? 0;
        var written = Models.CacheWrites.Of(response.Usage);
        var cost = _options.Prices.Cost(_modelId ?? response.ModelId, input, output, cached, written);
        return new SessionUsage(input, output, cost) { CachedInputTokens = cached, CacheWriteInputTokens = written };
    }

    private static List<FunctionCallContent> CallsOf(ChatResponse response, int turn)
    {
        var calls = new List<FunctionCallContent>();
        foreach (var message in response.Messages)
        {
            for (var i = 0; i < message.Contents.Count; i++)
            {
                if (message.Contents[i] is FunctionCallContent { InformationalOnly: false } call)
                {
                    if (string.IsNullOrEmpty(call.CallId))
                    {
                        // Some providers omit ids; results must still pair with their calls.
                        var named = new FunctionCallContent($"call_{turn}_{calls.Count + 1}", call.Name ?? string.Empty, call.Arguments)
                        {
                            Exception = call.Exception,
                            AdditionalProperties = call.AdditionalProperties,
                        };
                        message.Contents[i] = named;
                        call = named;
                    }

                    calls.Add(call);
                }
            }
        }

        return calls;
    }

    /// <summary>The call as recorded in events; a malformed call keeps its raw arguments so a replay reproduces it.</summary>
    private static ToolCallRequest ToRequest(FunctionCallContent call)
        => new(call.CallId, call.Name, call.Arguments is null && call.Exception is not null ? RawArguments(call) : CanonicalJson.Serialize(call.Arguments));

    private static string RawArguments(FunctionCallContent call)
        => call.AdditionalProperties?.TryGetValue(Scripting.ScriptedChatClient.RawArgumentsKey, out var raw) == true && raw is string text ? text : "null";

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed class ModelCallState
    {
        public ChatResponse? Response { get; set; }

        public string? Failure { get; set; }
    }

    private sealed class ToolRoundState
    {
        public bool Ended { get; set; }
    }

    private sealed class FinishState
    {
        public string? Feedback { get; set; }
    }
}
