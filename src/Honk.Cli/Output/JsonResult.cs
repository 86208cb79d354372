using System.Text.Json;
using System.Text.Json.Serialization;

namespace Honk.Cli.Output;

/// <summary>
/// The fixed <c>--json</c> contract: status, branch, commit, changedFiles, validators[name, passed, summary], turns,
/// usage[inputTokens, outputTokens, costUsd], transcript — plus a few extra fields a script may find useful.
/// </summary>
internal static partial class JsonResult
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,

        // Generated at build time: the reflection serializer's metadata cost more CPU than the one object it writes.
        TypeInfoResolver = JsonResultContext.Default,
    };

    public static string Render(SessionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var body = new Body(
            result.Status.ToWireName(),
            result.Branch,
            result.Commit,
            result.ChangedFiles,
            [.. result.Validators.Select(v => new ValidatorBody(v.Name, v.Passed, v.Summary))],
            result.Turns,
            new UsageBody(result.Usage.InputTokens, result.Usage.OutputTokens, result.Usage.CostUsd),
            result.Transcript)
        {
            SessionId = result.SessionId,
            Message = result.Message,
            Summary = result.Summary,
            PreExisting = result.PreExistingFailures,
            ToolCalls = result.ToolCalls,
            DurationSeconds = Math.Round(result.Duration.TotalSeconds, 2),
            Judge = result.Verdict is { } v ? new JudgeBody(v.Approved, v.Feedback) : null,
            Verdicts = [.. result.Verdicts.Select(r => new VerdictBody(r.Judge, r.Round, r.Verdict.Approved, r.Verdict.Feedback))],
            Deliveries = [.. result.Deliveries.Select(d => new DeliveryBody(d.Channel, d.Succeeded, d.Message, d.Branch, d.Url?.ToString(), d.PatchPath))],
            PromptVersion = result.PromptVersion,
            PromptDigest = result.PromptDigest,
        };
        return JsonSerializer.Serialize(body, Options);
    }

    public static string RenderError(string message)
        => JsonSerializer.Serialize(new ErrorBody("failed", message, [], [], 0, new UsageBody(0, 0, 0)), Options);

    private sealed record Body(
        string Status,
        string? Branch,
        string? Commit,
        IReadOnlyList<string> ChangedFiles,
        IReadOnlyList<ValidatorBody> Validators,
        int Turns,
        UsageBody Usage,
        string? Transcript)
    {
        public string? SessionId { get; init; }

        public string? Message { get; init; }

        public string? Summary { get; init; }

        /// <summary>Failures tolerated because the base already had them and they are not the session's business.</summary>
        public IReadOnlyList<string> PreExisting { get; init; } = [];

        public int ToolCalls { get; init; }

        public double DurationSeconds { get; init; }

        public JudgeBody? Judge { get; init; }

        public IReadOnlyList<VerdictBody> Verdicts { get; init; } = [];

        public IReadOnlyList<DeliveryBody> Deliveries { get; init; } = [];

        public string? PromptVersion { get; init; }

        public string? PromptDigest { get; init; }
    }

    /// <summary>The same names and rules as <see cref="Options"/> (camelCase, nulls written, indented).</summary>
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never, WriteIndented = true)]
    [JsonSerializable(typeof(Body))]
    [JsonSerializable(typeof(ErrorBody))]
    private sealed partial class JsonResultContext : JsonSerializerContext;

    private sealed record ErrorBody(string Status, string Error, IReadOnlyList<string> ChangedFiles, IReadOnlyList<ValidatorBody> Validators, int Turns, UsageBody Usage);

    private sealed record ValidatorBody(string Name, bool Passed, string Summary);

    private sealed record UsageBody(long InputTokens, long OutputTokens, decimal CostUsd);

    private sealed record JudgeBody(bool Approved, string? Feedback);

    private sealed record VerdictBody(string Judge, int Round, bool Approved, string? Feedback);

    private sealed record DeliveryBody(string Channel, bool Succeeded, string? Message, string? Branch, string? Url, string? PatchPath);
}
