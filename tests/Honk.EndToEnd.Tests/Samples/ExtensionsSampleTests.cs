using System.Diagnostics;

namespace Honk.EndToEnd.Tests.Samples;

/// <summary>
/// samples/02_extensions against the packed packages, as an app outside the repository would use them (the fixed
/// contract: <c>dotnet run --project samples/02_extensions</c> exits 0 printing <c>succeeded</c>). Needs the packages
/// `.ci/run` packs into artifacts/packages; skipped with a message when they are not there.
/// </summary>
public sealed class ExtensionsSampleTests
{
    [Fact]
    public async Task Samples_Extensions_RunsAgainstThePackedPackages_AndSucceeds()
    {
        var root = RepositoryRoot();
        var feed = Path.Combine(root, "artifacts", "packages");
        if (!Directory.Exists(feed) || Directory.GetFiles(feed, "Honk.Hosting.*.nupkg").Length == 0)
        {
            Assert.Skip($"No packed Honk packages in {feed}: run `dotnet pack Honk.sln -c Debug -o artifacts/packages` (or .ci/run) first.");
        }

        // The packages keep one preview version: drop the sample's copies of an older pack so this one is restored.
        var cache = Path.Combine(root, "artifacts", "sample-packages");
        if (Directory.Exists(cache))
        {
            foreach (var stale in Directory.GetDirectories(cache, "honk*"))
            {
                Directory.Delete(stale, recursive: true);
            }
        }

        var (exitCode, output, errors) = await RunAsync(root, "dotnet", ["run", "--project", "samples/02_extensions"], TestContext.Current.CancellationToken);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exitCode == 0, $"the sample exited {exitCode}:\n{output}\n{errors}");
        Assert.Equal("succeeded", lines[^1]);
        Assert.Contains(lines, l => l.StartsWith("tool      style_guide", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("validator no-todo: passed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("validator make: passed", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("delivery  release-note: release note for", StringComparison.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Honk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"Honk.sln not found above {AppContext.BaseDirectory}.");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string workingDirectory, string program, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
