using Honk.Validators.Toolchains;

namespace Honk.Validators.Tests.Toolchains;

public sealed class PythonPackageMetadataTests
{
    [Theory]
    [InlineData("[project]\nname = \"click\"\nversion = \"8.5.0.dev\"\n", "click", "8.5.0.dev")]
    [InlineData("[build-system]\nrequires = [\"flit_core\"]\n\n[project]\nname = 'calc'\ndynamic = [\"version\"]\n\n[tool.x]\nversion = \"9\"\n", "calc", "0")]
    [InlineData("[project]\r\nname = \"a-b\"\r\nversion = \"1.0\"\r\n", "a-b", "1.0")]
    public void Read_NameAndVersionOfTheProjectTableOnly(string pyproject, string name, string version)
        => Assert.Equal((name, version), PythonPackageMetadata.Read(pyproject));

    [Theory]
    [InlineData("[tool.poetry]\nname = \"calc\"\n")]
    [InlineData("[project]\ndescription = \"no name\"\n[other]\nname = \"x\"\n")]
    public void Read_NoProjectName_Null(string pyproject) => Assert.Null(PythonPackageMetadata.Read(pyproject));

    [Fact]
    public void EntryPointsFile_EntryPointAndScriptTables_AsTheInstalledDistributionWouldHaveThem()
    {
        // Python-Markdown's layout: extensions found by entry point, a console script; another table between them.
        const string Pyproject = "[project]\nname = 'Markdown'\ndynamic = ['version']\n\n"
            + "[project.scripts]\nmarkdown_py = 'markdown.__main__:run'\n\n"
            + "[project.urls]\n'Homepage' = 'https://example.invalid'\n\n"
            + "[project.entry-points.'markdown.extensions']\nabbr = 'markdown.extensions.abbr:AbbrExtension'\n"
            + "md_in_html = \"markdown.extensions.md_in_html:MarkdownInHtmlExtension\"\n\n[tool.setuptools]\npackages = ['markdown']\n";

        Assert.Equal(
            "[console_scripts]\nmarkdown_py = markdown.__main__:run\n\n"
            + "[markdown.extensions]\nabbr = markdown.extensions.abbr:AbbrExtension\nmd_in_html = markdown.extensions.md_in_html:MarkdownInHtmlExtension\n\n",
            PythonPackageMetadata.EntryPointsFile(Pyproject));
    }

    [Fact]
    public void EntryPointsFile_NoEntryPoints_Empty()
        => Assert.Equal("", PythonPackageMetadata.EntryPointsFile("[project]\nname = \"calc\"\n[project.urls]\nx = \"y\"\n"));
}
