using Honk.Testing;
using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

/// <summary>
/// A Maven reactor and a Gradle multi-project build with a failing test in two independent modules. Both toolchains
/// stop at the first module whose tests fail unless told otherwise, so the second module's tests never ran: a failure
/// already on the base in the first module then hid a failure the session planted in the second, and the session was
/// judged on the first alone (tolerated as pre-existing: <c>succeeded</c>). Every module's failures must be named.
/// </summary>
/// <remarks>
/// The builds run offline from Debian's Maven repository (<c>apt-get install maven gradle libsurefire-java junit4
/// libmaven-compiler-plugin-java libmaven-resources-plugin-java</c>), named in the fixture as a user would name it.
/// </remarks>
public sealed class JvmMultiModuleTests : IDisposable
{
    private const string DebianRepository = "/usr/share/maven-repo";

    private static readonly string[] MavenArtifacts =
    [
        "org/apache/maven/plugins/maven-resources-plugin/3.3.0",
        "org/apache/maven/plugins/maven-compiler-plugin/3.10.1",
        "org/apache/maven/plugins/maven-surefire-plugin/2.22.3",
        "junit/junit/4.13.2",
    ];

    private readonly TemporaryDirectory _project = new("honk-jvm-modules");

    public void Dispose() => _project.Dispose();

    [Theory]
    [InlineData("maven")]
    [InlineData("gradle")]
    public async Task FailingTestsInTwoModules_BothAreNamed_TheFirstDoesNotHideTheSecond(string toolchain)
    {
        var validator = await WriteBuildAsync(toolchain, new ValidatorOptions { RerunFailedTests = false });

        var result = await ToolchainSandbox.ValidateAsync(validator, _project.Path, TestContext.Current.CancellationToken);

        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Contains(result.Findings, f => f.TestName?.Contains("AlphaTest", StringComparison.Ordinal) == true);
        Assert.Contains(result.Findings, f => f.TestName?.Contains("BetaTest", StringComparison.Ordinal) == true);
    }

    /// <summary>A plain flaky test is re-run by name; a parameterised one (JUnit 4's <c>fits[1]</c>) by its method.</summary>
    [Theory]
    [InlineData("maven", "alpha.AlphaFlakyTest.commitsInTime")]
    [InlineData("gradle", "alpha.AlphaFlakyTest.commitsInTime")]
    [InlineData("maven", "alpha.AlphaSizeTest.fits[1]")]
    [InlineData("gradle", "alpha.AlphaSizeTest.fits[1]")]
    public async Task AFlakyTestIsRerunAndListed_ARealFailureStillBlocks(string toolchain, string flaky)
    {
        var validator = await WriteBuildAsync(toolchain);
        if (flaky.EndsWith(']'))
        {
            WriteFlakyParameterisedTest("alpha");
        }
        else
        {
            WriteFlakyTest("alpha");
        }

        var result = await ToolchainSandbox.ValidateAsync(validator, _project.Path, TestContext.Current.CancellationToken);

        AssertFlakyListedAndRealFailuresKept(result, flaky);
    }

    /// <summary>Both modules' <c>returnsOne</c> fail every time; alpha's flaky test fails only on its first run.</summary>
    private static void AssertFlakyListedAndRealFailuresKept(ValidationResult result, string flaky)
    {
        Assert.Equal(ValidationOutcome.Failed, result.Outcome);
        Assert.Equal(["alpha.AlphaTest.returnsOne", "beta.BetaTest.returnsOne"], result.Findings.Select(f => SurefireReports.Comparable(f.TestName!)).Order(StringComparer.Ordinal));
        Assert.Contains($"flaky (failed, then passed on re-run): {flaky}", result.Summary, StringComparison.Ordinal);
    }

    /// <summary>
    /// A Maven reactor (<paramref name="toolchain"/> <c>maven</c>) or a Gradle multi-project build of the two modules,
    /// run offline from Debian's repository, and its validator; skips when the toolchain cannot run.
    /// </summary>
    private async Task<CommandValidator> WriteBuildAsync(string toolchain, ValidatorOptions? options = null)
    {
        if (toolchain == "maven")
        {
            await WriteMavenReactorAsync();
            return new MavenValidator(options);
        }

        await WriteGradleBuildAsync();
        return new GradleValidator(options);
    }

    private async Task WriteMavenReactorAsync()
    {
        RequireDebianRepository(MavenArtifacts);
        await ToolchainSandbox.RequireAsync(_project.Path, "mvn", "-v");
        _project.WriteFile(".mvn/maven.config", $"-Dmaven.repo.local={DebianRepository}\n");
        _project.WriteFile("pom.xml", MavenParent);
        foreach (var module in Modules)
        {
            _project.WriteFile($"{module}/pom.xml", MavenModule(module));
            WriteModuleSources(module);
        }
    }

    private async Task WriteGradleBuildAsync()
    {
        RequireDebianRepository(["junit/junit/4.13.2"]);
        await ToolchainSandbox.RequireAsync(_project.Path, "gradle", "--version");
        _project.WriteFile("settings.gradle", "rootProject.name = 'shapes'\ninclude 'alpha', 'beta'\n");
        _project.WriteFile("build.gradle", """
            subprojects {
                apply plugin: 'java'
                repositories { mavenLocal() }
                dependencies { testImplementation 'junit:junit:4.13.2' }
            }

            """);
        _project.WriteFile("gradle.properties", $"systemProp.maven.repo.local={DebianRepository}\n");
        foreach (var module in Modules)
        {
            WriteModuleSources(module);
        }
    }

    private void WriteFlakyParameterisedTest(string module)
    {
        // JUnit 4 names its invocations fits[0] and fits[1]; the second fails the first time only.
        var type = char.ToUpperInvariant(module[0]) + module[1..];
        _project.WriteFile($"{module}/src/test/java/{module}/{type}SizeTest.java", $$"""
            package {{module}};

            import static org.junit.Assert.assertFalse;

            import java.io.File;
            import java.util.Arrays;
            import java.util.Collection;
            import org.junit.Test;
            import org.junit.runner.RunWith;
            import org.junit.runners.Parameterized;

            @RunWith(Parameterized.class)
            public class {{type}}SizeTest {
                @Parameterized.Parameters
                public static Collection<Object[]> sizes() {
                    return Arrays.asList(new Object[][] { { 1 }, { 2 } });
                }

                private final int size;

                public {{type}}SizeTest(int size) {
                    this.size = size;
                }

                @Test
                public void fits() throws Exception {
                    assertFalse("timed out", size == 2 && new File("ran-once").createNewFile());
                }
            }

            """);
    }

    private void WriteFlakyTest(string module)
    {
        // It fails the first time only (it leaves a mark in the module's folder), as a timing-dependent test does under load.
        var type = char.ToUpperInvariant(module[0]) + module[1..];
        _project.WriteFile($"{module}/src/test/java/{module}/{type}FlakyTest.java", $$"""
            package {{module}};

            import static org.junit.Assert.assertFalse;

            import java.io.File;
            import org.junit.Test;

            public class {{type}}FlakyTest {
                @Test
                public void commitsInTime() throws Exception {
                    assertFalse("timed out", new File("ran-once").createNewFile());
                }
            }

            """);
    }

    private static readonly string[] Modules = ["alpha", "beta"];

    private void WriteModuleSources(string module)
    {
        var type = char.ToUpperInvariant(module[0]) + module[1..];
        _project.WriteFile($"{module}/src/main/java/{module}/{type}.java", $"package {module};\n\npublic final class {type} {{\n    public static int one() {{\n        return 2;\n    }}\n}}\n");
        _project.WriteFile($"{module}/src/test/java/{module}/{type}Test.java", $"package {module};\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class {type}Test {{\n    @Test\n    public void returnsOne() {{\n        assertEquals(1, {type}.one());\n    }}\n}}\n");
    }

    private static void RequireDebianRepository(string[] artifacts)
    {
        var missing = artifacts.Where(a => !Directory.Exists(Path.Combine(DebianRepository, a))).ToList();
        if (missing.Count > 0)
        {
            Assert.Skip($"Debian's Maven repository lacks {string.Join(", ", missing)} (apt-get install maven gradle libsurefire-java junit4 libmaven-compiler-plugin-java libmaven-resources-plugin-java); the validators run offline.");
        }
    }

    private const string MavenParent = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>shapes</artifactId>
          <version>1.0</version>
          <packaging>pom</packaging>
          <modules>
            <module>alpha</module>
            <module>beta</module>
          </modules>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
          </properties>
          <dependencies>
            <dependency>
              <groupId>junit</groupId>
              <artifactId>junit</artifactId>
              <version>4.13.2</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
          <build>
            <plugins>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-resources-plugin</artifactId>
                <version>3.3.0</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-compiler-plugin</artifactId>
                <version>3.10.1</version>
              </plugin>
              <plugin>
                <groupId>org.apache.maven.plugins</groupId>
                <artifactId>maven-surefire-plugin</artifactId>
                <version>2.22.3</version>
              </plugin>
            </plugins>
          </build>
        </project>

        """;

    private static string MavenModule(string module) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>example</groupId>
            <artifactId>shapes</artifactId>
            <version>1.0</version>
          </parent>
          <artifactId>{module}</artifactId>
        </project>

        """;
}
