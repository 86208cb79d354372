using System.Security.Cryptography;
using Honk.Hosting;
using Honk.Testing;

namespace Honk.Server.Tests.Security;

/// <summary>
/// The host names a session's branch from its task when the session is submitted, before any redactor exists: a token
/// pasted into the task must not become part of a branch name everybody with access to the repository sees.
/// </summary>
[Trait("Category", "Security")]
public sealed class BranchNameTests
{
    [Fact]
    public async Task Submit_TaskStartingWithTokens_BranchNameHoldsNoneOfThem()
    {
        using var folder = new TemporaryDirectory("honk-branch-names");
        var store = new SqliteSessionStore(folder.Combine("honk.db"));
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        var host = new HonkHost(store, new HonkHostOptions { HostId = "names" });
        var github = "ghp_" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 36);
        var aws = "AKIA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16);

        var id = await host.SubmitAsync(new SessionRequest { Repository = "/srv/shop", Task = new CodingTask($"{aws} {github} leaked: rotate them") }, TestContext.Current.CancellationToken);
        var branch = (await host.GetAsync(id, TestContext.Current.CancellationToken))!.Branch!;

        Assert.DoesNotContain(aws.ToLowerInvariant()[..12], branch, StringComparison.Ordinal);
        Assert.DoesNotContain(github[4..16], branch, StringComparison.Ordinal);
        Assert.StartsWith("honk/redacted-", branch, StringComparison.Ordinal);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
