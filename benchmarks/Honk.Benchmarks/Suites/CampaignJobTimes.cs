using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Honk.Benchmarks.Suites;

/// <summary>One job's times from the campaign store: when its worker started it and stored its outcome, and the session's own duration.</summary>
internal sealed record CampaignJobTimes(double JobMs, double SessionMs)
{
    public static async Task<IReadOnlyList<CampaignJobTimes>> ReadAsync(string campaignId, string? postgres, string sqlitePath)
    {
        DbConnection connection = postgres is null ? new SqliteConnection($"Data Source={sqlitePath}") : new NpgsqlConnection(postgres);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            var command = connection.CreateCommand();
            await using (command.ConfigureAwait(false))
            {
                command.CommandText = "SELECT started_at, completed_at, result_json FROM honk_campaign_repositories WHERE campaign_id = @id AND started_at IS NOT NULL AND completed_at IS NOT NULL";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@id";
                parameter.Value = campaignId;
                command.Parameters.Add(parameter);
                var times = new List<CampaignJobTimes>();
                var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        var job = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) - Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                        using var result = JsonDocument.Parse(reader.GetString(2));
                        var duration = result.RootElement.TryGetProperty("duration", out var d) && TimeSpan.TryParse(d.GetString(), CultureInfo.InvariantCulture, out var span) ? span.TotalMilliseconds : 0;
                        times.Add(new CampaignJobTimes(job, duration));
                    }
                }

                return times;
            }
        }
    }
}
