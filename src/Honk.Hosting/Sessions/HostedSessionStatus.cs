using System.Text.Json.Serialization;

namespace Honk.Hosting;

/// <summary>Where a hosted session is in its life: queued, running, or one of the final <see cref="SessionStatus"/> values.</summary>
[JsonConverter(typeof(HostedSessionStatusJsonConverter))]
public enum HostedSessionStatus
{
    /// <summary>Waiting for a free slot. JSON: <c>queued</c>.</summary>
    Queued,

    /// <summary>A host holds its lease and runs it. JSON: <c>running</c>.</summary>
    Running,

    /// <summary>Final: see <see cref="SessionStatus.Succeeded"/>. JSON: <c>succeeded</c>.</summary>
    Succeeded,

    /// <summary>Final: see <see cref="SessionStatus.NoChanges"/>. JSON: <c>no_changes</c>.</summary>
    NoChanges,

    /// <summary>Final: see <see cref="SessionStatus.ValidationFailed"/>. JSON: <c>validation_failed</c>.</summary>
    ValidationFailed,

    /// <summary>Final: see <see cref="SessionStatus.Vetoed"/>. JSON: <c>vetoed</c>.</summary>
    Vetoed,

    /// <summary>Final: see <see cref="SessionStatus.BudgetExceeded"/>. JSON: <c>budget_exceeded</c>.</summary>
    BudgetExceeded,

    /// <summary>Final: see <see cref="SessionStatus.Failed"/>. JSON: <c>failed</c>.</summary>
    Failed,

    /// <summary>Final: cancelled before or while running. JSON: <c>cancelled</c>.</summary>
    Cancelled,
}
