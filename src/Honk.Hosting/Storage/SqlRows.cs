using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Honk.Hosting;

/// <summary>Commands, parameters and row mapping shared by the SQL backends.</summary>
internal static class SqlRows
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is the store's own text; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static SessionRecord ReadSession(DbDataReader reader)
    {
        var resultJson = NullableString(reader, 9);
        return new SessionRecord
        {
            Id = reader.GetString(0),
            Request = JsonSerializer.Deserialize<SessionRequest>(reader.GetString(1), HostingJson.Options)!,
            Branch = reader.GetString(2),
            Status = HostedSessionStatusNames.TryParse(reader.GetString(3), out var status) ? status : throw new InvalidDataException($"Unknown status '{reader.GetString(3)}'."),
            CreatedAt = Time(reader, 4)!.Value,
            UpdatedAt = Time(reader, 5)!.Value,
            StartedAt = Time(reader, 6),
            CompletedAt = Time(reader, 7),
            Attempts = (int)Long(reader, 8)!.Value,
            Result = resultJson is null ? null : JsonSerializer.Deserialize<SessionResult>(resultJson, HostingJson.Options),
            LastSequence = Long(reader, 10)!.Value,
            LeaseOwner = NullableString(reader, 11),
            LeaseExpiresAt = Time(reader, 12),
            CancelRequested = Long(reader, 13)!.Value != 0,
            Approval = new SessionApproval(ParseApproval(reader.GetString(14)))
            {
                By = NullableString(reader, 15),
                At = Time(reader, 16),
                Comment = NullableString(reader, 17),
            },
        };
    }

    public static EffectRecord ReadEffect(DbDataReader reader)
    {
        var state = reader.GetString(2) switch
        {
            "begun" => EffectState.Begun,
            "succeeded" => EffectState.Succeeded,
            "failed" => EffectState.Failed,
            var other => throw new InvalidDataException($"Unknown effect state '{other}'."),
        };
        return new EffectRecord(reader.GetString(0), reader.GetString(1), state)
        {
            BeganAt = Time(reader, 3)!.Value,
            CompletedAt = Time(reader, 4),
            Attempts = (int)Long(reader, 5)!.Value,
            OutcomeJson = NullableString(reader, 6),
        };
    }

    public static string ApprovalName(ApprovalState state) => state switch
    {
        ApprovalState.Pending => "pending",
        ApprovalState.Approved => "approved",
        ApprovalState.ChangesRequested => "changes_requested",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown approval state."),
    };

    /// <summary>The event's <c>type</c> discriminator, read from its JSON (written first by the serializer).</summary>
    public static string EventType(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("type", out var type) ? type.GetString() ?? "event" : "event";
    }

    private static ApprovalState ParseApproval(string text) => text switch
    {
        "approved" => ApprovalState.Approved,
        "changes_requested" => ApprovalState.ChangesRequested,
        _ => ApprovalState.Pending,
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long? Long(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(DbDataReader reader, int ordinal)
        => Long(reader, ordinal) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
