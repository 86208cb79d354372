namespace Honk.Prompting;

/// <summary>
/// Finds build systems by their marker files at the root, up to two folders down, and in the folders that hold the
/// task's paths, and names the validator each activates. A monorepo's <c>web/package.json</c> counts; a vendored
/// <c>third_party/x/y/z/Makefile</c> does not.
/// </summary>
internal static class BuildSystemDetector
{
    private const int MaxDepth = 2;
    private const int MaxResults = 12;

    public static IReadOnlyList<BuildSystem> Detect(IReadOnlyList<string> files, IReadOnlyCollection<string> scopeFolders)
    {
        var byFolder = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var slash = file.LastIndexOf('/');
            var folder = slash < 0 ? string.Empty : file[..slash];
            if (Depth(folder) <= MaxDepth || scopeFolders.Any(s => IsAncestorOrSelf(folder, s)))
            {
                if (!byFolder.TryGetValue(folder, out var names))
                {
                    byFolder[folder] = names = new HashSet<string>(StringComparer.Ordinal);
                }

                names.Add(file[(slash + 1)..]);
            }
        }

        var found = new List<BuildSystem>();
        var dotnetFound = false;
        foreach (var (folder, names) in byFolder.OrderBy(p => Depth(p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            string At(string name) => folder.Length == 0 ? name : folder + "/" + name;

            // One .NET entry is enough: the dotnet validator builds the solution, not each project.
            var dotnetMarker = names.Where(n => n.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault()
                ?? names.Where(n => n.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || n.EndsWith(".fsproj", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault();
            if (dotnetMarker is not null && !dotnetFound)
            {
                found.Add(new BuildSystem(".NET", At(dotnetMarker), "dotnet"));
                dotnetFound = true;
            }

            if (names.Contains("package.json"))
            {
                var (name, validator) = names.Contains("pnpm-lock.yaml") ? ("pnpm", "pnpm")
                    : names.Contains("yarn.lock") ? ("Yarn", "yarn")
                    : ("npm", "npm");
                found.Add(new BuildSystem(name, At("package.json"), validator));
            }

            Add(found, names, At, "Cargo.toml", "Cargo", "cargo");
            Add(found, names, At, "go.mod", "Go modules", "go");
            Add(found, names, At, "pom.xml", "Maven", "maven");
            if (!Add(found, names, At, "build.gradle", "Gradle", "gradle"))
            {
                Add(found, names, At, "build.gradle.kts", "Gradle", "gradle");
            }

            Add(found, names, At, "CMakeLists.txt", "CMake", "cmake");
            if (!Add(found, names, At, "pytest.ini", "pytest", "pytest"))
            {
                Add(found, names, At, "pyproject.toml", "Python (pyproject)", "pytest");
            }

            Add(found, names, At, "Makefile", "Make", "make");
        }

        return [.. found.Take(MaxResults)];
    }

    private static bool Add(List<BuildSystem> found, HashSet<string> names, Func<string, string> at, string marker, string name, string validator)
    {
        if (!names.Contains(marker))
        {
            return false;
        }

        found.Add(new BuildSystem(name, at(marker), validator));
        return true;
    }

    private static int Depth(string folder) => folder.Length == 0 ? 0 : folder.Count(c => c == '/') + 1;

    private static bool IsAncestorOrSelf(string folder, string scope)
        => folder.Length == 0 || scope == folder || scope.StartsWith(folder + "/", StringComparison.Ordinal);
}
