using Honk.Testing;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class GradleWrapperDistributionsTests : IDisposable
{
    private readonly TemporaryDirectory _host = new("honk-gradle-host");
    private readonly TemporaryDirectory _session = new("honk-gradle-session");

    public void Dispose()
    {
        _host.Dispose();
        _session.Dispose();
    }

    [Fact]
    public void Link_AFinishedInstallOnTheHost_IsUsableFromTheSessionsHome_WithItsLockFileWritableThere()
    {
        _host.WriteFile("dists/gradle-8.5-bin/abc123/gradle-8.5/bin/gradle", "#!/bin/sh\n");
        _host.WriteFile("dists/gradle-8.5-bin/abc123/gradle-8.5-bin.zip", "zip");
        _host.WriteFile("dists/gradle-8.5-bin/abc123/gradle-8.5-bin.zip.ok", "");
        _host.WriteFile("dists/gradle-8.5-bin/abc123/gradle-8.5-bin.zip.lck", "");
        _host.WriteFile("dists/gradle-9.0-bin/def456/gradle-9.0-bin.zip.part", "half a download");

        var linked = Gradle(out var install);
        var again = Gradle(out _);

        Assert.Equal((1, 0), (linked, again));
        Assert.True(File.Exists(Path.Combine(install, "gradle-8.5", "bin", "gradle")));
        Assert.True(File.Exists(Path.Combine(install, "gradle-8.5-bin.zip.ok")));
        Assert.False(File.Exists(Path.Combine(install, "gradle-8.5-bin.zip.lck")));
        Assert.NotNull(new DirectoryInfo(Path.Combine(install, "gradle-8.5")).LinkTarget);
        Assert.False(Directory.Exists(_session.Combine("wrapper/dists/gradle-9.0-bin")), "an unfinished download is not offered");
        File.WriteAllText(Path.Combine(install, "gradle-8.5-bin.zip.lck"), "the wrapper's lock");
    }

    [Fact]
    public void Link_NoHostDistributions_LinksNothing()
        => Assert.Equal(0, GradleWrapperDistributions.Link(_host.Combine("missing"), _session.Path));

    private int Gradle(out string install)
    {
        install = _session.Combine("wrapper/dists/gradle-8.5-bin/abc123");
        return GradleWrapperDistributions.Link(_host.Combine("dists"), _session.Path);
    }
}
