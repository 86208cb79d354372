using System.Text.RegularExpressions;

namespace Honk.Validators.Toolchains;

/// <summary>
/// Recognises a convenience Makefile: one whose recipes only drive a toolchain another validator runs itself
/// (<c>dotnet test</c>, <c>npm run</c>, <c>cargo test</c>, <c>go test</c>, <c>mvn</c>, <c>gradle</c>,
/// <c>python -m pytest</c>, <c>tox</c>, <c>poetry</c> …) beside that toolchain's project file, plus housekeeping
/// (<c>echo</c>, <c>rm</c>, <c>cd</c>, <c>$(call …)</c>, a recursive <c>$(MAKE)</c>). The dedicated validator runs the
/// checks the way the repository's CI does (scoped, offline, its failures parsed); the wrapper would run them a second
/// time, with its own network steps (<c>dotnet restore</c>, <c>pip install</c>) and release settings.
/// </summary>
/// <remarks>
/// A Makefile that calls a compiler or linker (<c>$(CC)</c>, <c>gcc</c>, <c>javac</c> …) or any program Honk does not
/// know builds something itself and stays the make validator's, as does one whose toolchain has no project file here.
/// </remarks>
internal static partial class ConvenienceMakefile
{
    private static readonly (string Toolchain, string[] ProjectFiles, string[] Drivers)[] Toolchains =
    [
        ("dotnet", [".sln", ".slnx", ".slnf", ".csproj", ".fsproj", ".vbproj"], ["dotnet"]),
        ("npm", ["package.json"], ["npm", "npx", "yarn", "pnpm", "corepack"]),
        ("cargo", ["Cargo.toml"], ["cargo"]),
        ("go", ["go.mod"], ["go", "gofmt"]),
        ("maven", ["pom.xml"], ["mvn", "mvnw"]),
        ("gradle", ["build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"], ["gradle", "gradlew"]),
        ("pytest", ["pyproject.toml", "setup.py", "setup.cfg", "tox.ini", "pytest.ini", "conftest.py"],
            // With the Python project's own linters, type checkers, docs and packaging tools (more-itertools' Makefile:
            // ruff, stubtest, sphinx-build, flit, twine beside `python -m unittest`; Python-Markdown's: mkdocs): none of
            // them builds or tests code the pytest validator would not, and here they are not even installed.
            ["python", "python3", "pytest", "pip", "pip3", "tox", "nox", "poetry", "uv", "uvx", "hatch", "pdm", "coverage",
                "ruff", "black", "isort", "flake8", "pylint", "mypy", "stubtest", "pyright", "sphinx-build", "mkdocs", "flit", "twine"]),
    ];

    private static readonly HashSet<string> Prefixes = new(StringComparer.Ordinal) { "env", "exec", "time", "nice", "command", "nohup" };

    private static readonly HashSet<string> Compilers = new(StringComparer.Ordinal)
    {
        "cc", "gcc", "g++", "c++", "clang", "clang++", "ld", "ar", "as", "nvcc", "javac", "rustc", "CC", "CXX", "AR", "LD", "AS", "CPP", "FC",
    };

    private static readonly HashSet<string> Housekeeping = new(StringComparer.Ordinal)
    {
        "echo", "printf", "rm", "mkdir", "rmdir", "cd", "pushd", "popd", "cp", "mv", "ln", "touch", "true", "false", ":", "set", "trap",
        "export", "unset", "test", "[", "[[", "exit", "if", "then", "else", "elif", "fi", "for", "do", "done", "while", "case", "esac",
        "find", "sort", "cat", "sleep", "make", "MAKE", "call", "info", "warning", "error", "eval", "foreach", "shell", "tee", "date",
    };

    /// <summary>The toolchain a Makefile only wraps, or <see langword="null"/> when it builds or runs something of its own.</summary>
    /// <param name="makefile">The Makefile's text.</param>
    /// <param name="folder">Its folder, repository-relative ('' for the root).</param>
    /// <param name="facts">The repository's files: the wrapped toolchain's project file must sit in the folder, below or above it.</param>
    /// <returns>The wrapped toolchain's validator name, e.g. <c>dotnet</c>.</returns>
    public static string? WrappedToolchain(string makefile, string folder, RepositoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(makefile);
        ArgumentNullException.ThrowIfNull(facts);
        string? wrapped = null;
        foreach (var program in Programs(makefile))
        {
            if (Housekeeping.Contains(program))
            {
                continue;
            }

            var driven = Toolchains.FirstOrDefault(t => t.Drivers.Contains(program, StringComparer.Ordinal) && HasProjectFile(t.ProjectFiles, folder, facts));
            if (driven.Toolchain is null)
            {
                // A compiler, a script of its own, a tool Honk does not know: the Makefile does work no other validator does.
                return null;
            }

            wrapped ??= driven.Toolchain;
        }

        return wrapped;
    }

    /// <summary>The program each command of each recipe starts (a make variable stands for the program it names).</summary>
    internal static IEnumerable<string> Programs(string makefile)
    {
        foreach (var recipe in RecipeLines(makefile))
        {
            // Quoted text is an argument (a logger's "console;verbosity=normal"), never a command separator.
            foreach (var command in CommandSeparators().Split(Quoted().Replace(recipe, "''")))
            {
                var words = Assignments().Replace(command.Trim().TrimStart('(', ' ', '@', '-', '+').TrimEnd(')', ' '), "");
                if (words.Length == 0 || words.StartsWith('#'))
                {
                    continue;
                }

                yield return ProgramOf(words);
            }
        }
    }

    private static string ProgramOf(string command)
    {
        if (Variable().Match(command) is { Success: true } variable)
        {
            var name = variable.Groups["name"].Value;
            if (Housekeeping.Contains(name) || Compilers.Contains(name))
            {
                return name;
            }

            // $(POETRY_BIN), $(PYTHON), ${DOTNET}: the variable names its program.
            var driver = Toolchains.SelectMany(t => t.Drivers).OrderByDescending(d => d.Length)
                .FirstOrDefault(d => name.Contains(d, StringComparison.OrdinalIgnoreCase));
            return driver ?? "$(" + name + ")";
        }

        var words = command.Split([' ', '\t'], 2);
        var program = words[0][(words[0].LastIndexOf('/') + 1)..];

        // env NO_COLOR=1 dotnet run, exec dotnet test, time make: the program is what the prefix runs.
        return Prefixes.Contains(program) && words.Length > 1 && Assignments().Replace(words[1].TrimStart(), "").Trim() is { Length: > 0 } rest
            ? ProgramOf(rest)
            : program;
    }

    private static IEnumerable<string> RecipeLines(string makefile)
    {
        var lines = makefile.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('\t'))
            {
                continue;
            }

            var line = lines[i];
            while (line.EndsWith('\\') && i + 1 < lines.Length)
            {
                line = line[..^1] + " " + lines[++i];
            }

            yield return line;
        }
    }

    private static bool HasProjectFile(string[] projectFiles, string folder, RepositoryFacts facts)
        => facts.Files.Any(file =>
        {
            var name = file[(file.LastIndexOf('/') + 1)..];
            if (!projectFiles.Any(p => p.StartsWith('.') ? name.EndsWith(p, StringComparison.OrdinalIgnoreCase) : name == p))
            {
                return false;
            }

            var fileFolder = file.Contains('/') ? file[..file.LastIndexOf('/')] : "";
            return IsInside(fileFolder, folder) || IsInside(folder, fileFolder);
        });

    private static bool IsInside(string folder, string outer)
        => outer.Length == 0 || folder == outer || folder.StartsWith(outer + "/", StringComparison.Ordinal);

    [GeneratedRegex(@"&&|\|\||[;|`]")]
    private static partial Regex CommandSeparators();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex Quoted();

    // FOO=bar BAR='' dotnet test: the assignments before a command.
    [GeneratedRegex(@"^(?:\w+=(?:""[^""]*""|'[^']*'|\S*)\s+)+")]
    private static partial Regex Assignments();

    // $(NAME …) or ${NAME}: a make variable or function at the start of a command.
    [GeneratedRegex(@"^\$[({](?<name>[\w.-]+)")]
    private static partial Regex Variable();
}
