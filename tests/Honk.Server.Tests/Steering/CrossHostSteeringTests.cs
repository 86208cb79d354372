using System.Net;
using Honk.Hosting;
using Npgsql;

namespace Honk.Server.Tests.Steering;

/// <summary>
/// Steering a session that another host process runs: host A claims the session and waits on its plan; host B, on the
/// same store, receives the message and the approval through its API; the session on A reads the message at its next
/// turn. Once on one SQLite file, once on one PostgreSQL database (skipped without <c>HONK_TEST_POSTGRES</c>).
/// </summary>
public sealed class CrossHostSteeringTests : IDisposable
{
    private readonly GitRepo _repo = new();
    private readonly string _data = Directory.CreateTempSubdirectory("honk-steer-hosts-").FullName;

    [Fact]
    public async Task AMessageSentToAnotherHostOnTheSameSqliteFile_ReachesTheSessionsNextTurn()
    {
        var file = Path.Combine(_data, "shared.db");
        await RunAcrossTwoHostsAsync(hosting => hosting.UseSqlite(file));
    }

    [Fact]
    public async Task AMessageSentToAnotherHostOnTheSamePostgreSqlDatabase_ReachesTheSessionsNextTurn()
    {
        var connectionString = Environment.GetEnvironmentVariable("HONK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Assert.Skip("Set HONK_TEST_POSTGRES to an Npgsql connection string to run the two-host PostgreSQL steering test.");
        }

        var schema = "honk_steer_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await RunAcrossTwoHostsAsync(hosting => hosting.UsePostgreSql(connectionString, schema));
        }
        finally
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task RunAcrossTwoHostsAsync(Action<IHonkHostingBuilder> useStore)
    {
        var ct = TestContext.Current.CancellationToken;
        var script = SteeringKit.WritePlanScript(_data);

        // Host A alone first, so that it is the one that claims the session.
        await using var a = await RealHostApp.StartAsync(Path.Combine(_data, "a"), _repo.Remote, _ => script, useStore, hostId: "host-a");
        var id = await a.Host.SubmitAsync(SteeringKit.PlannedSession(_repo.Remote, script, "slack:U_ASKER", new ApiOrigin("api")), ct);
        await SteeringKit.WaitForEventAsync<PlanProposed>(a, id);
        Assert.Equal("host-a", (await a.Host.GetAsync(id, ct))!.LeaseOwner);

        await using var b = await RealHostApp.StartAsync(Path.Combine(_data, "b"), _repo.Remote, _ => script, useStore, hostId: "host-b");
        using (var message = await b.Client.SendAsync(b.Api(HttpMethod.Post, $"api/sessions/{id}/messages", """{ "text": "Keep Total's signature as it is." }"""), ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, message.StatusCode);
        }

        using (var approve = await b.Client.SendAsync(b.Api(HttpMethod.Post, $"api/sessions/{id}/plan", """{ "approved": true, "feedback": "go" }"""), ct))
        {
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        }

        var record = await a.WaitForCompletionAsync(id, TimeSpan.FromMinutes(3));
        Assert.True(record.Status == HostedSessionStatus.Succeeded, await a.DescribeAsync(record));
        var decided = Assert.Single((await a.Host.Store.ReadEventsAsync(id, 0, 1000, ct)).OfType<PlanDecided>());
        Assert.Equal(("api:lead", true, "go"), (decided.DecidedBy, decided.Approved, decided.Feedback));
        await SteeringKit.AssertDeliveredAtTurnTwoAsync(a, id, "api:lead", "Keep Total's signature as it is.");

        // Ended: host B refuses what comes now, and no plan waits any more.
        using var late = await b.Client.SendAsync(b.Api(HttpMethod.Post, $"api/sessions/{id}/messages", """{ "text": "too late" }"""), ct);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    public void Dispose()
    {
        _repo.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
