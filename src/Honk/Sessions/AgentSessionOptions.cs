using Honk.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Honk;

/// <summary>Everything one <see cref="AgentSession"/> works with besides the model and the task.</summary>
public sealed class AgentSessionOptions
{
    /// <summary>The session's id; a new one (<c>yyyyMMdd-HHmmss-xxxxxx</c>) when <see langword="null"/>.</summary>
    public string? SessionId { get; set; }

    /// <summary>The workspace the tools act on. Without one the session can talk and call tools, but changes nothing it can deliver.</summary>
    public Workspace? Workspace { get; set; }

    /// <summary>The tools the model may call.</summary>
    public IList<AITool> Tools { get; } = [];

    /// <summary>The validators the stop gate runs when the model stops.</summary>
    public IList<Validator> Validators { get; } = [];

    /// <summary>Guards and judges, run in order after the stop gate passes; the first veto sends the model back.</summary>
    public IList<Judge> Judges { get; } = [];

    /// <summary>Delivery channels, run in order after approval.</summary>
    public IList<DeliveryChannel> DeliveryChannels { get; } = [];

    /// <summary>Sinks that see every event as it happens (transcript writers, stores); a failing sink never stops the session.</summary>
    public IList<IAgentEventSink> EventSinks { get; } = [];

    /// <summary>
    /// Writes a JSONL transcript of every event when set (redacted like every event, by <see cref="Redaction"/>). Keep
    /// its folder outside the workspace, or the transcript becomes part of the change.
    /// </summary>
    public Transcripts.TranscriptOptions? Transcript { get; set; }

    /// <summary>
    /// What the session's redactor removes from every event, the result, commit messages, pull requests and chat
    /// messages. By default: well-known secret formats, the workspace's <c>.env</c> values and secrets found in its
    /// files, and the host's secret-looking environment variables. Hosts add their own secrets (API keys, webhook
    /// secrets, tokens) to <see cref="Transcripts.RedactionOptions.Literals"/>.
    /// </summary>
    public Transcripts.RedactionOptions Redaction { get; set; } = new();

    /// <summary>
    /// The session's redactor, used as is when set (<see cref="Transcripts.SecretRedactor.None"/> turns redaction off);
    /// otherwise one is built from <see cref="Redaction"/> and the workspace when the session is created.
    /// </summary>
    public Transcripts.SecretRedactor? Redactor { get; set; }

    /// <summary>The loop's behaviour.</summary>
    public AgentLoopOptions Loop { get; set; } = new();

    /// <summary>The system prompt; a built-in default when <see langword="null"/>.</summary>
    public string? Instructions { get; set; }

    /// <summary>The first user message; <see cref="DefaultInstructions.TaskMessage"/> of the task when <see langword="null"/>.</summary>
    public string? TaskMessage { get; set; }

    /// <summary>A digest of the assembled instructions (system prompt and task message), for provenance.</summary>
    public string? PromptDigest { get; set; }

    /// <summary>The model id sent in <see cref="ChatOptions.ModelId"/> and used for pricing.</summary>
    public string? ModelId { get; set; }

    /// <summary>Prices per model, for the cost budget. Default: empty (cost 0).</summary>
    public ModelPriceTable Prices { get; set; } = ModelPriceTable.Empty;

    /// <summary>Runs commands in the sandbox, for tools and validators.</summary>
    public ICommandRunner? CommandRunner { get; set; }

    /// <summary>The branch name the caller asked for, passed to delivery.</summary>
    public string? BranchName { get; set; }

    /// <summary>Version of the prompt template that produced <see cref="Instructions"/>, for provenance.</summary>
    public string? PromptVersion { get; set; }

    /// <summary>Services handed to tools through <see cref="AIFunctionArguments.Services"/>.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>The clock. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Logging. Default: none.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// The session's inbox, for steering it from outside (messages, plan decisions, stop); a new one when
    /// <see langword="null"/>. Either way it is <see cref="AgentSession.Steering"/>. Use one inbox per session.
    /// </summary>
    public Steering.SessionInbox? Inbox { get; set; }

    /// <summary>Refuses tool calls before they run (planning sessions): the refusal the model reads, or null to run it.</summary>
    internal Func<string, AIFunction?, string?>? ToolGate { get; set; }

    /// <summary>Random source for retry jitter; tests pass a seeded one.</summary>
    public Random? Random { get; set; }
}
