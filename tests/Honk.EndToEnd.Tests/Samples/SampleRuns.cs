using System.Diagnostics;

namespace Honk.EndToEnd.Tests.Samples;

/// <summary>What the sample tests share: the repository root, the packed packages' check, and running <c>dotnet</c>.</summary>
internal static class SampleRuns
{
    /// <summary>The sample tests share the samples' package folder (they empty it of Honk first), so they run one at a time.</summary>
    public const string Collection = "packed samples";

    public static string RepositoryRoot()
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

    /// <summary>Why the samples cannot run here (no packed packages), or null.</summary>
    public static string? MissingPackages(string root)
    {
        var feed = Path.Combine(root, "artifacts", "packages");
        return !Directory.Exists(feed) || Directory.GetFiles(feed, "Honk.Hosting.*.nupkg").Length == 0
            ? $"No packed Honk packages in {feed}: run `dotnet pack Honk.sln -c Debug -o artifacts/packages` (or .ci/run) first."
            : null;
    }

    /// <summary>The packages keep one preview version: drop the samples' copies of an older pack so this one is restored.</summary>
    public static void DropStalePackages(string root)
    {
        var cache = Path.Combine(root, "artifacts", "sample-packages");
        if (Directory.Exists(cache))
        {
            foreach (var stale in Directory.GetDirectories(cache, "honk*"))
            {
                Directory.Delete(stale, recursive: true);
            }
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string workingDirectory, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
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
