using System.Runtime.Versioning;
using Honk.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Honk.Hosting.Tests;

/// <summary>The host's state: private folder and files, replay ids that survive a restart, host ids, a damaged database.</summary>
[Trait("Category", "Security")]
[UnsupportedOSPlatform("windows")]
public sealed class HostStateSecurityTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;
    private readonly TemporaryDirectory _directory = new("honk-state");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public void DefaultPath_IsTheXdgStateFolder_NotTheCurrentFolder()
    {
        Assert.Equal("/x/state/honk", HonkStateFolder.DefaultPath(name => name switch { "XDG_STATE_HOME" => "/x/state", "HOME" => "/home/u", _ => null }));
        Assert.Equal("/home/u/.local/state/honk", HonkStateFolder.DefaultPath(name => name == "HOME" ? "/home/u" : null));

        // The XDG rule: a relative XDG_STATE_HOME is ignored.
        Assert.Equal("/home/u/.local/state/honk", HonkStateFolder.DefaultPath(name => name switch { "XDG_STATE_HOME" => "relative", "HOME" => "/home/u", _ => null }));
    }

    [Fact]
    public async Task Open_MakesTheFolder0700_AndKeyAndDatabase0600()
    {
        var state = HonkStateFolder.Open(_directory.Combine("state"));
        var key = state.ReadOrCreateSecret("link-signing.key");
        var store = new SqliteSessionStore(state.EnsurePrivateFile("honk.db"));
        await store.InitializeAsync(Ct);
        await store.CreateAsync("s1", new SessionRequest { Repository = "/r", Task = new CodingTask("t") }, "b", Ct);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(state.Path));
        Assert.Equal(64, key.Length);
        Assert.Equal(key, state.ReadOrCreateSecret("link-signing.key"));
        var files = Directory.GetFiles(state.Path);
        Assert.Contains(files, f => f.EndsWith("honk.db-wal", StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f} is {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public void Open_TightensAnExistingOpenFolderAndKey()
    {
        var path = Directory.CreateDirectory(_directory.Combine("old")).FullName;
        File.SetUnixFileMode(path, PrivateFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var keyFile = Path.Combine(path, "link-signing.key");
        File.WriteAllText(keyFile, new string('k', 64));
        File.SetUnixFileMode(keyFile, Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var state = HonkStateFolder.Open(path);

        Assert.Equal(PrivateFolder, File.GetUnixFileMode(path));
        Assert.Equal(Private, File.GetUnixFileMode(keyFile));
        Assert.Equal(new string('k', 64), state.ReadOrCreateSecret("link-signing.key"));
    }

    [Fact]
    public async Task ReplayIds_SurviveARestart_AndExpire()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var path = _directory.Combine("replay.db");
        var first = new SqliteSessionStore(path, time);
        await first.InitializeAsync(Ct);
        Assert.True(await first.TryRecordReplayIdAsync("github:delivery-1", time.GetUtcNow().AddDays(3), Ct));
        Assert.False(await first.TryRecordReplayIdAsync("github:delivery-1", time.GetUtcNow().AddDays(3), Ct));
        SqliteConnection.ClearAllPools();

        // A new process: a new store over the same file still knows the id.
        var restarted = new SqliteSessionStore(path, time);
        await restarted.InitializeAsync(Ct);
        Assert.False(await restarted.TryRecordReplayIdAsync("github:delivery-1", time.GetUtcNow().AddDays(3), Ct));
        Assert.True(await restarted.TryRecordReplayIdAsync("slack-event:Ev1", time.GetUtcNow().AddDays(3), Ct));

        time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        Assert.True(await restarted.TryRecordReplayIdAsync("github:delivery-1", time.GetUtcNow().AddDays(3), Ct));
    }

    [Fact]
    public void DefaultHostIds_AreDistinctAndNameTheProcess()
    {
        var first = new HonkHostOptions().HostId;
        var second = new HonkHostOptions().HostId;
        Assert.NotEqual(first, second);
        Assert.StartsWith($"{Environment.MachineName}-{Environment.ProcessId}-", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondHostWithDefaultId_DoesNotReleaseTheFirstHostsSessions()
    {
        var store = new SqliteSessionStore(_directory.Combine("two-hosts.db"));
        await store.InitializeAsync(Ct);
        var first = new HonkHost(store);
        var second = new HonkHost(store);
        Assert.NotEqual(first.Options.HostId, second.Options.HostId);
        await first.SubmitAsync(new SessionRequest { Repository = "/r", Task = new CodingTask("t") }, Ct);
        var claimed = await store.ClaimNextAsync(new SessionClaim(first.Options.HostId, TimeSpan.FromMinutes(5)), Ct);
        Assert.NotNull(claimed);

        // What a starting host does to recover its own sessions must not touch the other host's.
        Assert.Equal(0, await store.ReleaseLeasesAsync(second.Options.HostId, Ct));
        Assert.Null(await store.ClaimNextAsync(new SessionClaim(second.Options.HostId, TimeSpan.FromMinutes(5)), Ct));
        Assert.Equal(first.Options.HostId, (await store.GetAsync(claimed.Id, Ct))!.LeaseOwner);
    }

    [Fact]
    public async Task PageCorruptedDatabase_IsRefusedAtStartWithAClearError()
    {
        var path = _directory.Combine("corrupt.db");
        var store = new SqliteSessionStore(path);
        await store.InitializeAsync(Ct);
        for (var i = 0; i < 200; i++)
        {
            await store.CreateAsync($"s{i:0000}", new SessionRequest { Repository = "/r", Task = new CodingTask(new string('x', 400) + i) }, "b", Ct);
        }

        await CheckpointAsync(path);
        SqliteConnection.ClearAllPools();
        Corrupt(path, fromPage: 3, pages: 4);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteSessionStore(path).InitializeAsync(Ct));
        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("restore it from a backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotADatabase_IsRefusedAtStartWithAClearError()
    {
        var path = _directory.WriteFile("garbage.db", new string('g', 8192));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SqliteSessionStore(path).InitializeAsync(Ct));
        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SoundDatabase_PassesTheCheckAgain()
    {
        var path = _directory.Combine("sound.db");
        await new SqliteSessionStore(path).InitializeAsync(Ct);
        SqliteConnection.ClearAllPools();
        await new SqliteSessionStore(path).InitializeAsync(Ct);
    }

    private static async Task CheckpointAsync(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Ct);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await command.ExecuteNonQueryAsync(Ct);
    }

    /// <summary>Overwrites whole pages in the middle of the file, the way a torn write or a bad sector would.</summary>
    private static void Corrupt(string path, int fromPage, int pages)
    {
        const int PageSize = 4096;
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        Assert.True(file.Length >= (fromPage + pages) * PageSize, $"the database has only {file.Length} bytes");
        var garbage = new byte[PageSize * pages];
        new Random(12).NextBytes(garbage);
        file.Position = (fromPage - 1) * PageSize;
        file.Write(garbage);
    }
}
