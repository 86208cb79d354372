using Honk.Testing;

namespace Honk.Validators.Tests.Node;

/// <summary>
/// eslint-formatter-pretty, the reporter of xo and tsd, names a file and then its problems. Found on
/// sindresorhus/slugify (session 12, <c>xo &amp;&amp; ava &amp;&amp; tsd</c>, no lockfile): tsd's type errors in a newer
/// <c>@types/node</c> were read as 120 failing ava tests named <c>952:8 …</c> in no file, "yours to fix".
/// </summary>
public sealed class PrettyReporterTests : IDisposable
{
    private const string TsdOutput = """

          node_modules/@types/node/http.d.ts:952:8
          ✖  952:8   Required type parameters may not follow optional type parameters.
          ✖  953:8   Cannot find name Http2Request.

          index.test-d.ts:4:1
          ✖   4:1   Argument of type number is not assignable to parameter of type string.  

          3 errors

        """;

    private readonly TemporaryDirectory _repo = new("honk-pretty-reporter");

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Parse_TsdOutput_TypeErrorsWithTheirFilesNotTests()
    {
        var findings = NodeValidator.Parser.Parse(TsdOutput);

        Assert.Equal(
            [("node_modules/@types/node/http.d.ts", 952, "Required type parameters may not follow optional type parameters."),
             ("node_modules/@types/node/http.d.ts", 953, "Cannot find name Http2Request."),
             ("index.test-d.ts", 4, "Argument of type number is not assignable to parameter of type string.")],
            findings.Select(f => (f.File!, f.Line!.Value, f.Message)));
        Assert.All(findings, f => Assert.Null(f.TestName));
    }

    [Theory]
    [InlineData("index.js", "node_modules/@types/node/http.d.ts", true)]
    [InlineData("package.json", "node_modules/@types/node/http.d.ts", false)]
    [InlineData("index.js", "index.test-d.ts", false)]
    public async Task IsEnvironment_AnInstalledPackagesFile_UnlessTheChangeEditsTheManifest(string changed, string file, bool environment)
    {
        _repo.WriteFile("package.json", """{ "name": "slug", "scripts": { "test": "xo && ava && tsd" } }""");
        _repo.WriteFile("index.js", "export default function slugify() {}\n");
        _repo.WriteFile("index.test-d.ts", "slugify(1);\n");
        var facts = await RepositoryFacts.ScanAsync(_repo.Path, [changed], TestContext.Current.CancellationToken);

        var business = new SessionBusiness(new CodingTask("Document slugify"), facts);

        Assert.Equal(environment, business.IsEnvironment(new ValidationFinding("Cannot find name Http2Request.") { File = file, Line = 953 }));
    }
}
