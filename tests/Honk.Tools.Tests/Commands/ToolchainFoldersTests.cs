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
}
