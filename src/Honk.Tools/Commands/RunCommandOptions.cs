namespace Honk.Tools;

/// <summary>Options of the <c>run_command</c> tool.</summary>
public sealed class RunCommandOptions
{
    /// <summary>
    /// The default allow-list: read-only inspection tools, simple file utilities confined to the workspace by the
    /// sandbox, and the common build, test and lint tools of .NET, Node, C/C++, Rust, Go, Java and Python.
    /// </summary>
    public static IReadOnlyList<string> DefaultAllowedPrograms { get; } =
    [
        "rg", "ls", "cat", "head", "tail", "wc", "find", "grep", "egrep", "fgrep", "sed", "awk", "sort", "uniq", "cut",
        "tr", "diff", "cmp", "comm", "echo", "printf", "pwd", "true", "false", "test", "[", "basename", "dirname",
        "realpath", "readlink", "file", "stat", "du", "tree", "jq", "seq", "date", "sleep", "env", "which", "xargs", "tee",
        "mkdir", "touch", "cp", "mv", "rm",
        "dotnet", "msbuild",
        "npm", "node", "npx", "yarn", "pnpm", "tsc", "eslint", "prettier", "jest", "vitest",
        "make", "cmake", "ctest", "ninja", "gcc", "g++", "cc", "c++", "clang", "clang++",
        "cargo", "rustc", "rustfmt", "go", "gofmt",
        "mvn", "gradle", "gradlew", "mvnw", "java", "javac",
        "python", "python3", "pytest", "ruff", "mypy", "black", "flake8", "tox",
    ];

    /// <summary>
    /// The programs the model may start (matched on the file name, so <c>/usr/bin/rg</c> counts as <c>rg</c>). Shell
    /// built-ins such as <c>cd</c>, <c>export</c>, <c>test</c> and <c>echo</c> are always allowed; <c>eval</c>,
    /// <c>exec</c>, <c>source</c> and <c>trap</c> never are unless listed here. Default:
    /// <see cref="DefaultAllowedPrograms"/>.
    /// </summary>
    public ISet<string> AllowedPrograms { get; } = new SortedSet<string>(DefaultAllowedPrograms, StringComparer.Ordinal);

    /// <summary>The time limit of one command; the model cannot change it. Default: 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The sandbox used when the session's <see cref="ToolContext.CommandRunner"/> is not set (the tool then builds a
    /// <see cref="SandboxedCommandRunner"/> over the workspace with these options).
    /// </summary>
    public SandboxOptions Sandbox { get; set; } = new();

    /// <summary>The shell that runs the command line. Default: <c>/bin/bash</c> when present, else <c>/bin/sh</c>.</summary>
    public string Shell { get; set; } = File.Exists("/bin/bash") ? "/bin/bash" : "/bin/sh";
}
