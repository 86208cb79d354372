namespace Honk.Tools.Tests.Commands;

/// <summary>
/// The host's NuGet folders come from NuGet's own configuration rules (read in-process, no <c>dotnet</c> started):
/// a configured global packages folder and fallback folders count; the default is <c>~/.nuget/packages</c>.
/// </summary>
public sealed class ToolchainFoldersTests
{
    [Fact]
    public void Discover_ReadsTheGlobalPackagesAndFallbackFoldersFromTheNuGetConfiguration()
    {
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        var global = Directory.CreateDirectory(home.Combine("packages-here")).FullName;
        var fallback = Directory.CreateDirectory(home.Combine("offline-feed")).FullName;
        // A configuration in the folder lookups start from applies, as it does for `dotnet nuget locals` run there.
        File.WriteAllText(home.Combine("NuGet.Config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{global}" /></config>
              <fallbackPackageFolders><add key="offline" value="{fallback}" /></fallbackPackageFolders>
            </configuration>
            """);

        var folders = ToolchainFolders.Discover(name => name == "HOME" ? home.Path : null);

        Assert.Equal([global, fallback], folders.NuGetPackageFolders);
        Assert.Equal(global + ";" + fallback, folders.Environment["RestoreAdditionalProjectFallbackFolders"]);
    }

    [Fact]
    public void Discover_NuGetPackagesInTheEnvironment_WinsOverTheConfiguration()
    {
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        var configured = Directory.CreateDirectory(home.Combine("configured")).FullName;
        var fromEnvironment = Directory.CreateDirectory(home.Combine("from-env")).FullName;
        File.WriteAllText(home.Combine("NuGet.Config"), $"""<configuration><config><add key="globalPackagesFolder" value="{configured}" /></config></configuration>""");

        var folders = ToolchainFolders.Discover(name => name switch { "HOME" => home.Path, "NUGET_PACKAGES" => fromEnvironment, _ => null });

        Assert.Equal([fromEnvironment], folders.NuGetPackageFolders);
    }

    [Fact]
    public void Discover_UnreadableConfiguration_StillFindsTheDefaultFolder()
    {
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        var defaultFolder = Directory.CreateDirectory(home.Combine(".nuget/packages")).FullName;
        File.WriteAllText(home.Combine("NuGet.Config"), "<configuration><config>not xml");

        var folders = ToolchainFolders.Discover(name => name == "HOME" ? home.Path : null);

        Assert.Contains(defaultFolder, folders.NuGetPackageFolders);
    }

    [Fact]
    public void NuGetSettingsMatter_OnlyWhenAConfigurationCouldNameThePackageFolders()
    {
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        Func<string, string?> environment = name => name == "HOME" ? home.Path : null;

        // Package sources alone (what dotnet writes on first use) do not move the folders: NuGet's reader is not needed.
        Directory.CreateDirectory(home.Combine(".nuget/NuGet"));
        File.WriteAllText(home.Combine(".nuget/NuGet/NuGet.Config"), """<configuration><packageSources><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources></configuration>""");
        Assert.False(ToolchainFolders.NuGetSettingsMatter(environment, home.Path));

        // Fallback folders named in the environment, or either key in a file NuGet reads, send the lookup to NuGet.
        Assert.True(ToolchainFolders.NuGetSettingsMatter(name => name == "NUGET_FALLBACK_PACKAGES" ? "/opt/feed" : environment(name), home.Path));
        Directory.CreateDirectory(home.Combine(".nuget/NuGet/config"));
        File.WriteAllText(home.Combine(".nuget/NuGet/config/extra.config"), """<configuration><fallbackPackageFolders><add key="a" value="/opt/a" /></fallbackPackageFolders></configuration>""");
        Assert.True(ToolchainFolders.NuGetSettingsMatter(environment, home.Path));
        File.Delete(home.Combine(".nuget/NuGet/config/extra.config"));
        File.WriteAllText(home.Combine("nuget.config"), """<configuration><config><add key="globalPackagesFolder" value="/opt/packages" /></config></configuration>""");
        Assert.True(ToolchainFolders.NuGetSettingsMatter(environment, home.Path));
    }

    [Fact]
    public void Discover_WithoutPackageFolderSettings_FindsWhatNuGetsReaderFinds()
    {
        // The default folder and NUGET_PACKAGES, found without NuGet's reader, are the folders the reader finds.
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        var defaultFolder = Directory.CreateDirectory(home.Combine(".nuget/packages")).FullName;
        var fromEnvironment = Directory.CreateDirectory(home.Combine("from-env")).FullName;
        File.WriteAllText(home.Combine("NuGet.Config"), """<configuration><packageSources><clear /></packageSources></configuration>""");
        Func<string, string?> plain = name => name == "HOME" ? home.Path : null;
        Func<string, string?> withPackages = name => name == "NUGET_PACKAGES" ? fromEnvironment : plain(name);
        Assert.False(ToolchainFolders.NuGetSettingsMatter(plain, home.Path));

        Assert.Equal([defaultFolder], ToolchainFolders.Discover(plain).NuGetPackageFolders);
        Assert.Equal([fromEnvironment], ToolchainFolders.Discover(withPackages).NuGetPackageFolders);

        // NuGet's own reader on the same home names no fallback folder, and its default global packages folder (from
        // the process's HOME, which is the home of ToolchainFolders.Host) unless this machine's own files name others.
        var processHome = Environment.GetEnvironmentVariable("HOME")!;
        if (ToolchainFolders.NuGetSettingsMatter(Environment.GetEnvironmentVariable, processHome))
        {
            return;
        }

        var settings = NuGet.Configuration.Settings.LoadDefaultSettings(home.Path);
        Assert.Empty(NuGet.Configuration.SettingsUtility.GetFallbackPackageFolders(settings));
        var expected = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p : Path.Combine(processHome, ".nuget", "packages");
        Assert.Equal(expected.TrimEnd('/'), NuGet.Configuration.SettingsUtility.GetGlobalPackagesFolder(settings).TrimEnd('/'));
    }

    [Fact]
    public void Discover_GradleUserHome_OffersItsDependencyCacheReadOnly_AndItsWrapperDistributions()
    {
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        var caches = Directory.CreateDirectory(home.Combine(".gradle/caches/modules-2")).Parent!.FullName;
        var distributions = Directory.CreateDirectory(home.Combine(".gradle/wrapper/dists/gradle-8.5-bin")).Parent!.FullName;

        var folders = ToolchainFolders.Discover(name => name == "HOME" ? home.Path : null);

        Assert.Contains(caches, folders.PackageCaches);
        Assert.Contains(distributions, folders.PackageCaches);
        Assert.Equal(caches, folders.Environment["GRADLE_RO_DEP_CACHE"]);
    }

    [Fact]
    public void Discover_GradleUserHomeFromTheEnvironment_WinsOverTheHomeFolder_AndAnEmptyOneOffersNothing()
    {
        using var home = new TempDirectory("honk-fake-home-", "/var/tmp");
        Directory.CreateDirectory(home.Combine(".gradle/native"));
        var elsewhere = Directory.CreateDirectory(home.Combine("gradle-home/caches/modules-2")).Parent!.FullName;

        var fromHome = ToolchainFolders.Discover(name => name == "HOME" ? home.Path : null);
        var fromEnvironment = ToolchainFolders.Discover(name => name switch { "HOME" => home.Path, "GRADLE_USER_HOME" => home.Combine("gradle-home"), _ => null });

        Assert.False(fromHome.Environment.ContainsKey("GRADLE_RO_DEP_CACHE"));
        Assert.DoesNotContain(fromHome.PackageCaches, p => p.Contains(".gradle", StringComparison.Ordinal));
        Assert.Equal(elsewhere, fromEnvironment.Environment["GRADLE_RO_DEP_CACHE"]);
    }

    /// <summary>
    /// A PATH entry is mounted only where software is installed (the home folder's known toolchains, <c>/opt</c>, the
    /// package managers' stores). A data root of any name (<c>/data</c>, <c>/work</c>, <c>/scratch</c>) never is: the
    /// old rule listed one machine's data root and mounted <c>/data/tools</c> for <c>/data/tools/bin</c>.
    /// </summary>
    [Theory]
    [InlineData("/opt/go/bin", "/opt/go")]
    [InlineData("/opt/hostedtoolcache/node/20.1.0/x64/bin", "/opt/hostedtoolcache/node/20.1.0/x64")]
    [InlineData("/nix/store/abc-nodejs-20/bin", "/nix/store/abc-nodejs-20")]
    [InlineData("/home/dev/.dotnet/tools", "/home/dev/.dotnet")]
    [InlineData("/home/dev/.pyenv/shims", null)]
    [InlineData("/home/dev", null)]
    [InlineData("/usr/local/bin", null)]
    [InlineData("/opt/bin", null)]
    [InlineData("/data/tools/bin", null)]
    [InlineData("/work/sdk/bin", null)]
    [InlineData("/scratch/ci/node_modules/.bin", null)]
    [InlineData("/srv/app/bin", null)]
    [InlineData("/tmp/x/bin", null)]
    public void ToolchainFolderOf_OnlyWhereSoftwareIsInstalled_NeverADataRootOfAnyName(string pathEntry, string? mounted)
        => Assert.Equal(mounted, ToolchainFolders.ToolchainFolderOf(pathEntry, "/home/dev"));
}
