using System.Globalization;
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
/// <remarks>
/// The runtime reads and rewrites the file it is given, so runs side by side would write one file at once: each run
/// plays and records a copy of its own, and <see cref="Stop"/> replaces the shared profile with it in one rename.
/// </remarks>
internal static class JitProfile
{
    /// <summary>The commands that are over in seconds: the ones whose start-up is their cost.</summary>
    private static readonly string[] ShortCommands = ["run", "demo", "prompt"];

    /// <summary>A copy older than this belongs to a run that died before <see cref="Stop"/>.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(1);

    private static (string Recording, string Shared)? _current;

    /// <summary>Starts recording (and playing back the last recording) for the command named by the first argument.</summary>
    public static void Start(IReadOnlyList<string> args)
    {
        try
        {
            if (Prepare(args, GitWorkspaceOptions.GetDefaultCacheRoot(), Environment.GetEnvironmentVariable("HONK_JIT_PROFILE")) is { } shared)
            {
                var recording = RecordingFor(shared, Environment.ProcessId);
                if (File.Exists(shared))
                {
                    // Dated now, not as the shared profile (a copy's age tells a live run's from a dead one's).
                    File.Copy(shared, recording, overwrite: true);
                    File.SetLastWriteTimeUtc(recording, DateTime.UtcNow);
                }

                ProfileOptimization.SetProfileRoot(Path.GetDirectoryName(recording)!);
                ProfileOptimization.StartProfile(Path.GetFileName(recording));
                _current = (recording, shared);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache folder that cannot be written costs the head start, never the run.
        }
    }

    /// <summary>Ends the recording (the runtime writes it now) and, when <paramref name="keep"/>, makes it the command's profile for the next run.</summary>
    /// <param name="keep">False for a run that did not get far (bad input): the last good profile stays.</param>
    public static void Stop(bool keep)
    {
        if (_current is not { } current)
        {
            return;
        }

        _current = null;
        try
        {
            ProfileOptimization.StartProfile(null);
            if (!File.Exists(current.Recording))
            {
                return;
            }

            if (keep)
            {
                File.Move(current.Recording, current.Shared, overwrite: true);
            }
            else
            {
                File.Delete(current.Recording);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next run records anew.
        }
    }

    /// <summary>
    /// The shared profile file of this command and build under <paramref name="cacheRoot"/> (its folder created,
    /// earlier builds' profiles of the command and copies older than an hour removed: a folder of a few files, listed
    /// in well under a millisecond), or <see langword="null"/> when the command gets none.
    /// </summary>
    internal static string? Prepare(IReadOnlyList<string> args, string cacheRoot, string? switchValue)
    {
        if (args.Count == 0 || !ShortCommands.Contains(args[0]) || switchValue is "0" or "false")
        {
            return null;
        }

        var folder = Path.Combine(cacheRoot, "jit");
        var build = typeof(JitProfile).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var shared = Path.Combine(folder, $"{args[0]}-{build}.profile");
        RemoveStale(folder, args[0], keep: shared);
        Directory.CreateDirectory(folder);
        return shared;
    }

    /// <summary>The run's own copy of <paramref name="shared"/>.</summary>
    internal static string RecordingFor(string shared, int processId)
        => string.Create(CultureInfo.InvariantCulture, $"{shared}.{processId}");

    /// <summary>
    /// A new build of the CLI records anew (the profiles of earlier builds name methods it may not have); a copy a run
    /// left behind when it died goes too.
    /// </summary>
    private static void RemoveStale(string folder, string command, string keep)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var old in Directory.EnumerateFiles(folder, command + "-*.profile*"))
        {
            var isCopy = !old.EndsWith(".profile", StringComparison.Ordinal);
            if (isCopy ? !old.StartsWith(keep, StringComparison.Ordinal) || DateTime.UtcNow - File.GetLastWriteTimeUtc(old) > Abandoned : old != keep)
            {
                try
                {
                    File.Delete(old);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another run may still be using it; it goes next time.
                }
            }
        }
    }
}
