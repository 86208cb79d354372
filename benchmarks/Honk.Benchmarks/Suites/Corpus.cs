namespace Honk.Benchmarks.Suites;

/// <summary>
/// The large real repository the search and workspace suites use: <c>/usr/include</c> and the Python 3.11 standard
/// library (without bytecode) copied into a temp folder and committed once. Reused while it exists.
/// </summary>
internal static class Corpus
{
    public static async Task<string> EnsureAsync()
    {
        var root = Path.Combine(Harness.Machine.TempRoot, "corpus");
        if (Directory.Exists(Path.Combine(root, ".git")))
        {
            var head = await Harness.Proc.RunAsync(root, "git", ["rev-parse", "--verify", "--quiet", "HEAD"]).ConfigureAwait(false);
            if (head.ExitCode == 0)
            {
                return root;
            }

            Directory.Delete(root, recursive: true);
        }

        var python = Directory.EnumerateDirectories("/usr/lib", "python3.*").Order(StringComparer.Ordinal).LastOrDefault()
            ?? throw new InvalidOperationException("no /usr/lib/python3.* to build the corpus from");
        Directory.CreateDirectory(root);
        Console.WriteLine($"building the corpus in {root} from /usr/include and {python} ...");
        var script = $"""
            set -e
            cp -r /usr/include include
            mkdir -p python
            (cd '{python}' && tar cf - --exclude=__pycache__ --exclude='*.pyc' .) | (cd python && tar xf -)
            git init -q -b main
            git -c user.name=bench -c user.email=bench@localhost add -A
            git -c user.name=bench -c user.email=bench@localhost commit -q -m corpus
            git gc -q
            """;
        await Harness.Proc.RunAsync(root, "/bin/sh", ["-c", script], check: true).ConfigureAwait(false);
        return root;
    }

    public static async Task DescribeAsync(string root)
    {
        var files = await Harness.Proc.RunAsync(root, "git", ["ls-files"]).ConfigureAwait(false);
        var size = await Harness.Proc.RunAsync(root, "du", ["-sh", "--exclude=.git", "."]).ConfigureAwait(false);
        var pack = await Harness.Proc.RunAsync(root, "git", ["count-objects", "-vH"]).ConfigureAwait(false);
        var packSize = pack.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("size-pack", StringComparison.Ordinal)) ?? "";
        Console.WriteLine($"corpus {root}: {files.StandardOutput.Count(c => c == '\n')} tracked files, {size.StandardOutput.Split('\t')[0]} checked out, {packSize}");
    }
}
