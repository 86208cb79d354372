namespace Honk.Cli.Tests.Outcomes;

/// <summary>
/// One toolchain family's fixtures for the outcome rules, written here: a <c>calc</c> project whose <c>add</c>
/// subtracts (its test fails), and a <c>strings</c> project, unrelated, whose test fails too (on the base, so
/// tolerated). Each project lives in its own folder with its own project file, the layout the validators treat as
/// separate projects.
/// </summary>
/// <param name="Name">The family, as in test names.</param>
/// <param name="Tools">Programs that must be on PATH for the family to run here.</param>
/// <param name="Calc">The files of the calc project (relative to the repository root), with the bug.</param>
/// <param name="Strings">The files of the strings project, whose test fails.</param>
/// <param name="CalcSource">The file holding the bug.</param>
/// <param name="Bug">The buggy line, exactly.</param>
/// <param name="Fix">The line that fixes it.</param>
/// <param name="Comment">A comment line in the source's language.</param>
/// <param name="StringsFix">The strings project's fix: file, old text, new text.</param>
/// <param name="CalcTestName">A part of the calc test's name the validator reports.</param>
/// <param name="StringsTestName">A part of the strings test's name the validator reports.</param>
/// <param name="NoTests">Files of a repository that has tests its runner does not run.</param>
public sealed partial record ToolchainFamily(
    string Name,
    string[] Tools,
    Dictionary<string, string> Calc,
    Dictionary<string, string> Strings,
    string CalcSource,
    string Bug,
    string Fix,
    string Comment,
    (string File, string Old, string New) StringsFix,
    string CalcTestName,
    string StringsTestName,
    Dictionary<string, string>? NoTests)
{
    /// <summary>Why the family cannot run here although its programs are installed (e.g. no offline package repository), or <see langword="null"/>.</summary>
    public Func<string?>? Unavailable { get; init; }

    /// <summary>
    /// Files that point the toolchain at this machine's offline package repository (e.g. Maven's <c>.mvn/maven.config</c>),
    /// written into every repository of the family; asked for only when the family can run (<see cref="Unavailable"/> said nothing).
    /// </summary>
    public Func<Dictionary<string, string>>? EnvironmentFiles { get; init; }

    /// <summary>
    /// Variables for the <c>honk run</c> process of this family (e.g. where this machine keeps its offline packages), or
    /// <see langword="null"/>. They reach the sandbox only as Honk itself passes them on (it mounts NuGet's folders
    /// read-only, never a folder a repository's own configuration names).
    /// </summary>
    public Dictionary<string, string?>? RunEnvironment { get; init; }

    /// <summary>How long one <c>honk run</c> of this family may take (a cold .NET or JVM build on a busy machine is slow).</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public override string ToString() => Name;

    public static IReadOnlyList<ToolchainFamily> All { get; } =
    [
        Npm,
        Pnpm,
        Yarn,
        new(
            "go",
            ["go"],
            new()
            {
                ["calc/go.mod"] = "module example.com/calc\n\ngo 1.19\n",
                ["calc/calc.go"] = "package calc\n\n// Add returns the sum.\nfunc Add(a, b int) int {\n\treturn a - b\n}\n",
                ["calc/calc_test.go"] = "package calc\n\nimport \"testing\"\n\nfunc TestAddSmallNumbers(t *testing.T) {\n\tif got := Add(2, 3); got != 5 {\n\t\tt.Fatalf(\"Add(2, 3) = %d, want 5\", got)\n\t}\n}\n",
            },
            new()
            {
                ["strings/go.mod"] = "module example.com/strs\n\ngo 1.19\n",
                ["strings/shout.go"] = "package strs\n\n// Shout returns s in capitals.\nfunc Shout(s string) string {\n\treturn s\n}\n",
                ["strings/shout_test.go"] = "package strs\n\nimport \"testing\"\n\nfunc TestShoutCapitals(t *testing.T) {\n\tif got := Shout(\"hi\"); got != \"HI\" {\n\t\tt.Fatalf(\"Shout(hi) = %q, want HI\", got)\n\t}\n}\n",
            },
            "calc/calc.go",
            "\treturn a - b",
            "\treturn a + b",
            "\t// the sum",
            ("strings/shout.go", "\treturn s\n", "\treturn \"HI\"\n"),
            "TestAddSmallNumbers",
            "TestShoutCapitals",
            new()
            {
                ["go.mod"] = "module example.com/calc\n\ngo 1.19\n",
                ["calc.go"] = "package calc\n\n// Add returns the sum.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n",
                ["calc_test.go"] = "//go:build integration\n\npackage calc\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(2, 3) != 5 {\n\t\tt.Fatal(\"want 5\")\n\t}\n}\n",
            }),
        new(
            "cargo",
            ["cargo"],
            new()
            {
                ["calc/Cargo.toml"] = "[package]\nname = \"calc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
                ["calc/src/lib.rs"] = "/// Adds two numbers.\npub fn add(a: i32, b: i32) -> i32 {\n    a - b\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn adds_small_numbers() {\n        assert_eq!(super::add(2, 3), 5);\n    }\n}\n",
            },
            new()
            {
                ["strings/Cargo.toml"] = "[package]\nname = \"strs\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
                ["strings/src/lib.rs"] = "/// Shouts.\npub fn shout(s: &str) -> String {\n    s.to_string()\n}\n\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn shouts_in_capitals() {\n        assert_eq!(super::shout(\"hi\"), \"HI\");\n    }\n}\n",
            },
            "calc/src/lib.rs",
            "    a - b",
            "    a + b",
            "    // the sum",
            ("strings/src/lib.rs", "    s.to_string()", "    s.to_uppercase()"),
            "adds_small_numbers",
            "shouts_in_capitals",
            new()
            {
                ["Cargo.toml"] = "[package]\nname = \"calc\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[features]\nslow = []\n",
                ["src/lib.rs"] = "pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n",
                ["tests/add.rs"] = "#![cfg(feature = \"slow\")]\n#[test]\nfn adds() {\n    assert_eq!(calc::add(2, 3), 5);\n}\n",
            }),
        new(
            "cmake",
            ["cmake", "ctest", "cc"],
            new()
            {
                ["calc/CMakeLists.txt"] = "cmake_minimum_required(VERSION 3.10)\nproject(calc C)\nenable_testing()\nadd_library(calc calc.c)\nadd_executable(test_calc test_calc.c)\ntarget_link_libraries(test_calc calc)\nadd_test(NAME calc_adds_small_numbers COMMAND test_calc)\n",
                ["calc/calc.c"] = "int add(int a, int b) {\n    return a - b;\n}\n",
                ["calc/test_calc.c"] = "#include <stdio.h>\nint add(int a, int b);\nint main(void) {\n    if (add(2, 3) != 5) { printf(\"FAIL: add(2, 3) = %d, want 5\\n\", add(2, 3)); return 1; }\n    return 0;\n}\n",
            },
            new()
            {
                ["strings/CMakeLists.txt"] = "cmake_minimum_required(VERSION 3.10)\nproject(strs C)\nenable_testing()\nadd_executable(test_shout test_shout.c)\nadd_test(NAME strs_shouts_in_capitals COMMAND test_shout)\n",
                ["strings/test_shout.c"] = "#include <stdio.h>\nstatic int shouted(void) { return 0; }\nint main(void) {\n    if (!shouted()) { printf(\"FAIL: not in capitals\\n\"); return 1; }\n    return 0;\n}\n",
            },
            "calc/calc.c",
            "    return a - b;",
            "    return a + b;",
            "    /* the sum */",
            ("strings/test_shout.c", "return 0; }\nint main", "return 1; }\nint main"),
            "calc_adds_small_numbers",
            "strs_shouts_in_capitals",
            new()
            {
                ["CMakeLists.txt"] = "cmake_minimum_required(VERSION 3.10)\nproject(calc C)\nenable_testing()\nadd_library(calc calc.c)\n",
                ["calc.c"] = "int add(int a, int b) {\n    return a + b;\n}\n",
                ["tests/test_calc.c"] = "int add(int a, int b);\nint main(void) { return add(2, 3) == 5 ? 0 : 1; }\n",
            }),
        new(
            "make",
            ["make", "cc"],
            new()
            {
                ["calc/Makefile"] = "test: test_calc\n\t./test_calc\n\ntest_calc: calc.c test_calc.c\n\tcc -o test_calc calc.c test_calc.c\n",
                ["calc/calc.c"] = "int add(int a, int b) {\n    return a - b;\n}\n",
                ["calc/test_calc.c"] = "#include <stdio.h>\nint add(int a, int b);\nint main(void) {\n    if (add(2, 3) != 5) { printf(\"FAIL calc_adds_small_numbers: add(2, 3) = %d, want 5\\n\", add(2, 3)); return 1; }\n    return 0;\n}\n",
            },
            new()
            {
                ["strings/Makefile"] = "test: test_shout\n\t./test_shout\n\ntest_shout: test_shout.c\n\tcc -o test_shout test_shout.c\n",
                ["strings/test_shout.c"] = "#include <stdio.h>\nstatic int shouted(void) { return 0; }\nint main(void) {\n    if (!shouted()) { printf(\"FAIL strs_shouts_in_capitals: not in capitals\\n\"); return 1; }\n    return 0;\n}\n",
            },
            "calc/calc.c",
            "    return a - b;",
            "    return a + b;",
            "    /* the sum */",
            ("strings/test_shout.c", "return 0; }\nint main", "return 1; }\nint main"),
            "test_calc",
            "test_shout",

            // A test/ folder makes the test target (not declared .PHONY) "up to date": make runs nothing.
            new()
            {
                ["calc.c"] = "int add(int a, int b) {\n    return a + b;\n}\n",
                ["Makefile"] = "all: calc.o\n\ncalc.o: calc.c\n\tcc -c calc.c\n\ntest:\n\tcc -o test_calc calc.c test/test_calc.c && ./test_calc\n",
                ["test/test_calc.c"] = "int add(int a, int b);\nint main(void) { return add(2, 3) == 5 ? 0 : 1; }\n",
            }),
        new(
            "pytest",
            ["python3"],
            new()
            {
                ["calc/pytest.ini"] = "[pytest]\n",
                ["calc/calc.py"] = "def add(a, b):\n    return a - b\n",
                ["calc/test_calc.py"] = "from calc import add\n\n\ndef test_adds_small_numbers():\n    assert add(2, 3) == 5\n",
            },
            new()
            {
                ["strings/pytest.ini"] = "[pytest]\n",
                ["strings/shout.py"] = "def shout(s):\n    return s\n",
                ["strings/test_shout.py"] = "from shout import shout\n\n\ndef test_shouts_in_capitals():\n    assert shout(\"hi\") == \"HI\"\n",
            },
            "calc/calc.py",
            "    return a - b",
            "    return a + b",
            "    # the sum",
            ("strings/shout.py", "    return s\n", "    return s.upper()\n"),
            "test_adds_small_numbers",
            "test_shouts_in_capitals",
            new()
            {
                ["pytest.ini"] = "[pytest]\n",
                ["calc.py"] = "def add(a, b):\n    return a + b\n",
                ["tests/check_calc.py"] = "from calc import add\n\n\ndef test_adds():\n    assert add(2, 3) == 5\n",
            }),
        Dotnet,
        Maven,
        Gradle,
    ];

    /// <summary>What every fixture ignores, as real repositories do: build outputs are not part of a change.</summary>
    public const string GitIgnore = "target/\nbuild/\n.honk/\nnode_modules/\n__pycache__/\n.pytest_cache/\n*.o\ntest_calc\ntest_shout\nCargo.lock\nbin/\nobj/\n.gradle/\n";

    /// <summary>The calc project with the bug fixed, and the strings project fixed too: every check passes.</summary>
    public Dictionary<string, string> Passing()
    {
        var files = new Dictionary<string, string>(Calc) { [CalcSource] = Calc[CalcSource].Replace(Bug, Fix, StringComparison.Ordinal), [".gitignore"] = GitIgnore };
        foreach (var (path, text) in Strings)
        {
            files[path] = path == StringsFix.File ? text.Replace(StringsFix.Old, StringsFix.New, StringComparison.Ordinal) : text;
        }

        return WithEnvironment(files);
    }

    /// <summary>Both projects, both tests failing.</summary>
    public Dictionary<string, string> Failing()
        => WithEnvironment(new[] { Calc, Strings, new() { [".gitignore"] = GitIgnore } }.SelectMany(d => d).ToDictionary(p => p.Key, p => p.Value));

    /// <summary>The repository whose tests the runner does not run, or <see langword="null"/> when the family cannot tell.</summary>
    public Dictionary<string, string>? NoTestsRepository()
        => NoTests is null ? null : WithEnvironment(new Dictionary<string, string>(NoTests) { [".gitignore"] = GitIgnore });

    private Dictionary<string, string> WithEnvironment(Dictionary<string, string> files)
    {
        foreach (var (path, text) in EnvironmentFiles?.Invoke() ?? [])
        {
            files[path] = text;
        }

        return files;
    }
}
