using System.Runtime;
using Honk.Workspaces.Git;

namespace Honk.Cli.Running;

/// <summary>
/// The runtime's multi-core JIT (<see cref="ProfileOptimization"/>) for the short commands: a run records which
/// methods it compiled, and the next run of the same command compiles them on a background thread before they are
/// needed. A <c>honk run</c> compiles ~2,300 generic methods over Honk's types that no ReadyToRun image can hold, one
/// after another on the session's path, while the second core mostly waits (docs/benchmarks.md, session cost; ADR
/// 0035). The profile lives in Honk's cache folder, one file per command and build of the CLI; a missing, unwritable
/// or damaged profile only means no head start. <c>HONK_JIT_PROFILE=0</c> turns it off.
/// </summary>
internal static class JitProfile
{
    /// <summary>The commands that are over in seconds: the ones whose start-up is their cost.</summary>
    private static readonly string[] ShortCommands = ["run", "demo", "prompt"];

    /// <summary>Starts recording (and playing back the last recording) for the command named by the first argument.</summary>
    public static void Start(IReadOnlyList<string> args)
    {
        try
        {
            if (Prepare(args, GitWorkspaceOptions.GetDefaultCacheRoot(), Environment.GetEnvironmentVariable("HONK_JIT_PROFILE")) is { } file)
            {
                ProfileOptimization.SetProfileRoot(Path.GetDirectoryName(file)!);
                ProfileOptimization.StartProfile(Path.GetFileName(file));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache folder that cannot be written costs the head start, never the run.
        }
    }

    /// <summary>
    /// The profile file of this command and build under <paramref name="cacheRoot"/> (its folder created, earlier
    /// builds' profiles of the command removed), or <see langword="null"/> when the command gets none.
    /// </summary>
    internal static string? Prepare(IReadOnlyList<string> args, string cacheRoot, string? switchValue)
    {
        if (args.Count == 0 || !ShortCommands.Contains(args[0]) || switchValue is "0" or "false")
        {
            return null;
        }

        var folder = Path.Combine(cacheRoot, "jit");
        var build = typeof(JitProfile).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var file = Path.Combine(folder, $"{args[0]}-{build}.profile");
        if (!File.Exists(file))
        {
            RemoveOtherBuilds(folder, args[0]);
        }

        Directory.CreateDirectory(folder);
        return file;
    }

    /// <summary>A new build of the CLI records anew: the profiles of earlier builds name methods it may not have.</summary>
    private static void RemoveOtherBuilds(string folder, string command)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var old in Directory.EnumerateFiles(folder, command + "-*.profile"))
        {
            try
            {
                File.Delete(old);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Another run of an older build may still be writing it; it goes next time.
            }
        }
    }
}
