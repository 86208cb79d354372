namespace Honk.Cli.Tests.Outcomes;

/// <summary>
/// The JVM families, Maven and Gradle: one JUnit project per folder. Validators run them offline, so JUnit and the
/// build's plugins must already be in a Maven repository on this machine: Debian's (<c>/usr/share/maven-repo</c>, what
/// <c>.ci/run</c> installs with apt), else the user's <c>~/.m2/repository</c>. The fixture points the build at it the way
/// a user would configure their own build — <c>.mvn/maven.config</c> for Maven, <c>gradle.properties</c> for Gradle's
/// <c>mavenLocal()</c> — and Honk's validators stay as they run anywhere. Where neither repository has what the fixture
/// pins, the families skip, saying so.
/// </summary>
public sealed partial record ToolchainFamily
{
    /// <summary>Debian's Maven repository: the jars of installed <c>lib*-java</c> packages, laid out as Maven's.</summary>
    private const string DebianRepository = "/usr/share/maven-repo";

    /// <summary>What Maven's <c>test</c> phase needs, at the versions Debian 12 ships (the fixture's pom pins them).</summary>
    private static readonly string[] MavenArtifacts =
    [
        "org/apache/maven/plugins/maven-resources-plugin/3.3.0",
        "org/apache/maven/plugins/maven-compiler-plugin/3.10.1",
        "org/apache/maven/plugins/maven-surefire-plugin/2.22.3",
        "junit/junit/4.13.2",
    ];

    /// <summary>What the Gradle fixtures resolve: JUnit 4, and JUnit 5's API for the build that runs no test.</summary>
    private static readonly string[] GradleArtifacts = ["junit/junit/4.13.2", "org/junit/jupiter/junit-jupiter-api/5.9.2"];

    private const string DebianPackages = "apt-get install default-jdk-headless maven gradle libsurefire-java junit4 libmaven-compiler-plugin-java libmaven-resources-plugin-java";

    private static ToolchainFamily Maven => Jvm("maven", ["mvn", "java", "javac"], "pom.xml", MavenProject, MavenNoTests) with
    {
        Unavailable = () => RepositoryWith(MavenArtifacts) is null ? NoRepository("Maven", MavenArtifacts) : null,

        // Debian's repository is named in the project's Maven configuration; ~/.m2 needs nothing: Honk mounts it.
        EnvironmentFiles = () => RepositoryWith(MavenArtifacts) == DebianRepository ? new() { [".mvn/maven.config"] = $"-Dmaven.repo.local={DebianRepository}\n" } : [],
    };

    private static ToolchainFamily Gradle => Jvm("gradle", ["gradle", "java", "javac"], "build.gradle", _ => GradleBuild, GradleNoTests) with
    {
        Unavailable = () => RepositoryWith(GradleArtifacts) is null ? NoRepository("Gradle", GradleArtifacts) : null,

        // mavenLocal() reads maven.repo.local; the sandbox's HOME is its own, so even ~/.m2 is named. Each folder is its own build.
        EnvironmentFiles = () => new[] { "", "calc/", "strings/" }.ToDictionary(folder => folder + "gradle.properties", _ => $"systemProp.maven.repo.local={RepositoryWith(GradleArtifacts)}\n"),
    };

    private const string GradleBuild = "plugins { id 'java' }\n\nrepositories { mavenLocal(); mavenCentral() }\n\ndependencies { testImplementation 'junit:junit:4.13.2' }\n";

    private static ToolchainFamily Jvm(string name, string[] tools, string buildFile, Func<string, string> build, Dictionary<string, string> noTests) => new(
        name,
        tools,
        new()
        {
            [$"calc/{buildFile}"] = build("calc"),
            ["calc/src/main/java/calc/Calc.java"] = CalcJava("a - b"),
            ["calc/src/test/java/calc/CalcTest.java"] = "package calc;\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class CalcTest {\n    @Test\n    public void addsSmallNumbers() {\n        assertEquals(5, Calc.add(2, 3));\n    }\n}\n",
        },
        new()
        {
            [$"strings/{buildFile}"] = build("strs"),
            ["strings/src/main/java/strs/Shout.java"] = "package strs;\n\npublic final class Shout {\n    public static String shout(String s) {\n        return s;\n    }\n}\n",
            ["strings/src/test/java/strs/ShoutTest.java"] = "package strs;\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class ShoutTest {\n    @Test\n    public void shoutsInCapitals() {\n        assertEquals(\"HI\", Shout.shout(\"hi\"));\n    }\n}\n",
        },
        "calc/src/main/java/calc/Calc.java",
        "        return a - b;",
        "        return a + b;",
        "        // the sum",
        ("strings/src/main/java/strs/Shout.java", "        return s;", "        return s.toUpperCase();"),
        "addsSmallNumbers",
        "shoutsInCapitals",
        noTests)
    {
        RunTimeout = TimeSpan.FromMinutes(8),
    };

    private static string CalcJava(string sum) => $"package calc;\n\npublic final class Calc {{\n    public static int add(int a, int b) {{\n        return {sum};\n    }}\n}}\n";

    /// <summary>A JUnit 4 test class Surefire never runs: its name is not Test*, *Test, *Tests or *TestCase.</summary>
    private static Dictionary<string, string> MavenNoTests => new()
    {
        ["pom.xml"] = MavenProject("calc"),
        ["src/main/java/calc/Calc.java"] = CalcJava("a + b"),
        ["src/test/java/calc/CalcCheck.java"] = "package calc;\n\nimport static org.junit.Assert.assertEquals;\n\nimport org.junit.Test;\n\npublic class CalcCheck {\n    @Test\n    public void adds() {\n        assertEquals(5, Calc.add(2, 3));\n    }\n}\n",
    };

    /// <summary>JUnit 5 tests in a build that never calls useJUnitPlatform(): Gradle's JUnit 4 runner finds no test in them.</summary>
    private static Dictionary<string, string> GradleNoTests => new()
    {
        ["build.gradle"] = "plugins { id 'java' }\n\nrepositories { mavenLocal(); mavenCentral() }\n\ndependencies { testImplementation 'org.junit.jupiter:junit-jupiter-api:5.9.2' }\n",
        ["src/main/java/calc/Calc.java"] = CalcJava("a + b"),
        ["src/test/java/calc/CalcTest.java"] = "package calc;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\nclass CalcTest {\n    @Test\n    void adds() {\n        assertEquals(5, Calc.add(2, 3));\n    }\n}\n",
    };

    /// <summary>A project as users write them: the plugins of the <c>test</c> phase pinned (Maven warns otherwise).</summary>
    private static string MavenProject(string artifact) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>example</groupId>
          <artifactId>{artifact}</artifactId>
          <version>1.0</version>
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

    private static string UserRepository => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".m2", "repository");

    /// <summary>The first Maven repository on this machine holding every artifact, or <see langword="null"/>.</summary>
    private static string? RepositoryWith(string[] artifacts)
        => new[] { DebianRepository, UserRepository }.FirstOrDefault(repository => artifacts.All(a => Directory.Exists(Path.Combine(repository, a))));

    private static string NoRepository(string tool, string[] artifacts)
        => $"neither Debian's Maven repository ({DebianRepository}: {DebianPackages}) nor {UserRepository} holds {string.Join(", ", artifacts)}, "
            + $"and validators run {tool} offline (no Maven repository is reachable from this machine)";
}
