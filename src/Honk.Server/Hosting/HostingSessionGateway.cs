using System.Runtime.CompilerServices;
using System.Text.Json;
using Honk.Hosting;

namespace Honk.Server;

/// <summary>The <see cref="ISessionGateway"/> over Honk.Hosting's <see cref="HonkHost"/>: durable sessions, events and effects ledger.</summary>
public sealed class HostingSessionGateway : ISessionGateway
{
    private readonly HonkHost _host;

    /// <summary>Creates the gateway.</summary>
    /// <param name="host">The host whose store and runner it uses.</param>
    public HostingSessionGateway(HonkHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
    }

    /// <inheritdoc />
    public async ValueTask<SessionView> SubmitAsync(SessionSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var s = submission.Source;
        Honk.Hosting.SessionOrigin origin = s switch
        {
            { Kind: "slack", SlackChannel: { } channel } => new SlackOrigin(channel, s.SlackThreadTs, s.Requester),
            { Kind: "github", GitHubRepository: { } repo, GitHubIssue: { } number } when repo.Contains('/', StringComparison.Ordinal)
                => new GitHubOrigin(repo[..repo.IndexOf('/', StringComparison.Ordinal)], repo[(repo.IndexOf('/', StringComparison.Ordinal) + 1)..], number, s.Requester),
            _ => new ApiOrigin(s.Kind),
        };
        var request = new SessionRequest
        {
            Repository = submission.Repository, Task = submission.Task, BaseRef = submission.BaseRef, Requester = s.Requester, Origin = origin,
            ParentSessionId = submission.ParentSessionId,
        };
        if (submission.ParentSessionId is { } parentId && await _host.GetAsync(parentId, cancellationToken).ConfigureAwait(false) is { } parent)
        {
            request = FollowUp(request, parent);
        }

        if (ConfigureRequest is { } configure)
        {
            request = configure(submission, request) ?? throw new InvalidOperationException($"{nameof(ConfigureRequest)} returned null.");
        }

        var id = await _host.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
        var record = await _host.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"Session {id} vanished after submit.");
        return ToView(record, submission.Source, submission.ParentSessionId);
    }

    /// <summary>
    /// The host's last say over each request before it is queued: the model, judge model, delivery or branch the
    /// server's endpoints do not choose (they come from the host's <see cref="SessionComposerOptions"/> otherwise).
    /// It receives the submission and the request built from it (a follow-up's already carries its parent's settings).
    /// </summary>
    public Func<SessionSubmission, SessionRequest, SessionRequest>? ConfigureRequest { get; init; }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<SessionView>> ListAsync(int limit, CancellationToken cancellationToken = default)
        => [.. (await _host.ListAsync(new SessionQuery { Limit = limit }, cancellationToken).ConfigureAwait(false)).Select(r => ToView(r))];

    /// <inheritdoc />
    public async ValueTask<SessionView?> GetAsync(string sessionId, CancellationToken cancellationToken = default)
        => await _host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is { } r ? ToView(r) : null;

    /// <inheritdoc />
    public async IAsyncEnumerable<AgentEvent> ReadEventsAsync(string sessionId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (await _host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false) is null)
        {
            yield break;
        }

        await foreach (var e in _host.WatchAsync(sessionId, afterSequence, cancellationToken).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> CancelAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var record = await _host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.Status.IsFinal())
        {
            return false;
        }

        return await _host.CancelAsync(sessionId, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public async ValueTask<string?> GetDiffAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var record = await _host.GetAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record?.Result is not { Commit: { } commit } || !Directory.Exists(record.Request.Repository))
        {
            return record?.Result is null ? null : "";
        }

        // Delivery leaves one folded commit per round on the base: its own diff is the round's change.
        var (exit, output) = await GitProcess.RunAsync(record.Request.Repository, ["diff", "--no-color", commit + "~1", commit], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return exit == 0 ? output : null;
    }

    /// <inheritdoc />
    public async ValueTask<EffectOutcome> RunEffectOnceAsync(string sessionId, string effectKey, Func<CancellationToken, ValueTask<string>> effect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var store = _host.Store;
        if (!await store.TryBeginEffectAsync(sessionId, effectKey, cancellationToken).ConfigureAwait(false))
        {
            var existing = await GetEffectAsync(sessionId, effectKey, cancellationToken).ConfigureAwait(false);
            return existing is { Succeeded: true } ? existing with { AlreadyDone = true } : new EffectOutcome(false, "This action is already in progress, or was interrupted; check the target before retrying.");
        }

        try
        {
            var detail = await effect(cancellationToken).ConfigureAwait(false);
            await store.CompleteEffectAsync(sessionId, effectKey, true, JsonSerializer.Serialize(detail), CancellationToken.None).ConfigureAwait(false);
            return new EffectOutcome(true, detail);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException)
        {
            await store.CompleteEffectAsync(sessionId, effectKey, false, JsonSerializer.Serialize(ex.Message), CancellationToken.None).ConfigureAwait(false);
            return new EffectOutcome(false, ex.Message);
        }
    }

    /// <inheritdoc />
    public async ValueTask<EffectOutcome?> GetEffectAsync(string sessionId, string effectKey, CancellationToken cancellationToken = default)
    {
        var record = await _host.Store.GetEffectAsync(sessionId, effectKey, cancellationToken).ConfigureAwait(false);
        if (record is null || record.State == EffectState.Begun)
        {
            return null;
        }

        var detail = record.OutcomeJson is { } json ? JsonSerializer.Deserialize<string>(json) ?? "" : "";
        return new EffectOutcome(record.State == EffectState.Succeeded, detail);
    }

    /// <summary>
    /// A follow-up round continues its parent's work: the same model, judge and delivery, starting from the parent's
    /// delivered branch and delivering to that same branch, so the change under review grows there instead of forking.
    /// Each round still runs in a fresh worktree (the host re-creates workspaces per attempt).
    /// </summary>
    private static SessionRequest FollowUp(SessionRequest request, SessionRecord parent)
    {
        var branch = parent.Result?.Branch ?? parent.Branch;
        return request with
        {
            Model = parent.Request.Model,
            JudgeModel = parent.Request.JudgeModel,
            Delivery = parent.Request.Delivery,
            Branch = branch,
            BaseRef = request.BaseRef ?? branch,
        };
    }

    private static SessionView ToView(SessionRecord record, SessionSource? source = null, string? parent = null) => new()
    {
        Id = record.Id,
        Repository = record.Request.Repository,
        Task = record.Request.Task,
        CreatedAt = record.CreatedAt,
        Result = record.Result,
        ParentSessionId = parent ?? record.Request.ParentSessionId,
        State = record.Status switch { HostedSessionStatus.Queued => SessionState.Queued, HostedSessionStatus.Running => SessionState.Running, _ => SessionState.Completed },
        Source = source ?? record.Request.Origin switch
        {
            SlackOrigin s => new SessionSource { Kind = "slack", Requester = record.Request.Requester ?? s.User, SlackChannel = s.Channel, SlackThreadTs = s.ThreadTs },
            GitHubOrigin g => new SessionSource { Kind = "github", Requester = record.Request.Requester ?? g.Login, GitHubRepository = $"{g.Owner}/{g.Repository}", GitHubIssue = g.Number },
            ApiOrigin a => new SessionSource { Kind = a.Client ?? "api", Requester = record.Request.Requester ?? "api" },
            _ => new SessionSource { Kind = "api", Requester = record.Request.Requester ?? "api" },
        },
    };
}
