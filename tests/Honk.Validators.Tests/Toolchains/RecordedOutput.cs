using System.Runtime.CompilerServices;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>Real tool output recorded into <c>Data/</c> beside this file (paths rewritten to <c>/home/dev/...</c>).</summary>
internal static class RecordedOutput
{
    public const string Root = "/home/dev/calc";

    public static string Read(string name) => File.ReadAllText(Path.Combine(DataFolder(), name));

    // Read from the source tree: the recordings stay plain files next to the tests without a project-file entry.
    private static string DataFolder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Data");
}
