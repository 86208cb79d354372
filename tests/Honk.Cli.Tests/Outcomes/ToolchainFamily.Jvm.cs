namespace Honk.Cli.Tests.Outcomes;

/// <summary>
/// The JVM families, Maven and Gradle: one JUnit 4 project per folder. Both need JUnit and their build's plugins from
/// a local repository (validators run offline); where the machine has none they skip, saying so.
/// </summary>
public sealed partial record ToolchainFamily
{
    private static ToolchainFamily Maven => Jvm("maven", ["mvn", "java"], "pom.xml", MavenProject) with { Unavailable = MavenRepositoryMissing };

    private static ToolchainFamily Gradle => Jvm("gradle", ["gradle", "java"], "build.gradle", _ => GradleBuild) with { Unavailable = GradleCacheMissing };

    private const string GradleBuild = "plugins { id 'java' }\n\nrepositories { mavenLocal(); mavenCentral() }\n\ndependencies { testImplementation 'junit:junit:4.13.2' }\n";

    private static ToolchainFamily Jvm(string name, string[] tools, string buildFile, Func<string, string> build) => new(
        name,
        tools,
        new()
        {
            [$"calc/{buildFile}"] = build("calc"),
            ["calc/src/main/java/calc/Calc.java"] = "package calc;\n\npublic final class Calc {\n    public static int add(int a, int b) {\n        return a - b;\n    }\n}\n",
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


        // Maven runs quietly (-q) and Gradle prints nothing for a test task that ran no test: neither can tell.
        null)
    {
        RunTimeout = TimeSpan.FromMinutes(8),
    };

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
        </project>

        """;

    private static string LocalRepository => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".m2", "repository");

    /// <summary>Maven validates offline (<c>mvn -o</c>): without Surefire and JUnit in the local repository nothing can run.</summary>
    private static string? MavenRepositoryMissing()
        => Directory.Exists(Path.Combine(LocalRepository, "org/apache/maven/plugins/maven-surefire-plugin")) && Directory.Exists(Path.Combine(LocalRepository, "junit/junit"))
            ? null
            : $"the local Maven repository ({LocalRepository}) has no maven-surefire-plugin or junit, and validators run Maven offline (no Maven repository is reachable from this machine)";

    /// <summary>Gradle validates with <c>--offline</c>: JUnit must come from the local Maven repository.</summary>
    private static string? GradleCacheMissing()
        => Directory.Exists(Path.Combine(LocalRepository, "junit/junit"))
            ? null
            : $"junit is not in the local Maven repository ({LocalRepository}), and validators run Gradle offline";
}
