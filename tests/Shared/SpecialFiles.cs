using System.Diagnostics;

namespace Honk.Testing.Shared;

/// <summary>Special files a user may name by mistake or malice, for the tests of every reader of named files.</summary>
internal static class SpecialFiles
{
    /// <summary>Creates a named pipe that no writer ever opens (skips the test where <c>mkfifo</c> is absent).</summary>
    /// <param name="path">Where.</param>
    /// <returns>The path.</returns>
    public static string MakeFifo(string path)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists("/usr/bin/mkfifo"), "needs mkfifo");
        using var process = Process.Start("/usr/bin/mkfifo", [path])!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return path;
    }
}
