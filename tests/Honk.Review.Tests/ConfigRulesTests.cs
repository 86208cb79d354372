namespace Honk.Review.Tests;

public sealed class ConfigRulesTests
{
    private const string Sln = """
        Microsoft Visual Studio Solution File, Format Version 12.00
        Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Calc", "src\Calc\Calc.csproj", "{11111111-1111-1111-1111-111111111111}"
        EndProject
        Project("{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}") = "Calc.Tests", "tests\Calc.Tests\Calc.Tests.csproj", "{22222222-2222-2222-2222-222222222222}"
        EndProject
        Global
        EndGlobal

        """;

    private const string Workflow = """
        name: ci
        on: [push]
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v3
              - run: dotnet build
              - name: Test
                run: dotnet test
              - run: npm run lint

        """;

    [Theory]
    [InlineData("Calc.sln", Sln, "test-project-dropped", "src\\Calc\\Calc.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Calc.Tests\", \"tests\\Calc.Tests\\Calc.Tests.csproj\", \"{22222222-2222-2222-2222-222222222222}\"\nEndProject", "src\\Calc\\Calc.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject")]
    [InlineData("Calc.slnx", "<Solution>\n  <Project Path=\"src/Calc/Calc.csproj\" />\n  <Project Path=\"tests/Calc.Tests/Calc.Tests.csproj\" />\n</Solution>\n", "test-project-dropped", "  <Project Path=\"tests/Calc.Tests/Calc.Tests.csproj\" />\n", "")]
    [InlineData(".github/workflows/ci.yml", Workflow, "ci-relaxed", "run: dotnet test", "run: dotnet test\n        continue-on-error: true")]
    [InlineData(".github/workflows/ci.yml", Workflow, "ci-relaxed", "      - run: npm run lint\n", "")]
    [InlineData(".github/workflows/ci.yml", Workflow, "ci-relaxed", "run: dotnet test", "run: dotnet test || true")]
    [InlineData("package.json", "{\n  \"scripts\": {\n    \"test\": \"jest\",\n    \"lint\": \"eslint .\"\n  }\n}\n", "checks-relaxed", "\"test\": \"jest\"", "\"test\": \"echo ok\"")]
    [InlineData("package.json", "{\n  \"scripts\": {\n    \"test\": \"jest\",\n    \"lint\": \"eslint .\"\n  }\n}\n", "checks-relaxed", "\"test\": \"jest\"", "\"test\": \"jest --passWithNoTests\"")]
    [InlineData("package.json", "{\n  \"scripts\": {\n    \"test\": \"jest\",\n    \"lint\": \"eslint .\"\n  }\n}\n", "checks-relaxed", "\"test\": \"jest\",\n    \"lint\": \"eslint .\"", "\"test\": \"jest\"")]
    [InlineData(".eslintrc.json", "{\n  \"rules\": {\n    \"no-unused-vars\": \"error\"\n  }\n}\n", "lint-relaxed", "\"error\"", "\"off\"")]
    [InlineData("eslint.config.js", "export default [{\n  rules: {\n    eqeqeq: ['error'],\n  },\n}];\n", "lint-relaxed", "['error']", "['warn']")]
    [InlineData("src/app.js", "const a = 1;\n", "lint-relaxed", "const a", "/* eslint-disable */\nconst a")]
    [InlineData(".editorconfig", "[*.cs]\ndotnet_diagnostic.CA2007.severity = warning\n", "lint-relaxed", "warning", "none")]
    [InlineData("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>\n</Project>\n", "lint-relaxed", ">true<", ">false<")]
    [InlineData("Directory.Build.props", "<Project>\n  <PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n  </PropertyGroup>\n</Project>\n", "lint-relaxed", "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n", "")]
    [InlineData("src/Calc/Calc.csproj", "<Project>\n  <PropertyGroup>\n    <NoWarn>$(NoWarn);CS1591</NoWarn>\n  </PropertyGroup>\n</Project>\n", "lint-relaxed", "CS1591<", "CS1591;CS8602<")]
    [InlineData("tsconfig.json", "{\n  \"compilerOptions\": {\n    \"strict\": true\n  }\n}\n", "lint-relaxed", "true", "false")]
    [InlineData("jest.config.js", "module.exports = {\n  coverageThreshold: {\n    global: {\n      branches: 80,\n      lines: 90,\n    },\n  },\n};\n", "coverage-lowered", "branches: 80", "branches: 50")]
    [InlineData("pyproject.toml", "[tool.coverage.report]\nfail_under = 90\n", "coverage-lowered", "90", "70")]
    [InlineData("setup.cfg", "[flake8]\nmax-line-length = 100\n", "lint-relaxed", "max-line-length = 100\n", "max-line-length = 100\nextend-ignore = E501\n")]
    public async Task FindViolations_RelaxedCheck_IsReported(string path, string before, string rule, string find, string replace)
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { [path] = before });
        Assert.Contains(find, before, StringComparison.Ordinal);
        repo.Write(path, before.Replace(find, replace, StringComparison.Ordinal));

        var violations = new TestIntegrityGuard().FindViolations(await repo.ParseAsync());

        var violation = Assert.Single(violations, v => v.Rule == rule);
        Assert.Equal(path, violation.Path);
        Assert.NotNull(violation.Line);
    }

    [Fact]
    public async Task FindViolations_CiDefinitionDeleted_IsReported()
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { [".github/workflows/ci.yml"] = Workflow });
        repo.Delete(".github/workflows/ci.yml");

        var violation = Assert.Single(new TestIntegrityGuard().FindViolations(await repo.ParseAsync()));

        Assert.Equal(("ci-relaxed", ".github/workflows/ci.yml"), (violation.Rule, violation.Path));
    }

    [Theory]
    [InlineData(".github/workflows/ci.yml", Workflow, "actions/checkout@v3", "actions/checkout@v4")]
    [InlineData(".github/workflows/ci.yml", Workflow, "run: dotnet test", "run: dotnet test --no-build")]
    [InlineData("Calc.sln", Sln, "Format Version 12.00", "Format Version 12.00\nProject(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"More.Tests\", \"tests\\More.Tests\\More.Tests.csproj\", \"{33333333-3333-3333-3333-333333333333}\"\nEndProject")]
    [InlineData("package.json", "{\n  \"version\": \"1.0.0\",\n  \"scripts\": {\n    \"test\": \"jest\"\n  }\n}\n", "1.0.0", "1.0.1")]
    [InlineData(".eslintrc.json", "{\n  \"rules\": {\n    \"no-unused-vars\": \"off\"\n  }\n}\n", "\"off\"", "\"error\"")]
    [InlineData("jest.config.js", "module.exports = {\n  coverageThreshold: {\n    global: {\n      branches: 80,\n    },\n  },\n};\n", "branches: 80", "branches: 85")]
    [InlineData(".eslintrc.json", "{\n  \"rules\": {\n    \"max-lines\": 300\n  }\n}\n", "300", "200")]
    [InlineData("src/Calc/Calc.csproj", "<Project>\n  <PropertyGroup>\n    <NoWarn>$(NoWarn);CS1591;CS8602</NoWarn>\n  </PropertyGroup>\n</Project>\n", "CS1591;CS8602<", "CS1591<")]
    public async Task FindViolations_HarmlessConfigChanges_AreNotReported(string path, string before, string find, string replace)
    {
        await using var repo = await GitDiffRepo.CreateAsync(new Dictionary<string, string> { [path] = before });
        repo.Write(path, before.Replace(find, replace, StringComparison.Ordinal));

        Assert.Empty(new TestIntegrityGuard().FindViolations(await repo.ParseAsync()));
    }
}
