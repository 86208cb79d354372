namespace Honk.Prompting;

/// <summary>Maps file extensions to programming languages; data and prose formats are left out on purpose.</summary>
internal static class LanguageMap
{
    private static readonly Dictionary<string, string> Languages = new(StringComparer.OrdinalIgnoreCase)
    {
        [".cs"] = "C#", [".fs"] = "F#", [".fsx"] = "F#", [".vb"] = "Visual Basic", [".razor"] = "Razor", [".cshtml"] = "Razor",
        [".ts"] = "TypeScript", [".tsx"] = "TypeScript", [".mts"] = "TypeScript", [".cts"] = "TypeScript",
        [".js"] = "JavaScript", [".jsx"] = "JavaScript", [".mjs"] = "JavaScript", [".cjs"] = "JavaScript",
        [".vue"] = "Vue", [".svelte"] = "Svelte", [".py"] = "Python", [".pyi"] = "Python", [".go"] = "Go", [".rs"] = "Rust",
        [".java"] = "Java", [".kt"] = "Kotlin", [".kts"] = "Kotlin", [".scala"] = "Scala", [".groovy"] = "Groovy",
        [".c"] = "C", [".h"] = "C/C++ header", [".cc"] = "C++", [".cpp"] = "C++", [".cxx"] = "C++", [".hpp"] = "C++",
        [".hh"] = "C++", [".hxx"] = "C++", [".m"] = "Objective-C", [".mm"] = "Objective-C++", [".swift"] = "Swift",
        [".rb"] = "Ruby", [".php"] = "PHP", [".pl"] = "Perl", [".lua"] = "Lua", [".r"] = "R", [".jl"] = "Julia",
        [".dart"] = "Dart", [".ex"] = "Elixir", [".exs"] = "Elixir", [".erl"] = "Erlang", [".hs"] = "Haskell",
        [".clj"] = "Clojure", [".ml"] = "OCaml", [".zig"] = "Zig", [".sh"] = "Shell", [".bash"] = "Shell",
        [".ps1"] = "PowerShell", [".sql"] = "SQL", [".html"] = "HTML", [".css"] = "CSS", [".scss"] = "CSS", [".less"] = "CSS",
        [".proto"] = "Protocol Buffers", [".tf"] = "Terraform", [".sol"] = "Solidity",
    };

    public static string? Of(string path)
    {
        var extension = Path.GetExtension(path);
        return extension.Length > 0 && Languages.TryGetValue(extension, out var language) ? language : null;
    }

    public static IReadOnlyList<LanguageCount> Count(IEnumerable<string> files, int max)
        => [.. files.Select(Of).OfType<string>()
            .GroupBy(l => l, StringComparer.Ordinal)
            .Select(g => new LanguageCount(g.Key, g.Count()))
            .OrderByDescending(l => l.Files).ThenBy(l => l.Name, StringComparer.Ordinal)
            .Take(max)];
}
