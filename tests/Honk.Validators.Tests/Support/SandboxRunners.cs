using Honk.Tools;

namespace Honk.Validators.Tests.Support;

/// <summary>Sandboxed runners as a host would configure them for validators: NuGet caches readable, network off.</summary>
internal static class SandboxRunners
{
    public static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public static SandboxedCommandRunner For(string root)
    {
        var options = new SandboxOptions { DefaultTimeout = TimeSpan.FromMinutes(3) };
        foreach (var path in new[] { NuGetPackages, "/opt/nuget/packages", "/usr/share/dotnet" }.Where(Directory.Exists))
        {
            options.ReadOnlyPaths.Add(path);
        }

        return new SandboxedCommandRunner(root, options);
    }

    public static async Task RequireBubblewrapAsync()
    {
        var reason = await SandboxedCommandRunner.GetUnavailableReasonAsync();
        if (reason is not null)
        {
            Assert.Skip($"bubblewrap is unavailable, so validators cannot run sandboxed here: {reason}");
        }
    }
}
