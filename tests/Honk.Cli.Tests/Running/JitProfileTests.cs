using Honk.Cli.Running;
using Honk.Testing;

namespace Honk.Cli.Tests.Running;

/// <summary>
/// The short commands keep a multi-core JIT profile in Honk's cache folder, one per command and build; the long-lived
/// ones, an empty command line and <c>HONK_JIT_PROFILE=0</c> get none.
/// </summary>
public sealed class JitProfileTests : IDisposable
{
    private readonly TemporaryDirectory _cache = new();

    [Theory]
    [InlineData("run")]
    [InlineData("demo")]
    [InlineData("prompt")]
    public void A_short_command_gets_a_profile_of_its_own_in_the_cache_folder(string command)
    {
        var file = JitProfile.Prepare([command, "--json"], _cache.Path, switchValue: null);

        Assert.NotNull(file);
        Assert.Equal(Path.Combine(_cache.Path, "jit"), Path.GetDirectoryName(file));
        Assert.StartsWith(command + "-", Path.GetFileName(file), StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.GetDirectoryName(file)));
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("worker")]
    [InlineData("campaign")]
    [InlineData("mcp")]
    [InlineData("--help")]
    public void A_long_lived_command_or_anything_else_gets_none(string command)
        => Assert.Null(JitProfile.Prepare([command], _cache.Path, switchValue: null));

    [Theory]
    [InlineData("0")]
    [InlineData("false")]
    public void The_switch_turns_it_off(string value)
    {
        Assert.Null(JitProfile.Prepare(["run"], _cache.Path, value));
        Assert.False(Directory.Exists(Path.Combine(_cache.Path, "jit")));
    }

    [Fact]
    public void No_arguments_get_none() => Assert.Null(JitProfile.Prepare([], _cache.Path, switchValue: null));

    [Fact]
    public void A_new_build_removes_the_older_builds_profiles_of_the_same_command_only()
    {
        var stale = _cache.WriteFile("jit/run-000000000000.profile", "old");
        var otherCommand = _cache.WriteFile("jit/demo-000000000000.profile", "old");

        var file = JitProfile.Prepare(["run"], _cache.Path, switchValue: null);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(otherCommand));
        Assert.NotEqual(stale, file);
    }

    [Fact]
    public void Copies_left_by_runs_of_older_builds_go_with_their_profiles()
    {
        var staleCopy = _cache.WriteFile("jit/run-000000000000.profile.4242", "old");

        var file = JitProfile.Prepare(["run"], _cache.Path, switchValue: null)!;
        var ownCopy = JitProfile.RecordingFor(file, 4243);

        Assert.False(File.Exists(staleCopy));
        Assert.StartsWith(file, ownCopy, StringComparison.Ordinal);
        Assert.NotEqual(file, ownCopy);
    }

    [Fact]
    public void A_copy_of_this_build_is_removed_only_once_abandoned()
    {
        var shared = JitProfile.Prepare(["run"], _cache.Path, switchValue: null)!;
        var running = JitProfile.RecordingFor(shared, 4244);
        var abandoned = JitProfile.RecordingFor(shared, 4245);
        File.WriteAllText(running, "recording");
        File.WriteAllText(abandoned, "recording");
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));

        JitProfile.Prepare(["run"], _cache.Path, switchValue: null);

        Assert.True(File.Exists(running), "a copy another run may still be recording was removed");
        Assert.False(File.Exists(abandoned), "a copy left by a run that died hours ago was kept");
    }

    [Fact]
    public void This_builds_own_profile_is_kept_for_the_next_run()
    {
        var file = JitProfile.Prepare(["run"], _cache.Path, switchValue: null)!;
        File.WriteAllText(file, "recorded");

        Assert.Equal(file, JitProfile.Prepare(["run"], _cache.Path, switchValue: null));
        Assert.Equal("recorded", File.ReadAllText(file));
    }

    public void Dispose() => _cache.Dispose();
}
