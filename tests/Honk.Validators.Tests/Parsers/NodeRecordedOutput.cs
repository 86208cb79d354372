using System.Runtime.CompilerServices;

namespace Honk.Validators.Tests.Parsers;

/// <summary>
/// Real output of node runners (node:test, mocha, tape, ava 3/4/5/7, jest, vitest, uvu, plain node) recorded into
/// <c>Data/</c> beside this file: the same small failing test suite (a wrong sum, a wrong point in a nested suite, a
/// long banner whose difference is at its end), run with NO_COLOR=1 as the validator runs them. Paths are rewritten to
/// <see cref="Root"/>.
/// </summary>
internal static class NodeRecordedOutput
{
    public const string Root = "/home/dev/calc";

    /// <summary>The recording, with <see cref="Root"/> replaced by <paramref name="root"/> when given.</summary>
    public static string Read(string name, string? root = null)
    {
        var text = File.ReadAllText(Path.Combine(DataFolder(), name));
        return root is null ? text : text.Replace(Root, root, StringComparison.Ordinal);
    }

    // Read from the source tree: the recordings stay plain files next to the tests without a project-file entry.
    private static string DataFolder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Data");
}
