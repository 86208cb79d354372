using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Stands in for the install a src-layout project's CI does before its tests (<c>pip install -e .</c>, tox, uv): with
/// the sources only on <c>PYTHONPATH</c>, a test or the package itself asking for its own distribution
/// (<c>importlib.metadata.version("pkg")</c>) fails with <c>PackageNotFoundError</c>. Honk cannot install offline, so
/// it writes the smallest <c>.dist-info</c> that answers that question — name and version from
/// <c>pyproject.toml</c>'s <c>[project]</c> table — into its scratch folder, which goes on <c>PYTHONPATH</c> too.
/// The project's entry points (<c>[project.entry-points.'group']</c>, <c>[project.scripts]</c>) go beside them: a
/// package that finds its own plug-ins by entry point fails without them, in any layout (Python-Markdown loads its
/// extensions by name: 207 tests failed with <c>No module named 'md_in_html'</c>).
/// </summary>
internal static partial class PythonPackageMetadata
{
    /// <summary>The scratch sub-folder the <c>.dist-info</c> folder is written in.</summary>
    public const string FolderName = "python-metadata";

    /// <summary>
    /// Writes <c>&lt;name&gt;-&lt;version&gt;.dist-info/METADATA</c> for the project's <c>pyproject.toml</c> and returns the
    /// folder to put on <c>PYTHONPATH</c>; <see langword="null"/> when the file names no project.
    /// </summary>
    /// <param name="root">The workspace root.</param>
    /// <param name="folder">Where the files go (under Honk's scratch folder).</param>
    /// <returns>The folder, or <see langword="null"/>.</returns>
    public static string? Write(string root, string folder)
    {
        var pyproject = Path.Combine(root, "pyproject.toml");
        if (!File.Exists(pyproject) || Read(File.ReadAllText(pyproject)) is not { } project)
        {
            return null;
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var distInfo = Path.Combine(folder, $"{Normalise(project.Name)}-{project.Version}.dist-info");
        Directory.CreateDirectory(distInfo);
        File.WriteAllText(Path.Combine(distInfo, "METADATA"), $"Metadata-Version: 2.1\nName: {project.Name}\nVersion: {project.Version}\n");
        var entryPoints = EntryPointsFile(File.ReadAllText(pyproject));
        if (entryPoints.Length > 0)
        {
            File.WriteAllText(Path.Combine(distInfo, "entry_points.txt"), entryPoints);
        }

        return folder;
    }

    /// <summary>Whether the project declares entry points (then its metadata is needed whatever its layout).</summary>
    /// <param name="root">The workspace root.</param>
    /// <returns>True when <c>pyproject.toml</c> has an entry-points, scripts or gui-scripts table.</returns>
    public static bool DeclaresEntryPoints(string root)
    {
        var pyproject = Path.Combine(root, "pyproject.toml");
        return File.Exists(pyproject) && EntryPointsFile(File.ReadAllText(pyproject)).Length > 0;
    }

    /// <summary>
    /// The text of <c>entry_points.txt</c> for the project's entry-point tables: <c>[project.entry-points.'g']</c> as
    /// group <c>g</c>, <c>[project.scripts]</c> as <c>console_scripts</c>, <c>[project.gui-scripts]</c> as
    /// <c>gui_scripts</c>; empty when there are none.
    /// </summary>
    /// <param name="pyproject">The text of <c>pyproject.toml</c>.</param>
    /// <returns>The file's text.</returns>
    internal static string EntryPointsFile(string pyproject)
    {
        var text = new System.Text.StringBuilder();
        foreach (Match table in EntryPointTable().Matches(pyproject))
        {
            var group = table.Groups["group"].Success ? table.Groups["group"].Value.Trim('\'', '"')
                : table.Groups["scripts"].Value == "scripts" ? "console_scripts" : "gui_scripts";
            var entries = EntryLine().Matches(table.Groups["body"].Value)
                .Select(e => $"{e.Groups["name"].Value.Trim('\'', '"')} = {e.Groups["value"].Value.Trim()}").ToList();
            if (entries.Count > 0)
            {
                text.Append('[').Append(group).Append("]\n").AppendJoin('\n', entries).Append("\n\n");
            }
        }

        return text.ToString();
    }

    /// <summary>The name and version of <c>[project]</c>; a dynamic or missing version reads as <c>0</c>.</summary>
    /// <param name="pyproject">The text of <c>pyproject.toml</c>.</param>
    /// <returns>The two, or <see langword="null"/> without a <c>[project]</c> name.</returns>
    internal static (string Name, string Version)? Read(string pyproject)
    {
        var table = ProjectTable().Match(pyproject);
        if (!table.Success)
        {
            return null;
        }

        var body = table.Groups["body"].Value;
        var name = Key(body, "name");
        return name is null ? null : (name, Key(body, "version") ?? "0");
    }

    private static string? Key(string table, string key)
        => Regex.Match(table, $@"^\s*{key}\s*=\s*[""'](?<value>[^""'\r\n]+)[""']", RegexOptions.Multiline, TimeSpan.FromSeconds(1)) is { Success: true } match
            ? match.Groups["value"].Value.Trim()
            : null;

    /// <summary>A distribution name as a file name (PEP 427: runs of <c>-_.</c> become <c>_</c>).</summary>
    private static string Normalise(string name) => Separators().Replace(name, "_");

    [GeneratedRegex(@"^\[project\][ \t]*\r?\n(?<body>(?:(?!^\[).*\r?\n?)*)", RegexOptions.Multiline)]
    private static partial Regex ProjectTable();

    // [project.entry-points.'markdown.extensions'], [project.entry-points."x"], [project.entry-points.x], [project.scripts]
    [GeneratedRegex(@"^\[project\.(?:entry-points\.(?<group>'[^'\r\n]+'|""[^""\r\n]+""|[\w.-]+)|(?<scripts>scripts|gui-scripts))\][ \t]*\r?\n(?<body>(?:(?!^\[).*\r?\n?)*)", RegexOptions.Multiline)]
    private static partial Regex EntryPointTable();

    // abbr = 'markdown.extensions.abbr:AbbrExtension'
    [GeneratedRegex(@"^[ \t]*(?<name>[\w.-]+|'[^'\r\n]+'|""[^""\r\n]+"")[ \t]*=[ \t]*[""'](?<value>[^""'\r\n]+)[""']", RegexOptions.Multiline)]
    private static partial Regex EntryLine();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
