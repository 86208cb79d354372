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
}
